/**
 * Database states as SchemaModels: the SQL source loaded into a throwaway database, the
 * migrations replayed into another (cached on disk by content), a live database, or nothing.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { introspect, introspectPair, parseModel, serializeModel, SchemaModel, type QueryFn } from '@pgshift/catalog';
import { cacheDir, createEngine, Database, Engine, EngineOptions, maskUrl } from '@pgshift/engines';
import { readScriptText } from '@pgshift/sql-script';
import { checkMergedPlan, type MergeCheckOptions } from '../merge';
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
  return withLiveConnections(url, (connections) => introspect(connections, { excludeSchemas: [options.registry ?? 'sqitch'] }));
}

/**
 * Two live databases, read together for a diff from the first to the second: what is the same on
 * both sides is mostly left out of the two models (see introspectPair).
 */
export async function livePairModels(fromUrl: string, toUrl: string, options: { registry?: string } = {}): Promise<[SchemaModel, SchemaModel]> {
  return withLiveConnections(fromUrl, (from) =>
    withLiveConnections(toUrl, (to) => introspectPair(from, to, { excludeSchemas: [options.registry ?? 'sqitch'] })),
  );
}

/** Runs `work` with a few connections to a live database: the catalog queries are independent, so they read at once. */
async function withLiveConnections<T>(url: string, work: (connections: QueryFn[]) => Promise<T>): Promise<T> {
  const clients = Array.from({ length: LIVE_CONNECTIONS }, () => new Client({ connectionString: url }));
  const connected = await Promise.allSettled(clients.map((c) => c.connect()));
  try {
    const failed = connected.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw new ProjectError('TARGET', `Cannot connect to ${maskUrl(url)}: ${(failed.reason as Error).message}.`);
    return await work(clients.map((client) => async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows));
  } finally {
    await Promise.all(clients.map((c, i) => (connected[i]!.status === 'fulfilled' ? c.end().catch(() => undefined) : undefined)));
  }
}

/**
 * Two: the work is CPU-bound on both sides, a third connection measured no faster, and each one
 * holds the locks of the deparsing query it runs.
 */
const LIVE_CONNECTIONS = 2;

/** Deploy scripts of a plan, in plan order. */
export function deployScripts(planFile: string, plan: Plan = readPlan(planFile)): string[] {
  const topDir = path.dirname(planFile);
  return plan.changes.map((change) => scriptPath({ topDir }, change, 'deploy'));
}

/**
 * The state after every deploy script of a plan has run. The model is cached on disk under a key
 * made of the engine, its version and the content of the plan and of every deploy script, so a
 * warm `migrations add` costs one source load, not a replay of the whole history. A plan that a
 * git merge left with conflict markers or two changes of the same number is refused (PLAN_MERGE).
 */
export async function migrationsModel(
  engine: Engine,
  planFile: string,
  options: LoadOptions & MergeCheckOptions & { cache?: boolean } = {},
): Promise<SchemaModel> {
  if (!existsSync(planFile)) throw new ProjectError('NOT_FOUND', `The plan ${planFile} does not exist; run \`pgshift migrations init\` first.`, { file: planFile });
  const plan = readPlan(planFile, options);
  checkMergedPlan(plan, options);
  const scripts = deployScripts(planFile, plan);
  const hash = createHash('sha256');
  hash.update(`${engine.name}\0${engine.version ?? ''}\0${readFileSync(planFile)}`);
  for (const file of scripts) {
    if (!existsSync(file)) throw new ProjectError('NOT_FOUND', `${planFile}: the deploy script ${file} is missing.`, { file: planFile });
    hash.update(`\0${file}\0`).update(readFileSync(file));
  }
  const cacheFile = path.join(cacheDir(), `migrations-${hash.digest('hex').slice(0, 32)}.json`);
  const cached = options.cache !== false ? readCachedModel(cacheFile) : undefined;
  if (cached) return cached;
  const model = await withDatabase(engine, async (db) => {
    for (const file of scripts) await db.runScript(file, { ...options, variables: options.variables });
    return modelOf(db);
  });
  if (options.cache !== false) writeCachedModel(cacheFile, model);
  return model;
}

/** One script of a replay: where it lives (or will), and its text when that is not on disk yet. */
export interface ReplayStep {
  /** Named in errors; `\ir` includes resolve from its folder. */
  file: string;
  text?: string;
}

/** A state a replay reached, or the error of the script that stopped it before. */
export type ReplayState = { model: SchemaModel } | { error: Error; file: string };

/**
 * The states a replay passes through: for each count in `after`, the model once the first `count`
 * scripts have run, one after the other, on one throwaway database. A script that fails stops the
 * replay: that state and the later ones hold its error. Reached states are cached on disk by the
 * engine, the psql variables, and the paths (from `baseDir`) and content of the scripts that lead to
 * them, so a replay made before — in this folder or in a copy of it — starts no database.
 */
export async function replayStates(engine: Engine, steps: ReplayStep[], after: number[], options: LoadOptions = {}): Promise<ReplayState[]> {
  const texts = steps.map((step) => {
    if (step.text !== undefined) return step.text;
    if (!existsSync(step.file)) throw new ProjectError('NOT_FOUND', `The script ${step.file} does not exist.`, { file: step.file });
    return readFileSync(step.file, 'utf8');
  });
  const cacheFiles = after.map((count) => {
    const hash = createHash('sha256').update(`replay\0${engine.name}\0${engine.version ?? ''}\0${JSON.stringify(options.variables ?? {})}`);
    for (let i = 0; i < count; i++) hash.update(`\0${path.relative(options.baseDir ?? process.cwd(), steps[i]!.file)}\0`).update(texts[i]!);
    return path.join(cacheDir(), `replay-${hash.digest('hex').slice(0, 32)}.json`);
  });
  const cached = cacheFiles.map(readCachedModel);
  if (cached.every((m) => m !== undefined)) return cached.map((model) => ({ model: model! }));
  const order = after.map((count, i) => ({ count, i })).sort((a, b) => a.count - b.count);
  const states: ReplayState[] = new Array(after.length);
  await withDatabase(engine, async (db) => {
    let ran = 0;
    let failure: { error: Error; file: string } | undefined;
    for (const { count, i } of order) {
      for (; ran < count && failure === undefined; ran++) {
        try {
          await runStep(db, steps[ran]!, texts[ran]!, options);
        } catch (error) {
          failure = { error: error as Error, file: steps[ran]!.file };
        }
      }
      if (failure) {
        states[i] = failure;
        continue;
      }
      const model = await modelOf(db);
      writeCachedModel(cacheFiles[i]!, model);
      states[i] = { model };
    }
  });
  return states;
}

async function runStep(db: Database, step: ReplayStep, text: string, options: LoadOptions): Promise<void> {
  const { onEcho, ...read } = options;
  if (step.text === undefined) return db.runScript(step.file, options);
  const variables = { ...(await db.automaticVariables()), ...(options.variables ?? {}) };
  await db.runItems(readScriptText(text, step.file, { ...read, variables }), onEcho);
}

function readCachedModel(file: string): SchemaModel | undefined {
  if (!existsSync(file) || statSync(file).size === 0) return undefined;
  try {
    return parseModel(readFileSync(file, 'utf8'));
  } catch {
    // A cache entry from another model version is simply rebuilt.
    return undefined;
  }
}

function writeCachedModel(file: string, model: SchemaModel): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, serializeModel(model));
  renameSync(temp, file);
}
