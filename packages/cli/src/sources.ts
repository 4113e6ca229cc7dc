import { existsSync, statSync } from 'fs';
import * as path from 'path';
import type { SchemaModel } from '@pgshift/catalog';
import type { Engine, EngineOptions } from '@pgshift/engines';
import { emptyModel, liveModel, LoadOptions, migrationsModel, sourceModel } from '@pgshift/sqitch';
import { UsageError } from './errors';

export function engineOption(name: string | undefined, databaseUrl: string | undefined): EngineOptions {
  switch (name ?? 'pglite') {
    case 'pglite':
      return { engine: 'pglite' };
    case 'server':
      return { engine: 'server', url: databaseUrl };
    default:
      throw new UsageError(`--engine must be pglite or server, got "${name}"`, 'engine');
  }
}

/**
 * Turns a SOURCE argument into a SchemaModel: a live database is introspected where it is; SQL is
 * loaded into a throwaway database that is disposed right after introspection, so that on a shared
 * server at most one database loaded from the same source lives at a time.
 */
export async function loadModel(source: string, engine: () => Promise<Engine>, options: LoadOptions): Promise<SchemaModel> {
  if (/^postgres(ql)?:\/\//i.test(source)) return liveModel(source);
  if (source === 'empty') return emptyModel(await engine());
  const full = path.resolve(source);
  if (!existsSync(full)) throw new UsageError(`the source "${source}" does not exist`);
  if (path.basename(full) === 'sqitch.plan') return migrationsModel(await engine(), full, options);
  const file = statSync(full).isDirectory() ? path.join(full, 'init.sql') : full;
  if (!existsSync(file)) throw new UsageError(`the source folder "${source}" holds no init.sql`);
  const envFile = options.envFile ?? findEnvFile(path.dirname(file));
  return sourceModel(await engine(), file, { ...options, envFile });
}

/** The nearest .env from the source's folder up to the working directory. */
function findEnvFile(dir: string): string | undefined {
  const stop = process.cwd();
  for (let current = dir; current.startsWith(stop); current = path.dirname(current)) {
    const candidate = path.join(current, '.env');
    if (existsSync(candidate)) return candidate;
    if (current === stop || current === path.dirname(current)) break;
  }
  return undefined;
}
