/**
 * The round trip of an online migration, stage by stage: each stage applied to a copy of `a`
 * must leave exactly the model that stagedDiff says it leaves, each stage's verify checks must
 * hold, and the reverts, newest stage first, must walk the same models back to `a`.
 */
import { introspect, type SchemaModel } from '@pgshift/catalog';
import { diff, renderDeploy, renderVerify, stagedDiff, type Change } from '@pgshift/diff';
import type { Database, Engine } from '@pgshift/engines';
import { readScriptText } from '@pgshift/sql-script';
import { firstDifference, withoutColumnOrder } from './compare';
import type { State } from './roundtrip';

export interface OnlineRoundTrip {
  /** Undefined when every stage and every revert reproduced its model. */
  failure?: string;
  /** Changes that took an online form, by stage. */
  stages: { before: number; main: number; after: number; validate: number };
  deploy: string;
}

export async function onlineRoundTrip(engine: Engine, a: State, b: State): Promise<OnlineRoundTrip> {
  const to = await loaded(engine, b, async (db) => modelOf(db));
  let stages = { before: 0, main: 0, after: 0, validate: 0 };
  let deploy = '';
  const failure = await loaded(engine, a, async (db) => {
    const from = await modelOf(db);
    const s = stagedDiff(from, to, { online: true });
    stages = { before: s.before.length, main: s.main.length, after: s.after.length, validate: s.validate.length };
    deploy = [s.before, s.main, s.after, s.validate].map((changes) => renderDeploy(changes)).join('\n');
    const steps: [string, Change[], boolean, SchemaModel][] = [
      ['before', s.before, false, s.models.before],
      ['main', s.main, true, s.models.main],
      ['after', s.after, false, s.models.after],
      ['validate', s.validate, true, to],
    ];
    for (const [name, changes, transactional, expected] of steps) {
      const problem = (await apply(db, changes, transactional)) ?? (await verify(db, changes)) ?? differs(await modelOf(db), expected, s.helpers);
      if (problem) return `stage ${name}: ${problem}`;
    }
    const back: [string, SchemaModel, SchemaModel][] = [
      ['validate', to, s.models.after],
      ['after', s.models.after, s.models.main],
      ['main', s.models.main, s.models.before],
      ['before', s.models.before, from],
    ];
    for (const [name, at, expected] of back) {
      const problem = (await apply(db, diff(at, expected), true)) ?? differs(await modelOf(db), expected, s.helpers);
      if (problem) return `revert of stage ${name}: ${problem}`;
    }
    return undefined;
  });
  return failure ? { failure, stages, deploy } : { stages, deploy };
}

async function loaded<T>(engine: Engine, state: State, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await engine.createDatabase();
  try {
    await db.runItems(readScriptText(state.sql, state.name));
    return await work(db);
  } finally {
    await db.dispose();
  }
}

async function modelOf(db: Database): Promise<SchemaModel> {
  return introspect(async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows);
}

async function apply(db: Database, changes: Change[], transactional: boolean): Promise<string | undefined> {
  if (changes.length === 0) return undefined;
  const sql = transactional ? `BEGIN;\n${renderDeploy(changes)}COMMIT;\n` : renderDeploy(changes);
  try {
    await db.runItems(readScriptText(sql, 'deploy.sql'));
    return undefined;
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    return `${(error as Error).message}\n${sql}`;
  }
}

async function verify(db: Database, changes: Change[]): Promise<string | undefined> {
  if (changes.length === 0) return undefined;
  const sql = `BEGIN;\n${renderVerify(changes)}ROLLBACK;\n`;
  try {
    await db.runItems(readScriptText(sql, 'verify.sql'));
    return undefined;
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    return `verify: ${(error as Error).message}`;
  }
}

/** The first difference; a helper check's definition is compared without its quotes. */
function differs(got: SchemaModel, want: SchemaModel, helpers: string[]): string | undefined {
  const unquoted = (model: SchemaModel): SchemaModel => ({
    ...model,
    tables: model.tables.map((t) => ({ ...t, constraints: t.constraints.map((c) => (helpers.includes(c.name) ? { ...c, definition: c.definition.replace(/"/g, '') } : c)) })),
  });
  // As in the plain round trip, a column re-added can only go at the end of its table.
  const d = firstDifference(unquoted(got), unquoted(want)) && firstDifference(withoutColumnOrder(unquoted(got)), withoutColumnOrder(unquoted(want)));
  return d ? `the catalog differs from the stage's model at ${d}` : undefined;
}
