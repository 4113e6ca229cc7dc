/**
 * What every pgshift executor shares: finding the database project from its options and the Nx
 * context, finding the target database, and turning failures into one printed paragraph.
 */
import * as path from 'path';
import { logger, type ExecutorContext } from '@nx/devkit';
import { maskPassword, loadProject, type Project, type ProjectOptions } from '@pgshift/sqitch';
import { ExecutorError } from './errors';

export interface ProjectSelection {
  /** pgshift's project folder, relative to the workspace root; the Nx project's root by default. */
  dir?: string;
  source?: string;
  migrations?: string;
  tests?: string[];
  envFile?: string;
  engine?: ProjectOptions['engine'];
  databaseUrl?: string;
  variables?: Record<string, string>;
}

export interface TargetSelection {
  target?: string;
  targetEnv?: string;
  registry?: string;
}

export type ExecutorResult = { success: boolean };

export function resolveProject(options: ProjectSelection, context: ExecutorContext, env: NodeJS.ProcessEnv = process.env): Project {
  const projectRoot = context.projectName ? context.projectsConfigurations?.projects[context.projectName]?.root : undefined;
  const dir = path.resolve(context.root, options.dir ?? projectRoot ?? '.');
  return loadProject(dir, {
    source: options.source,
    migrations: options.migrations,
    tests: options.tests,
    envFile: options.envFile,
    engine: engineFromEnv(env) ?? options.engine,
    databaseUrl: options.databaseUrl,
    variables: options.variables,
  });
}

export const ENGINE_ENV = 'PGSHIFT_ENGINE';

/**
 * PGSHIFT_ENGINE, when set, wins over the `engine` option and pgshift.json: a CI pipeline's one
 * switch to move every executor onto the server at PGSHIFT_DATABASE_URL (its service container)
 * without flags that `nx affected` would pass to other projects' targets too.
 */
function engineFromEnv(env: NodeJS.ProcessEnv): ProjectOptions['engine'] | undefined {
  const value = env[ENGINE_ENV];
  if (value === undefined || value === '') return undefined;
  if (value === 'pglite' || value === 'server' || value === 'docker') return value;
  throw new ExecutorError('OPTION', `The environment variable ${ENGINE_ENV} is "${value}"; set it to pglite, server or docker, or unset it to use the engine of pgshift.json.`, 'engine');
}

export const DEFAULT_TARGET_ENV = 'DATABASE_URL';

/** The `target` option, else the environment variable that `targetEnv` names. */
export function resolveTarget(options: TargetSelection, env: NodeJS.ProcessEnv = process.env): string {
  if (options.target) return options.target;
  const name = options.targetEnv ?? DEFAULT_TARGET_ENV;
  const value = env[name];
  if (!value) {
    throw new ExecutorError(
      'NO_TARGET',
      `No target database: the option "target" is not set and the environment variable ${name} (named by the option "targetEnv") is empty. ` +
        `Set ${name} to a postgres:// URL (or a db:pg: Sqitch target), or pass --target.`,
      options.target === undefined ? 'targetEnv' : 'target',
    );
  }
  return value;
}

/** Runs an executor's work; any failure becomes one printed message and `success: false`. */
export async function run(work: () => Promise<boolean>): Promise<ExecutorResult> {
  try {
    return { success: await work() };
  } catch (error) {
    logger.error(describe(error));
    return { success: false };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const text = maskUrls(error.message);
  return typeof code === 'string' ? `${text} [${code}]` : text;
}

function maskUrls(text: string): string {
  return text.replace(/postgres(?:ql)?:\/\/[^\s'"]+/g, (url) => maskPassword(url));
}
