/**
 * Throwaway databases must not outlive the process that made them. Live server engines register
 * here; while any is alive, SIGINT and SIGTERM first drop their databases, then the signal takes
 * its default course (the process is killed by it) unless the program has handlers of its own.
 */
export interface Cleanable {
  /** Drops everything the engine created; must not throw. */
  cleanup(): Promise<void>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
/** How long a signal waits for the drops before the process goes anyway. */
const CLEANUP_TIMEOUT_MS = 10_000;

const live = new Set<Cleanable>();
const handlers = new Map<NodeJS.Signals, () => void>();

export function register(engine: Cleanable): void {
  live.add(engine);
  if (handlers.size === 0) for (const signal of SIGNALS) install(signal);
}

export function unregister(engine: Cleanable): void {
  live.delete(engine);
  if (live.size === 0) uninstall();
}

function install(signal: NodeJS.Signals): void {
  const handler = (): void => {
    const othersListen = process.listenerCount(signal) > 1;
    uninstall();
    const engines = [...live];
    live.clear();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_TIMEOUT_MS).unref());
    void Promise.race([Promise.all(engines.map((e) => e.cleanup())), timeout]).then(() => {
      // With our handler gone, re-raising gives the signal its default effect; if the program
      // listens too, it has seen the signal already and decides for itself.
      if (!othersListen) process.kill(process.pid, signal);
    });
  };
  handlers.set(signal, handler);
  process.on(signal, handler);
}

function uninstall(): void {
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  handlers.clear();
}

/** Whether a process with this pid runs on this host. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
