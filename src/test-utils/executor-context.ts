/** The ExecutorContext Nx passes to an executor, for one project at `root` of a workspace. */
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';

export function executorContext(workspaceRoot: string, projectName: string, projectRoot: string): ExecutorContext {
  return {
    root: workspaceRoot,
    cwd: workspaceRoot,
    isVerbose: false,
    projectName,
    projectsConfigurations: { version: 2, projects: { [projectName]: { root: projectRoot } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  } as ExecutorContext;
}

/** What an executor printed through the Nx logger and on stdout, while `work` ran. */
export async function captured<T>(work: () => Promise<T>): Promise<{ result: T; info: string; errors: string; stdout: string }> {
  const info: string[] = [];
  const errors: string[] = [];
  const stdout: string[] = [];
  const spies = [
    jest.spyOn(logger, 'info').mockImplementation((m: unknown) => void info.push(String(m))),
    jest.spyOn(logger, 'warn').mockImplementation((m: unknown) => void info.push(String(m))),
    jest.spyOn(logger, 'error').mockImplementation((m: unknown) => void errors.push(String(m))),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    }),
  ];
  try {
    const result = await work();
    return { result, info: info.join('\n'), errors: errors.join('\n'), stdout: stdout.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
