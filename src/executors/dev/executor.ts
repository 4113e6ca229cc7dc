/**
 * `nx run db:dev`: the dev loop of `pgshift dev` — a development database kept in step with the
 * SQL source — until the process is stopped. The inferred target is continuous; it reports itself
 * ready (readyWhen `signal`, NX_READY_URL for the tasks that wait) once the source has loaded.
 */
import * as devkit from '@nx/devkit';
import { logger, type ExecutorContext } from '@nx/devkit';
import { maskUrl } from '@pgshift/engines';
import { startDev, stopSignal, type DevSession } from '@pgshift/sqitch';
import { resolveProject, run, type ExecutorResult } from '../project';
import type { DevExecutorSchema } from './schema';

export default async function devExecutor(options: DevExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return run(async () => {
    const project = resolveProject(options, context);
    const stop = stopSignal();
    let session: DevSession | undefined;
    let loaded = false;
    let signalled = false;
    const ready = (): void => {
      if (signalled || !loaded || !session) return;
      signalled = true;
      (devkit as { emitReadySignal?: (url: string) => boolean }).emitReadySignal?.(session.url);
    };
    try {
      session = await startDev(project, {
        port: options.port,
        database: options.database,
        onMessage: (line) => logger.info(masked(line)),
        onError: (text) => logger.error(masked(text)),
        onEcho: (text) => logger.info(text),
        onReload: (result) => {
          loaded ||= result.ok;
          ready();
        },
      });
      ready();
      await stop.received;
      await session.stop();
      return true;
    } finally {
      stop.remove();
    }
  });
}

function masked(text: string): string {
  return text.replace(/postgres(?:ql)?:\/\/[^\s'"]+/g, (url) => maskUrl(url));
}
