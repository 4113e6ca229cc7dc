import { introspect, introspectPair, SchemaModel, type QueryFn } from '@pgshift/catalog';
import { diff, renderDeploy } from '@pgshift/diff';
import type { Database, Engine } from '@pgshift/engines';
import { readScriptText } from '@pgshift/sql-script';
import { firstDifference, withoutColumnOrder } from './compare';
import { differsOnlyInColumnOrder, schemaDump } from './dump';

/** A database state: SQL text and the name its errors are reported under. */
export interface State {
  name: string;
  sql: string;
}

export type Outcome =
  /** The migrated database equals the target: catalog model and pg_dump. */
  | 'pass'
  /** Equal except that a column could only be appended at the end of its table. */
  | 'column-order'
  /** PostgreSQL itself rejects one of the two states. */
  | 'invalid'
  /** The differ threw. */
  | 'diff-error'
  /** The generated migration failed to apply. */
  | 'apply-error'
  /** The migrated database's catalog differs from the target's. */
  | 'model-mismatch'
  /** The catalogs agree but pg_dump shows a difference. */
  | 'dump-mismatch'
  /** The two databases read together (introspectPair) give another migration than read whole. */
  | 'pair-mismatch';

export interface DirectionResult {
  outcome: Outcome;
  detail?: string;
  deploy?: string;
}

export interface RoundTripResult {
  forward: DirectionResult;
  backward: DirectionResult;
}

export interface RoundTripOptions {
  /** Compare `pg_dump --schema-only` too (needs databases with a connection string). */
  dump?: boolean;
  /** Runs before each state is loaded, e.g. to create roles the state expects to exist. */
  prepare?: (db: Database) => Promise<void>;
  /** Also read the two databases of the a→b direction together, leaving out what is the same, and require the same migration. */
  pair?: boolean;
}

/**
 * Proves a migration both ways: a→b applied to a copy of a must reproduce b, and b→a applied to
 * b must reproduce a. At most one database loaded from the same state lives at a time.
 */
export async function roundTrip(engine: Engine, a: State, b: State, options: RoundTripOptions = {}): Promise<RoundTripResult> {
  const open: Database[] = [];
  const load = async (state: State) => {
    const db = await engine.createDatabase();
    open.push(db);
    if (options.prepare) await options.prepare(db);
    try {
      await db.runItems(readScriptText(state.sql, state.name));
    } catch (error) {
      throw new InvalidState(`${state.name}: ${(error as Error).message}`);
    }
    return db;
  };
  const close = async (db: Database) => {
    open.splice(open.indexOf(db), 1);
    await db.dispose();
  };
  try {
    let a1: Database;
    let b1: Database;
    try {
      a1 = await load(a);
      b1 = await load(b);
    } catch (error) {
      if (error instanceof InvalidState) {
        const invalid: DirectionResult = { outcome: 'invalid', detail: error.message };
        return { forward: invalid, backward: invalid };
      }
      throw error;
    }
    const modelB = await modelOf(b1);
    const forward = await migrate(a1, b1, modelB, options);
    await close(a1);
    const a2 = await load(a);
    const backward = await migrate(b1, a2, await modelOf(a2), { ...options, pair: false });
    return { forward, backward };
  } finally {
    for (const db of [...open].reverse()) await db.dispose();
  }
}

async function modelOf(db: Database): Promise<SchemaModel> {
  return introspect(queryOf(db));
}

function queryOf(db: Database): QueryFn {
  return async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows;
}

/** Migrates `db` to the state of `target` and judges the result. */
async function migrate(db: Database, target: Database, targetModel: SchemaModel, options: RoundTripOptions): Promise<DirectionResult> {
  let deploy: string;
  try {
    deploy = renderDeploy(diff(await modelOf(db), targetModel));
  } catch (error) {
    return { outcome: 'diff-error', detail: (error as Error).stack ?? String(error) };
  }
  if (options.pair) {
    const paired = renderDeploy(diff(...(await introspectPair([queryOf(db)], [queryOf(target)], { minOwners: 0 }))));
    if (paired !== deploy) return { outcome: 'pair-mismatch', detail: `--- read together ---\n${paired}`, deploy };
  }
  try {
    await db.runItems(readScriptText(deploy, 'deploy.sql'));
  } catch (error) {
    return { outcome: 'apply-error', detail: (error as Error).message, deploy };
  }
  const model = await modelOf(db);
  const difference = firstDifference(model, targetModel);
  if (difference && firstDifference(withoutColumnOrder(model), withoutColumnOrder(targetModel))) return { outcome: 'model-mismatch', detail: difference, deploy };
  if (options.dump && db.connectionString && target.connectionString) {
    const [got, want] = await Promise.all([schemaDump(db.connectionString), schemaDump(target.connectionString)]);
    if (got !== want) {
      if (differsOnlyInColumnOrder(got, want)) return { outcome: 'column-order', deploy };
      return { outcome: 'dump-mismatch', detail: lineDiff(got, want), deploy };
    }
  }
  return { outcome: difference ? 'column-order' : 'pass', deploy };
}

class InvalidState extends Error {}

/** The first few lines present on one side only. */
function lineDiff(got: string, want: string): string {
  const g = new Set(got.split('\n'));
  const w = new Set(want.split('\n'));
  const extra = [...g].filter((l) => !w.has(l)).slice(0, 5).map((l) => `+ ${l}`);
  const missing = [...w].filter((l) => !g.has(l)).slice(0, 5).map((l) => `- ${l}`);
  return [...missing, ...extra].join('\n');
}
