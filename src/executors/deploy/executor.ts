/** `nx run db:deploy`: pending migrations to the target database, each change with its registry rows. */
import type { ExecutorContext } from '@nx/devkit';
import { deploy } from '@pgshift/sqitch';
import { run, type ExecutorResult } from '../project';
import { targetOptions } from '../target';
import type { DeployExecutorSchema } from './schema';

export default async function deployExecutor(options: DeployExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return run(async () => {
    await deploy({
      ...targetOptions(options, context),
      ...(options.to !== undefined ? { to: options.to } : {}),
      verify: options.verify ?? false,
      // Unset options keep deploy's own defaults (lock timeout 3 s, 5 tries, no statement timeout).
      ...(options.lockTimeout !== undefined ? { lockTimeout: options.lockTimeout } : {}),
      ...(options.lockTries !== undefined ? { lockTries: options.lockTries } : {}),
      ...(options.statementTimeout !== undefined ? { statementTimeout: options.statementTimeout } : {}),
    });
    return true;
  });
}
