/** `nx run db:revert`: deployed migrations reverted from the target database, newest first. */
import type { ExecutorContext } from '@nx/devkit';
import { revert } from '@pgshift/sqitch';
import { run, type ExecutorResult } from '../project';
import { targetOptions } from '../target';
import type { RevertExecutorSchema } from './schema';

export default async function revertExecutor(options: RevertExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return run(async () => {
    await revert({ ...targetOptions(options, context), ...(options.to !== undefined ? { to: options.to } : {}) });
    return true;
  });
}
