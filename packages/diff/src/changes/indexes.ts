/**
 * Indexes that are not created by a constraint nor attached to a partitioned parent's index, and
 * those a table keeps or brings when it leaves or joins a partitioned parent (reparenting.ts).
 * pg_get_indexdef is the whole statement; a changed definition is a drop and a create.
 * Then what any index carries besides its definition: the comment of a constraint's index, the
 * table's CLUSTER ON mark and REPLICA IDENTITY USING INDEX.
 */
import { ids, type Index } from '@pgshift/catalog';
import type { Closure } from '../closure';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import { cmp, type ModelIndex } from '../model-index';
import { indexRef } from '../objects';
import { bare, qualified, quoteIdent, quoteLiteral, regclass } from '../sql';
import { commentNode, pairs } from './common';
import { commentStatements } from './comments';
import { broughtIndexes, keptIndexes } from './reparenting';
import { separateFromTableDrop } from './tables';

function own(index: ModelIndex): Index[] {
  return index.model.indexes.filter((i) => i.constraint === null && i.partitionOf === null);
}

/** The indexes compared: a table's own, with those it keeps from a parent it leaves (before) or brings to one it joins (after). */
function compared(from: ModelIndex, to: ModelIndex, replaced: (id: string) => boolean): { before: Index[]; after: Index[] } {
  return { before: [...own(from), ...keptIndexes(from, to, replaced)], after: [...own(to), ...broughtIndexes(from, to, replaced)] };
}

export function indexSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const indexes = compared(from, to, (id) => closure.replaced.has(id));
  const after = new Map(indexes.after.map((i) => [i.id, i]));
  for (const i of indexes.before) {
    const t = after.get(i.id);
    if (t && (bare(t.definition) !== bare(i.definition) || t.table !== i.table)) closure.replaced.set(i.id, null);
  }
}

/**
 * pg_get_indexdef prints `ON ONLY` for an index of a partitioned table, which is how pg_dump builds
 * it before attaching the partitions' indexes one by one. A migration builds it in one go, so the
 * partitions get (or attach) theirs.
 */
function createSql(ctx: DiffContext, i: Index): string {
  const sql = bare(i.definition);
  if (ctx.to.tables.get(i.table)?.partitionBy == null) return sql;
  return sql.replace(/^(CREATE (?:UNIQUE )?INDEX (?:"(?:[^"]|"")+"|\S+) ON )ONLY /, '$1');
}

/** The hazard's table, when the index is on one (not on a materialized view). */
function tableOf(ctx: DiffContext, i: Index): { table?: string } {
  const t = ctx.to.tables.get(i.table);
  return t ? { table: qualified(t.schema, t.name) } : {};
}

/** CREATE / DROP INDEX CONCURRENTLY work on an existing table, but not on a partitioned one. */
function concurrentlyPossible(ctx: DiffContext, i: Index): boolean {
  return !ctx.parentComes(i.table) && !ctx.parentGoes(i.table) && ctx.to.tables.get(i.table)?.partitionBy === null;
}

function createNode(ctx: DiffContext, i: Index, cause: string | null, after: Node[]): void {
  const ref = indexRef(i.schema, i.name);
  // One that an ATTACH adopts is built before it, on the table as it is: the ATTACH provides the table as a partition.
  const adopted = i.partitionOf !== null;
  const comment = commentStatements(ref, undefined, i.comment, `index ${i.schema}.${i.name}`);
  const existing = !ctx.parentComes(i.table);
  const within = tableOf(ctx, i).table;
  const checks = [{ description: `index ${i.schema}.${i.name}`, condition: `pg_catalog.pg_get_indexdef(${ref.oid}) = ${quoteLiteral(bare(i.definition))}`, ...(within ? { within } : {}) }, ...comment.checks];
  // Re-runnable: a failed CREATE INDEX CONCURRENTLY leaves an invalid index behind.
  const online = concurrentlyPossible(ctx, i)
    ? { stage: 'after' as const, statements: [`DROP INDEX CONCURRENTLY IF EXISTS ${ref.name}`, createSql(ctx, i).replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY '), ...comment.statements], checks, hazards: [] }
    : undefined;
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'index',
    objectId: i.id,
    statements: [createSql(ctx, i), ...comment.statements],
    hazards: existing ? [{ code: 'long-lock', message: `CREATE INDEX ${i.schema}.${i.name} blocks writes to its table while it builds`, ...tableOf(ctx, i) }] : [],
    checks,
    online,
    provides: [i.id],
    newDeps: adopted ? ctx.to.deps(i.id).filter((d) => d !== i.table) : ctx.to.deps(i.id),
    names: [relName(i.schema, i.name)],
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, i: Index, cause: string | null): Node | null {
  const table = ctx.from.tables.get(i.table);
  if (ctx.parentGoes(i.table) && !(table && separateFromTableDrop(ctx, table).has(i.id))) return null;
  const ref = indexRef(i.schema, i.name);
  const checks = ctx.to.has(i.id) ? [] : [{ description: `index ${i.schema}.${i.name} is gone`, condition: `${ref.oid} IS NULL` }];
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'index',
    objectId: i.id,
    statements: [`DROP INDEX ${ref.name}`],
    checks,
    online: concurrentlyPossible(ctx, i) ? { stage: 'before', statements: [`DROP INDEX CONCURRENTLY IF EXISTS ${ref.name}`], checks, hazards: [] } : undefined,
    removes: [i.id],
    oldDeps: ctx.from.deps(i.id),
    names: [relName(i.schema, i.name)],
    cause,
    // One the table kept from its parent is its own, and can be dropped, once detached.
    after: i.partitionOf !== null ? (ctx.separations.get(i.table) ?? []) : [],
  });
}

export function diffIndexes(ctx: DiffContext): void {
  const { before, after } = compared(ctx.from, ctx.to, (id) => ctx.isReplaced(id));
  for (const [id, f, t] of pairs(before, after)) {
    if (f && !t) dropNode(ctx, f, null);
    else if (!f && t) createNode(ctx, t, ctx.parentComes(t.table) ? ctx.causeOf(t.table) : null, []);
    else if (f && t) {
      if (ctx.isReplaced(id) || ctx.parentComes(t.table)) {
        const cause = ctx.isReplaced(id) ? ctx.causeOf(id) : ctx.causeOf(t.table);
        const drop = dropNode(ctx, f, cause);
        createNode(ctx, t, cause, drop ? [drop] : []);
        continue;
      }
      commentNode(ctx, 'index', id, indexRef(t.schema, t.name), f.comment, t.comment, `index ${t.schema}.${t.name}`);
    }
  }
  diffConstraintIndexComments(ctx);
  diffClustering(ctx);
  diffReplicaIdentityIndexes(ctx);
}

/** REPLICA IDENTITY USING INDEX names an index, so it is set once that index exists; other modes are table state. */
function diffReplicaIdentityIndexes(ctx: DiffContext): void {
  const before = new Map(ctx.from.model.indexes.filter((i) => i.replicaIdentity).map((i) => [i.table, i]));
  for (const t of ctx.to.model.indexes) {
    if (!t.replicaIdentity) continue;
    const relation = ctx.to.tables.get(t.table);
    if (!relation) continue;
    if (before.get(t.table)?.id === t.id && ctx.from.tables.get(t.table)?.replicaIdentity === 'i' && !fresh(ctx, t)) continue;
    ctx.node({
      phase: 'alter',
      kind: 'alter',
      objectKind: 'index',
      objectId: t.id,
      statements: [`ALTER TABLE ${qualified(relation.schema, relation.name)} REPLICA IDENTITY USING INDEX ${quoteIdent(t.name)}`],
      checks: [{ description: `${relation.schema}.${relation.name} replica identity is ${t.name}`, condition: `(SELECT indisreplident FROM pg_catalog.pg_index WHERE indexrelid = ${indexRef(t.schema, t.name).oid})` }],
      newDeps: [t.id, t.table],
    });
  }
}

/** The constraint behind an index, when the index implements one. */
function constraintOf(index: ModelIndex, i: Index): string | null {
  const table = index.tables.get(i.table);
  return i.constraint !== null && table ? ids.constraint(table.schema, table.name, i.constraint) : null;
}

/** The index is (re)built in this migration, by itself, its constraint or its table: it starts without comment or mark. */
function fresh(ctx: DiffContext, i: Index): boolean {
  const constraint = constraintOf(ctx.to, i);
  return !ctx.from.has(i.id) || ctx.isReplaced(i.id) || ctx.parentComes(i.table) || (constraint !== null && (!ctx.from.has(constraint) || ctx.isReplaced(constraint)));
}

/** An index made by a constraint (PRIMARY KEY, UNIQUE, EXCLUDE) still has its own comment. */
function diffConstraintIndexComments(ctx: DiffContext): void {
  const before = new Map(ctx.from.model.indexes.map((i) => [i.id, i]));
  for (const t of ctx.to.model.indexes) {
    if (t.constraint === null || t.partitionOf !== null) continue;
    const from = fresh(ctx, t) ? undefined : before.get(t.id)?.comment;
    commentNode(ctx, 'index', t.id, indexRef(t.schema, t.name), from, t.comment, `index ${t.schema}.${t.name}`);
  }
}

/**
 * CLUSTER ON marks one index of a table. Marking another index clears the old mark, and dropping
 * the marked index clears it too, so SET WITHOUT CLUSTER is only needed when a kept index loses it.
 */
function diffClustering(ctx: DiffContext): void {
  const marked = (index: ModelIndex) => new Map(index.model.indexes.filter((i) => i.clustered).map((i) => [i.table, i]));
  const before = marked(ctx.from);
  const after = marked(ctx.to);
  for (const table of [...new Set([...before.keys(), ...after.keys()])].sort(cmp)) {
    const f = before.get(table);
    const t = after.get(table);
    const relation = ctx.to.tables.get(table) ?? ctx.to.views.get(table);
    if (!relation) continue;
    const { schema, name } = relation;
    const alter = `ALTER ${relation.kind === 'materialized view' ? 'MATERIALIZED VIEW' : 'TABLE'} ${qualified(schema, name)}`;
    const condition = `(SELECT pg_catalog.count(*) FROM pg_catalog.pg_index WHERE indrelid = ${regclass(schema, name)} AND indisclustered)`;
    if (t && (f?.id !== t.id || fresh(ctx, t))) {
      ctx.node({
        phase: 'alter',
        kind: 'alter',
        objectKind: 'index',
        objectId: t.id,
        statements: [`${alter} CLUSTER ON ${quoteIdent(t.name)}`],
        checks: [{ description: `${schema}.${name} is clustered on ${t.name}`, condition: `(SELECT indisclustered FROM pg_catalog.pg_index WHERE indexrelid = ${indexRef(t.schema, t.name).oid})` }],
        newDeps: [t.id],
      });
    } else if (!t && f && ctx.to.has(f.id) && !fresh(ctx, f)) {
      ctx.node({
        phase: 'alter',
        kind: 'alter',
        objectKind: 'index',
        objectId: f.id,
        statements: [`${alter} SET WITHOUT CLUSTER`],
        checks: [{ description: `${schema}.${name} is clustered on no index`, condition: `${condition} = 0` }],
        newDeps: [f.id],
      });
    }
  }
}
