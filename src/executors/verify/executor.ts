/** `nx run db:verify`: the verify script of every deployed change, each rolled back. */
import { logger, type ExecutorContext } from '@nx/devkit';
import { verify } from '@pgshift/sqitch';
import { run, type ExecutorResult } from '../project';
import { targetOptions } from '../target';
import type { VerifyExecutorSchema } from './schema';

export default async function verifyExecutor(options: VerifyExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return run(async () => {
    const result = await verify(targetOptions(options, context));
    if (result.changes.length === 0) logger.info(`No changes deployed to ${result.destination}; nothing to verify.`);
    else logger.info(result.ok ? 'Verify successful' : `Verify failed: ${result.changes.filter((c) => !c.ok).length} change(s) did not verify.`);
    return result.ok;
  });
}
