/**
 * Indexes that are not created by a constraint nor attached to a partitioned parent's index, and
 * those a table keeps or brings when it leaves or joins a partitioned parent (reparenting.ts).
 * pg_get_indexdef is the whole statement; a changed definition is a drop and a create.
 * Then what any index carries besides its definition: the comment of a constraint's index, the
 * table's CLUSTER ON mark and REPLICA IDENTITY USING INDEX.
 */
import { ids, type Index, type Table } from '@pgshift/catalog';
import type { Closure } from '../closure';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import { cmp, type ModelIndex } from '../model-index';
import { indexRef } from '../objects';
import { bare, qualified, quoteIdent, quoteLiteral, regclass, reparsable } from '../sql';
import { commentNode, pairs, splitOption } from './common';
import { commentStatements } from './comments';
import { attachedTo, builtInOne, descendants, indexById, indexesOn, keysBelow, ownBecomesAttached, partitionsOf, rivalled, rootOf, treeSteps, type TreeRules } from './partition-indexes';
import { broughtIndexes, keptIndexes } from './reparenting';
import { separateFromTableDrop } from './tables';

function own(index: ModelIndex): Index[] {
  return index.model.indexes.filter((i) => i.constraint === null && i.partitionOf === null);
}

function seedRules(from: ModelIndex, closure: Closure): TreeRules {
  return { tableComes: (id) => !from.tables.has(id) || closure.replaced.has(id), replaced: (id) => closure.replaced.has(id) };
}

function rules(ctx: DiffContext): TreeRules {
  return { tableComes: (id) => ctx.parentComes(id), replaced: (id) => ctx.isReplaced(id) };
}

/**
 * The indexes compared: a table's own, with those it keeps from a parent it leaves (before) or
 * brings to one it joins (after). One of its own that the target attaches to a parent's index
 * stays, and is attached (see partition-indexes.ts).
 */
function compared(from: ModelIndex, to: ModelIndex, r: TreeRules): { before: Index[]; after: Index[] } {
  const attached = (i: Index) => {
    const t = indexById(to, i.id);
    return t !== undefined && t.partitionOf !== null && ownBecomesAttached(from, to, r, t) !== undefined;
  };
  return {
    before: [...own(from).filter((i) => !attached(i)), ...keptIndexes(from, to, r.replaced)],
    after: [...own(to), ...broughtIndexes(from, to, r.replaced)],
  };
}

/** An index of a partitioned table (at any level of a tree), kept in both models. */
function keptTree(from: ModelIndex, to: ModelIndex, r: TreeRules, i: Index): boolean {
  const f = indexById(from, i.id);
  return f !== undefined && f.partitionOf === i.partitionOf && to.tables.get(i.table)?.partitionBy != null && !r.replaced(i.id) && !r.tableComes(i.table) && f.table === i.table && bare(f.definition) === bare(i.definition);
}

export function indexSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const r = seedRules(from, closure);
  const indexes = compared(from, to, r);
  const after = new Map(indexes.after.map((i) => [i.id, i]));
  for (const i of indexes.before) {
    const t = after.get(i.id);
    if (t && (bare(t.definition) !== bare(i.definition) || t.table !== i.table)) closure.replaced.set(i.id, null);
  }
  // A tree whose attachments cannot be reached in place is built anew.
  for (const i of own(to)) if (keptTree(from, to, r, i) && treeSteps(from, to, r, i) === null) closure.replaced.set(i.id, null);
  // A partition's key attached below an index that is dropped goes with it, and is added again.
  for (const i of own(from)) {
    if (indexById(to, i.id) && !closure.replaced.has(i.id)) continue;
    if (!to.tables.has(i.table) || r.tableComes(i.table)) continue;
    for (const id of keysBelow(from, i.id)) if (to.constraints.has(id)) closure.replaced.set(id, null);
  }
}

/** The partition key `constraint` of `table` goes with a plain index it is attached below (see keysBelow). */
export function droppedWithIndex(ctx: DiffContext, table: string, constraint: string): boolean {
  const key = indexesOn(ctx.from, table).find((i) => i.constraint === constraint && i.partitionOf !== null);
  if (!key) return false;
  const root = rootOf(ctx.from, key);
  return root.constraint === null && (!ctx.to.has(root.id) || ctx.isReplaced(root.id)) && !ctx.parentGoes(root.table);
}

/**
 * pg_get_indexdef prints `ON ONLY` for an index of a partitioned table, which is how pg_dump builds
 * it before attaching the partitions' indexes one by one. When one CREATE INDEX on the parent
 * gives the target's tree, a migration builds it in one go.
 */
function createSql(ctx: DiffContext, i: Index, whole: boolean): string {
  const sql = reparsable(bare(i.definition));
  if (!whole || ctx.to.tables.get(i.table)?.partitionBy == null) return sql;
  return sql.replace(/^(CREATE (?:UNIQUE )?INDEX (?:"(?:[^"]|"")+"|\S+) ON )ONLY /, '$1');
}

/** The hazard's table, when the index is on one (not on a materialized view). */
function tableOf(ctx: DiffContext, i: Index): { table?: string } {
  const t = ctx.to.tables.get(i.table);
  return t ? { table: qualified(t.schema, t.name) } : {};
}

/**
 * CREATE / DROP INDEX CONCURRENTLY work on an existing table, but not on a partitioned one, nor
 * on an index to be attached right after.
 */
function concurrentlyPossible(ctx: DiffContext, i: Index): boolean {
  return i.partitionOf === null && !ctx.parentComes(i.table) && !ctx.parentGoes(i.table) && ctx.to.tables.get(i.table)?.partitionBy === null;
}

/**
 * Creates index `i`; `adopted` when an ATTACH PARTITION of its table takes it over. An index of a
 * partitioned table built `ON ONLY` has its partitions' indexes built and attached after it.
 */
function createNode(ctx: DiffContext, build: Build, i: Index, cause: string | null, after: Node[], adopted = i.partitionOf !== null): Node {
  const ref = indexRef(i.schema, i.name);
  const r = rules(ctx);
  const partitioned = ctx.to.tables.get(i.table)?.partitionBy != null;
  const whole = !partitioned || builtInOne(ctx.from, ctx.to, r, i);
  const comment = commentStatements(ref, undefined, i.comment, `index ${i.schema}.${i.name}`);
  const existing = !ctx.parentComes(i.table);
  const within = tableOf(ctx, i).table;
  const checks = [{ description: `index ${i.schema}.${i.name}`, condition: `pg_catalog.pg_get_indexdef(${ref.oid}) = ${quoteLiteral(bare(i.definition))}`, ...(within ? { within } : {}) }, ...comment.checks];
  // Re-runnable: a failed CREATE INDEX CONCURRENTLY leaves an invalid index behind.
  const online = concurrentlyPossible(ctx, i)
    ? { stage: 'after' as const, statements: [`DROP INDEX CONCURRENTLY IF EXISTS ${ref.name}`, createSql(ctx, i, whole).replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY '), ...comment.statements], checks, hazards: [] }
    : undefined;
  // ON ONLY comes after the partitions created or attached here, which would otherwise clone it or take one over.
  const partitions = whole ? [] : partitionsOf(ctx.to, i.table).filter((q) => r.tableComes(q.id) || (joins(ctx, q) && !adoptedOnJoin(ctx, q, i))).map((q) => q.id);
  const node = ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'index',
    objectId: i.id,
    statements: [createSql(ctx, i, whole), ...comment.statements],
    hazards: existing ? [{ code: 'long-lock', message: `CREATE INDEX ${i.schema}.${i.name} blocks writes to its table while it builds`, ...tableOf(ctx, i) }] : [],
    checks,
    online,
    provides: [i.id],
    newDeps: [...(adopted ? ctx.to.deps(i.id).filter((d) => d !== i.table) : ctx.to.deps(i.id)), ...partitions],
    names: [relName(i.schema, i.name)],
    cause,
    after,
  });
  build.nodes.set(i.id, node);
  if (!whole) for (const child of attachedTo(ctx.to, i.id)) buildChild(ctx, build, i, child, node, cause);
  return node;
}

/** The partition joins its parent in this migration (ATTACH PARTITION). */
function joins(ctx: DiffContext, q: Table): boolean {
  const f = ctx.from.tables.get(q.id);
  return f !== undefined && !ctx.parentComes(q.id) && f.partitionOf?.parent !== q.partitionOf?.parent;
}

/**
 * ATTACH PARTITION of `q`, which joins here, takes over the index it brings for `parent`: the one
 * index of the table that matches. Otherwise the table joins first, and the index is attached.
 */
export function adoptedOnJoin(ctx: DiffContext, q: Table, parent: Index): boolean {
  const child = attachedTo(ctx.to, parent.id).find((c) => c.table === q.id);
  return child !== undefined && !rivalled(ctx.from, ctx.to, rules(ctx), child);
}

/** One diff's index creations, by id, and the attachments that wait for all of them. */
interface Build {
  nodes: Map<string, Node>;
  pending: (() => void)[];
}

/** The index of a partition under `parent` built ON ONLY: built by name unless it is there, then attached. */
function buildChild(ctx: DiffContext, build: Build, parent: Index, child: Index, parentNode: Node, cause: string | null): void {
  const table = ctx.to.tables.get(child.table);
  if (!table) return;
  if (joins(ctx, table)) {
    // The table brings its index (reparenting.ts), which its ATTACH PARTITION takes over.
    if (adoptedOnJoin(ctx, table, parent)) return;
    // Unless it has another that would be taken over instead: then it joins before the parent's index exists.
    build.pending.push(() => {
      const brought = build.nodes.get(child.id);
      attachNode(ctx, parent, child, brought ? [parentNode, brought] : [parentNode], child.constraint !== null ? [table.id, ids.constraint(table.schema, table.name, child.constraint)] : [table.id]);
    });
    return;
  }
  if (child.constraint !== null) {
    attachNode(ctx, parent, child, [parentNode], [ids.constraint(table.schema, table.name, child.constraint)]);
    return;
  }
  if (ownBecomesAttached(ctx.from, ctx.to, rules(ctx), child)) {
    attachNode(ctx, parent, child, [parentNode], []);
    return;
  }
  const node = createNode(ctx, build, child, cause, [], false);
  attachNode(ctx, parent, child, [parentNode, node], []);
}

function attachNode(ctx: DiffContext, parent: Index, child: Index, after: Node[], newDeps: string[]): Node {
  const p = indexRef(parent.schema, parent.name);
  const c = indexRef(child.schema, child.name);
  return ctx.node({
    phase: 'create',
    kind: 'alter',
    objectKind: 'index',
    objectId: child.id,
    statements: [`ALTER INDEX ${p.name} ATTACH PARTITION ${c.name}`],
    checks: [{ description: `index ${child.schema}.${child.name} is attached to ${parent.schema}.${parent.name}`, condition: `(SELECT inhparent FROM pg_catalog.pg_inherits WHERE inhrelid = ${c.oid}) = ${p.oid}` }],
    // The parent's index is valid, and can back a foreign key, once every partition's is attached.
    provides: [parent.id],
    newDeps,
    after,
  });
}

/** What a kept tree needs: partitions' own indexes attached, clones on new partitions renamed. */
function diffTree(ctx: DiffContext, root: Index): void {
  const r = rules(ctx);
  if (!keptTree(ctx.from, ctx.to, r, root)) return;
  for (const step of treeSteps(ctx.from, ctx.to, r, root) ?? []) {
    if (step.kind === 'attach') {
      const table = ctx.to.tables.get(step.child.table);
      attachNode(ctx, step.parent, step.child, [], step.child.constraint !== null && table ? [ids.constraint(table.schema, table.name, step.child.constraint)] : []);
      continue;
    }
    const { table, child } = step;
    const ref = indexRef(child.schema, child.name);
    ctx.node({
      phase: 'create',
      kind: 'alter',
      objectKind: 'index',
      objectId: child.id,
      statements: [`ALTER INDEX ${qualified(table.schema, step.from)} RENAME TO ${quoteIdent(child.name)}`],
      checks: [{ description: `index ${child.schema}.${child.name} exists`, condition: `${ref.oid} IS NOT NULL` }],
      provides: [child.id],
      newDeps: [table.id],
      names: [relName(child.schema, child.name)],
    });
  }
}

function dropNode(ctx: DiffContext, i: Index, cause: string | null): Node | null {
  const table = ctx.from.tables.get(i.table);
  if (ctx.parentGoes(i.table) && !(table && separateFromTableDrop(ctx, table).has(i.id))) return null;
  const ref = indexRef(i.schema, i.name);
  const checks = ctx.to.has(i.id) ? [] : [{ description: `index ${i.schema}.${i.name} is gone`, condition: `${ref.oid} IS NULL` }];
  const keys = keysBelow(ctx.from, i.id);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'index',
    objectId: i.id,
    statements: [`DROP INDEX ${ref.name}${keys.length ? ' CASCADE' : ''}`],
    checks,
    online: concurrentlyPossible(ctx, i) ? { stage: 'before', statements: [`DROP INDEX CONCURRENTLY IF EXISTS ${ref.name}`], checks, hazards: [] } : undefined,
    removes: [i.id, ...keys],
    oldDeps: ctx.from.deps(i.id),
    // The partitions' indexes go with it, and their names are free after.
    names: [relName(i.schema, i.name), ...descendants(ctx.from, i.id).map((d) => relName(d.schema, d.name))],
    cause,
    // One the table kept from its parent is its own, and can be dropped, once detached.
    after: i.partitionOf !== null ? (ctx.separations.get(i.table) ?? []) : [],
  });
}

export function diffIndexes(ctx: DiffContext): void {
  const { before, after } = compared(ctx.from, ctx.to, rules(ctx));
  const build: Build = { nodes: new Map(), pending: [] };
  for (const [id, f, t] of pairs(before, after)) {
    if (f && !t) dropNode(ctx, f, null);
    else if (!f && t) createNode(ctx, build, t, ctx.parentComes(t.table) ? ctx.causeOf(t.table) : null, []);
    else if (f && t) {
      if (ctx.isReplaced(id) || ctx.parentComes(t.table)) {
        const cause = ctx.isReplaced(id) ? ctx.causeOf(id) : ctx.causeOf(t.table);
        const drop = dropNode(ctx, f, cause);
        createNode(ctx, build, t, cause, drop ? [drop] : []);
        continue;
      }
      commentNode(ctx, 'index', id, indexRef(t.schema, t.name), f.comment, t.comment, `index ${t.schema}.${t.name}`);
    }
  }
  for (const attach of build.pending) attach();
  for (const i of own(ctx.to)) diffTree(ctx, i);
  diffConstraintIndexComments(ctx);
  diffKeyStorage(ctx);
  diffIndexStatistics(ctx);
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

/**
 * The storage parameters that end an index definition (`… WITH (fillfactor='70')`), each
 * `name=value` as pg_get_indexdef writes it; [] for none. Only read from the index of a PRIMARY
 * KEY or UNIQUE constraint, whose definition has no WHERE after them.
 */
export function storageParameters(definition: string): string[] {
  const m = / WITH \((.*)\)$/.exec(definition);
  if (!m) return [];
  const params = m[1]!.match(/(?:[^',]|'(?:[^']|'')*')+/g) ?? [];
  const parameter = /^ ?[a-z_][a-z0-9_]*=(?:'(?:[^']|'')*'|[a-z_][a-z0-9_$]*)$/;
  return params.every((p) => parameter.test(p)) ? params.map((p) => p.trim()) : [];
}

/** The index behind a PRIMARY KEY or UNIQUE constraint of `table`: it bears the constraint's name. */
export function keyIndex(index: ModelIndex, table: Table, constraint: string): Index | undefined {
  const i = indexById(index, ids.index(table.schema, constraint));
  return i?.table === table.id && i.constraint === constraint ? i : undefined;
}

/**
 * The storage parameters of a kept key's index, which pg_get_constraintdef leaves out: ALTER
 * INDEX SET and RESET, the one in the target's order. A partitioned index has none of its own
 * to alter (a change there replaces the constraint, see constraintSeeds).
 */
function diffKeyStorage(ctx: DiffContext): void {
  for (const t of ctx.to.model.indexes) {
    if (t.constraint === null || t.partitionOf !== null || fresh(ctx, t)) continue;
    const f = indexById(ctx.from, t.id);
    const table = ctx.to.tables.get(t.table);
    if (!f || f.constraint !== t.constraint || !table || table.partitionBy !== null) continue;
    const before = storageParameters(f.definition);
    const after = storageParameters(t.definition);
    if (before.join(', ') === after.join(', ')) continue;
    const name = qualified(t.schema, t.name);
    const keys = (params: string[]) => params.map((p) => splitOption(p)[0]);
    const kept = new Set(keys(after));
    const reset = keys(before).filter((k) => !kept.has(k));
    ctx.node({
      phase: 'alter',
      kind: 'alter',
      objectKind: 'index',
      objectId: t.id,
      statements: [...(reset.length > 0 ? [`ALTER INDEX ${name} RESET (${reset.join(', ')})`] : []), ...(after.length > 0 ? [`ALTER INDEX ${name} SET (${after.join(', ')})`] : [])],
      checks: [{ description: `storage parameters of index ${t.schema}.${t.name}`, condition: `pg_catalog.pg_get_indexdef(${indexRef(t.schema, t.name).oid}) = ${quoteLiteral(t.definition)}` }],
      newDeps: [t.id],
    });
  }
}

/**
 * Statistics targets of an index's expression columns, set on a new index and changed on a kept
 * one. On a partitioned index ALTER INDEX recurses to the partitions' indexes there are (not to
 * those made later), so a partition's index then follows its parent's and sets every column the
 * parent's statement touched again, to its own value.
 */
function diffIndexStatistics(ctx: DiffContext): void {
  const emitted = new Map<string, { node: Node; columns: Set<number> }>();
  const depth = (i: Index): number => {
    let d = 0;
    for (let p = i.partitionOf; p !== null && d < 64; p = indexById(ctx.to, p)?.partitionOf ?? null) d++;
    return d;
  };
  const partitions = ctx.to.model.indexes.filter((i) => i.partitionOf !== null).map((i) => [depth(i), i] as const);
  const ordered = [...ctx.to.model.indexes.filter((i) => i.partitionOf === null), ...partitions.sort((a, b) => a[0] - b[0]).map(([, i]) => i)];
  for (const t of ordered) {
    const parent = t.partitionOf === null ? undefined : emitted.get(t.partitionOf);
    if (!t.statistics && !parent && !indexById(ctx.from, t.id)?.statistics) continue;
    const f = fresh(ctx, t) ? undefined : indexById(ctx.from, t.id);
    const before = new Map(f?.statistics ?? []);
    const after = new Map(t.statistics ?? []);
    const touched = parent?.columns ?? new Set<number>();
    const columns = [...new Set([...before.keys(), ...after.keys(), ...touched])].sort((a, b) => a - b).filter((n) => touched.has(n) || before.get(n) !== after.get(n));
    if (columns.length === 0) continue;
    const name = qualified(t.schema, t.name);
    const oid = indexRef(t.schema, t.name).oid;
    const node = ctx.node({
      phase: 'alter',
      kind: 'alter',
      objectKind: 'index',
      objectId: t.id,
      statements: columns.map((n) => `ALTER INDEX ${name} ALTER COLUMN ${n} SET STATISTICS ${after.get(n) ?? -1}`),
      checks: columns.map((n) => ({
        description: `statistics target of column ${n} of index ${t.schema}.${t.name}`,
        condition: `(SELECT coalesce(a.attstattarget, -1) FROM pg_catalog.pg_attribute a WHERE a.attrelid = ${oid} AND a.attnum = ${n}) ${after.has(n) ? `= ${after.get(n)}` : '< 0'}`,
      })),
      // A partition's index made with its table is there once the table is (and renamed, if it is).
      newDeps: [t.id, t.table],
      after: parent ? [parent.node] : [],
    });
    emitted.set(t.id, { node, columns: new Set(columns) });
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
