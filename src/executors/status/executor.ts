/** `nx run db:status`: what is deployed to the target database, in Sqitch's words. */
import { logger, type ExecutorContext } from '@nx/devkit';
import { status, type StatusResult } from '@pgshift/sqitch';
import { run, type ExecutorResult } from '../project';
import { targetOptions } from '../target';
import type { StatusExecutorSchema } from './schema';

export default async function statusExecutor(options: StatusExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return run(async () => {
    const result = await status(targetOptions(options, context));
    for (const line of formatStatus(result)) logger.info(line);
    return true;
  });
}

export function formatStatus(result: StatusResult): string[] {
  const lines = [`# On database ${result.destination}`];
  if (!result.lastChange) {
    lines.push('No changes deployed');
  } else {
    const c = result.lastChange;
    lines.push(
      `# Project:  ${result.project}`,
      `# Change:   ${c.id}`,
      `# Name:     ${c.name}`,
      ...(c.tags.length > 0 ? [`# Tags:     ${c.tags.join(', ')}`] : []),
      `# Deployed: ${c.committedAt.toISOString()}`,
      `# By:       ${c.committerName}`,
      '#',
    );
  }
  for (const name of result.modified) lines.push(`Deploy script of ${name} was modified after it was deployed`);
  if (result.upToDate) lines.push('Nothing to deploy (up-to-date)');
  else lines.push(`Undeployed change${result.undeployed.length === 1 ? '' : 's'}:`, ...result.undeployed.map((n) => `  * ${n}`));
  return lines;
}
