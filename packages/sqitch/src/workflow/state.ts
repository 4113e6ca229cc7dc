/**
 * Database states as SchemaModels: the SQL source loaded into a throwaway database, the
 * migrations replayed into another (cached on disk by content), a live database, or nothing.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { introspect, parseModel, serializeModel, SchemaModel } from '@pgshift/catalog';
import { cacheDir, createEngine, Database, Engine, EngineOptions, maskUrl } from '@pgshift/engines';
import { readPlan, type Plan } from '../plan';
import { scriptPath } from '../scripts';
import { ProjectError } from './project';

export interface LoadOptions {
  envFile?: string;
  variables?: Record<string, string>;
  onEcho?: (text: string) => void;
  /** Folder `\i` paths are relative to (psql: the working directory). */
  baseDir?: string;
}

/** Runs `work` with one throwaway database that is disposed right after. */
export async function withDatabase<T>(engine: Engine, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await engine.createDatabase();
  try {
    return await work(db);
  } finally {
    await db.dispose();
  }
}

export async function withEngine<T>(options: EngineOptions, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await createEngine(options);
  try {
    return await work(engine);
  } finally {
    await engine.dispose();
  }
}

export function modelOf(db: Database): Promise<SchemaModel> {
  return introspect(async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows);
}

/** The state a psql script produces. */
export function sourceModel(engine: Engine, file: string, options: LoadOptions = {}): Promise<SchemaModel> {
  if (!existsSync(file)) throw new ProjectError('NOT_FOUND', `The SQL source ${file} does not exist.`, { file });
  return withDatabase(engine, async (db) => {
    await db.runScript(file, options);
    return modelOf(db);
  });
}

/** The state of a freshly created database. */
export function emptyModel(engine: Engine): Promise<SchemaModel> {
  return withDatabase(engine, modelOf);
}

/**
 * A live database, introspected where it is. The Sqitch registry schema is not part of the
 * application's state: a deployed database compares equal to its source.
 */
export async function liveModel(url: string, options: { registry?: string } = {}): Promise<SchemaModel> {
  // The catalog queries are independent: a few connections read them at once.
  const clients = Array.from({ length: LIVE_CONNECTIONS }, () => new Client({ connectionString: url }));
  const connected = await Promise.allSettled(clients.map((c) => c.connect()));
  try {
    const failed = connected.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw new ProjectError('TARGET', `Cannot connect to ${maskUrl(url)}: ${(failed.reason as Error).message}.`);
    return await introspect(
      clients.map((client) => async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows),
      { excludeSchemas: [options.registry ?? 'sqitch'] },
    );
  } finally {
    await Promise.all(clients.map((c, i) => (connected[i]!.status === 'fulfilled' ? c.end().catch(() => undefined) : undefined)));
  }
}

const LIVE_CONNECTIONS = 3;

/** Deploy scripts of a plan, in plan order. */
export function deployScripts(planFile: string, plan: Plan = readPlan(planFile)): string[] {
  const topDir = path.dirname(planFile);
  return plan.changes.map((change) => scriptPath({ topDir }, change, 'deploy'));
}

/**
 * The state after every deploy script of a plan has run. The model is cached on disk under a key
 * made of the engine, its version and the content of the plan and of every deploy script, so a
 * warm `migrations add` costs one source load, not a replay of the whole history.
 */
export async function migrationsModel(engine: Engine, planFile: string, options: LoadOptions & { cache?: boolean } = {}): Promise<SchemaModel> {
  if (!existsSync(planFile)) throw new ProjectError('NOT_FOUND', `The plan ${planFile} does not exist; run \`pgshift migrations init\` first.`, { file: planFile });
  const scripts = deployScripts(planFile);
  const hash = createHash('sha256');
  hash.update(`${engine.name}\0${engine.version ?? ''}\0${readFileSync(planFile)}`);
  for (const file of scripts) {
    if (!existsSync(file)) throw new ProjectError('NOT_FOUND', `${planFile}: the deploy script ${file} is missing.`, { file: planFile });
    hash.update(`\0${file}\0`).update(readFileSync(file));
  }
  const cacheFile = path.join(cacheDir(), `migrations-${hash.digest('hex').slice(0, 32)}.json`);
  if (options.cache !== false && existsSync(cacheFile) && statSync(cacheFile).size > 0) {
    try {
      return parseModel(readFileSync(cacheFile, 'utf8'));
    } catch {
      // A cache entry from another model version is simply rebuilt.
    }
  }
  const model = await withDatabase(engine, async (db) => {
    for (const file of scripts) await db.runScript(file, { ...options, variables: options.variables });
    return modelOf(db);
  });
  if (options.cache !== false) {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, serializeModel(model));
    renameSync(temp, cacheFile);
  }
  return model;
}
