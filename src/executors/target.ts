/** The options deploy, revert, verify and status share: the plan and the target database. */
import { logger, type ExecutorContext } from '@nx/devkit';
import { projectPaths, type TargetOptions } from '@pgshift/sqitch';
import { resolveProject, resolveTarget, type ProjectSelection, type TargetSelection } from './project';

export function targetOptions(options: ProjectSelection & TargetSelection, context: ExecutorContext): TargetOptions {
  const project = resolveProject(options, context);
  return {
    target: resolveTarget(options),
    planFile: projectPaths(project).planFile,
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
    onMessage: (message) => logger.info(message),
  };
}
