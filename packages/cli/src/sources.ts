import { existsSync, statSync } from 'fs';
import * as path from 'path';
import type { SchemaModel } from '@pgshift/catalog';
import type { Engine, EngineOptions } from '@pgshift/engines';
import { emptyModel, liveModel, livePairModels, LoadOptions, migrationsModel, sourceModel } from '@pgshift/sqitch';
import { UsageError } from './errors';

export function engineOption(name: string | undefined, databaseUrl: string | undefined): EngineOptions {
  switch (name ?? 'pglite') {
    case 'pglite':
      return { engine: 'pglite' };
    case 'server':
      return { engine: 'server', url: databaseUrl };
    case 'docker':
      return { engine: 'docker' };
    default:
      throw new UsageError(`--engine must be pglite, server or docker, got "${name}"`, 'engine');
  }
}

const isUrl = (source: string): boolean => /^postgres(ql)?:\/\//i.test(source);

/** Checks a SOURCE argument before any engine starts, so that a mistyped path costs no database. */
export function checkSource(source: string, option?: string): void {
  if (isUrl(source) || source === 'empty') return;
  const named = option ? `--${option} ${source}` : `the source "${source}"`;
  const full = path.resolve(source);
  if (!existsSync(full)) {
    throw new UsageError(
      `${named}: no such file or folder; a source is a postgres:// URL, a .sql file, a folder holding init.sql, a sqitch.plan or "empty"`,
      option,
    );
  }
  if (statSync(full).isDirectory() && !existsSync(path.join(full, 'init.sql'))) {
    throw new UsageError(`${named}: the folder holds no init.sql; name the entry file instead`, option);
  }
}

/**
 * Turns a SOURCE argument into a SchemaModel: a live database is introspected where it is; SQL is
 * loaded into a throwaway database that is disposed right after introspection, so that on a shared
 * server at most one database loaded from the same source lives at a time.
 */
export async function loadModel(source: string, engine: () => Promise<Engine>, options: LoadOptions): Promise<SchemaModel> {
  if (isUrl(source)) return liveModel(source);
  if (source === 'empty') return emptyModel(await engine());
  checkSource(source);
  const full = path.resolve(source);
  if (path.basename(full) === 'sqitch.plan') return migrationsModel(await engine(), full, options);
  const file = statSync(full).isDirectory() ? path.join(full, 'init.sql') : full;
  const envFile = options.envFile ?? findEnvFile(path.dirname(file));
  return sourceModel(await engine(), file, { ...options, envFile });
}

/**
 * The models of two SOURCE arguments for a diff from the first to the second. Two live databases
 * are read together, which leaves out most of what is the same in both; anything else is loaded
 * one after the other: a shared server holds at most one database loaded from a source at a time.
 */
export async function loadModels(from: string, to: string, engine: () => Promise<Engine>, options: LoadOptions): Promise<[SchemaModel, SchemaModel]> {
  if (isUrl(from) && isUrl(to)) return livePairModels(from, to);
  return [await loadModel(from, engine, options), await loadModel(to, engine, options)];
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
