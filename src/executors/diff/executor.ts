/**
 * `nx run db:diff`: the SQL that the source holds and no migration writes yet. A CI gate: it
 * fails when the migrations lag the source (unless allowPending) and when the pending changes
 * would lose data (unless that hazard is allowed). A plan that a git merge left with conflict
 * markers or two changes of one number fails first, pointing at the rebase generator.
 */
import { existsSync } from 'fs';
import { logger, type ExecutorContext } from '@nx/devkit';
import { planMigration, type Hazard } from '@pgshift/diff';
import { checkMergedPlan, emptyModel, engineOptions, migrationsModel, projectPaths, readPlan, sourceModel, withEngine } from '@pgshift/sqitch';
import { ExecutorError } from '../errors';
import { resolveProject, run, type ExecutorResult } from '../project';
import type { DiffExecutorSchema } from './schema';

const GATED_HAZARDS = ['data-loss'];

export default async function diffExecutor(options: DiffExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return run(async () => {
    const project = resolveProject(options, context);
    const paths = projectPaths(project);
    const load = { envFile: paths.envFile, variables: project.variables, baseDir: project.dir, onEcho: (text: string) => logger.info(text) };
    const initialised = existsSync(paths.planFile);
    if (initialised) {
      const merge = { rebaseCommand: `\`nx g pgshift:rebase --project ${context.projectName ?? '<project>'}\` (outside Nx: \`pgshift migrations rebase\`)` };
      checkMergedPlan(readPlan(paths.planFile, merge), merge);
    }
    const plan = await withEngine(engineOptions(project), async (engine) => {
      const from = initialised ? await migrationsModel(engine, paths.planFile, load) : await emptyModel(engine);
      const to = await sourceModel(engine, paths.source, load);
      return planMigration(from, to);
    });
    if (plan.changes.length === 0) {
      logger.info(`No pending changes: the migrations in ${project.migrations} produce the source ${project.source}.`);
      return true;
    }
    process.stdout.write(plan.deploy.endsWith('\n') ? plan.deploy : `${plan.deploy}\n`);
    for (const hazard of plan.hazards) logger.warn(`hazard: ${hazard.code}: ${hazard.message}`);
    gateHazards(plan.hazards, options.allowHazards ?? []);
    if (!options.allowPending) {
      const next = initialised
        ? `write them with \`nx g pgshift:migration NAME --project ${context.projectName ?? '<project>'}\``
        : `start the migrations with \`nx g pgshift:migrations-init --project ${context.projectName ?? '<project>'}\``;
      throw new ExecutorError(
        'PENDING',
        `The migrations lag the source: ${plan.changes.length} pending change${plan.changes.length === 1 ? '' : 's'} ` +
          `(printed above) between ${project.migrations} and ${project.source}; ${next}, or pass --allowPending to accept them.`,
        'allowPending',
      );
    }
    return true;
  });
}

function gateHazards(hazards: Hazard[], allowed: string[]): void {
  const refused = hazards.filter((h) => GATED_HAZARDS.includes(h.code) && !allowed.includes(h.code) && !allowed.includes('all'));
  if (refused.length === 0) return;
  const codes = [...new Set(refused.map((h) => h.code))];
  throw new ExecutorError(
    'HAZARD',
    `The pending changes would ${refused.map((h) => `${h.code}: ${h.message}`).join('; ')}. Pass --allowHazards=${codes.join(',')} to accept them.`,
    'allowHazards',
  );
}
