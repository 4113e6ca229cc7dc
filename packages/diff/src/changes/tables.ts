/**
 * Tables: CREATE TABLE (columns inline; constraints, indexes, triggers and policies are their
 * own changes so that FK cycles and functions used by checks order cleanly), DROP TABLE, and
 * table-level alters (persistence, partition attach/detach, inheritance, row level security,
 * storage options, replica identity), plus owner, grants and comments.
 */
import { adoptedOnJoin } from './indexes';
import { indexById } from './partition-indexes';
import { fdwOptionsAlterSql, fdwOptionsCheck, fdwOptionsSql } from './foreign';
import { ids, type Column, type Index, type Table } from '@pgshift/catalog';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import { inPartitionKey, type ModelIndex } from '../model-index';
import { tableRef } from '../objects';
import { qualified, quoteIdent, quoteLiteral, regclass, reparsable } from '../sql';
import type { Check, Hazard } from '../types';
import { columnChecks, columnSql, typedColumnSql, isRoutine, newColumnExtras, columnSettingStatements, storageStatements } from './columns';
import { diffColumns } from './columns';
import { createdMetadata, metadataNode, pairs, sameJson, splitOption } from './common';
import { adoptedOnAttach, broughtIndexes, heldThrough, mergedOnInherit } from './reparenting';
import { diffPartitionColumns, partitionColumnOptions } from './partition-columns';
import { detachBeforeDrop, inheritedForeignKeys } from './partition-drops';

/** Options are stored as `key=value`; the value is quoted unless it is a plain word or number. */
export function optionSql(option: string): string {
  const [key, value] = splitOption(option);
  return `${key}=${/^[A-Za-z0-9_.-]+$/.test(value) ? value : quoteLiteral(value)}`;
}

function optionKey(option: string): string {
  return splitOption(option)[0];
}

/**
 * RESET and SET lists that leave reloptions in the target's order. SET takes a key it names out
 * of its place and appends it, untouched keys keep theirs; when that does not give the target's
 * order, every old key is reset and every option set again. The TOAST table's options (`toast.`)
 * are a list of their own.
 */
export function optionChanges(from: string[], to: string[]): { reset: string[]; set: string[] } {
  const kept = new Set(to.map(optionKey));
  const reset = from.map(optionKey).filter((k) => !kept.has(k));
  const set = to.filter((o) => !from.includes(o));
  const named = new Set(set.map(optionKey));
  const result = [...from.map(optionKey).filter((k) => kept.has(k) && !named.has(k)), ...set.map(optionKey)];
  const inOrder = (toast: boolean) => {
    const group = (keys: string[]) => keys.filter((k) => k.startsWith('toast.') === toast);
    return sameJson(group(result), group(to.map(optionKey)));
  };
  if (inOrder(false) && inOrder(true)) return { reset, set };
  return { reset: from.map(optionKey), set: to };
}

/**
 * A table must be replaced when its partitioning scheme or its foreign server changes (or it turns
 * foreign), or a column of its partition key changes type: PostgreSQL cannot alter those.
 */
export function tableNeedsReplace(f: Table, t: Table): boolean {
  return f.partitionBy !== t.partitionBy || f.foreign?.server !== t.foreign?.server || partitionKeyRetyped(f, t);
}

function partitionKeyRetyped(f: Table, t: Table): boolean {
  return t.columns.some((c) => {
    const old = f.columns.find((x) => x.name === c.name);
    return old !== undefined && (old.type !== c.type || old.collation !== c.collation) && inPartitionKey(t, c.name);
  });
}

/** Columns whose default calls a routine get it set after creation, once the routine exists. */
function lateDefault(ctx: DiffContext, t: Table, c: Table['columns'][number]): boolean {
  return c.default !== null && c.identity === null && c.generated === null && ctx.to.deps(ids.column(t.schema, t.name, c.name)).some((d) => isRoutine(ctx.to, d));
}

function tableChecks(t: Table): Check[] {
  return [
    {
      description: `table ${t.schema}.${t.name} exists`,
      condition: `EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid = ${regclass(t.schema, t.name)} AND relkind IN (${t.foreign ? "'f'" : "'r', 'p'"}))`,
    },
    ...(t.partitionOf === null ? t.columns.flatMap((c) => columnChecks(t.schema, t.name, c)) : []),
  ];
}

function stateStatements(t: Table, f: Table | null): string[] {
  const name = qualified(t.schema, t.name);
  const out: string[] = [];
  if (t.rowSecurity !== (f?.rowSecurity ?? false)) out.push(`ALTER TABLE ${name} ${t.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
  if (t.forceRowSecurity !== (f?.forceRowSecurity ?? false)) out.push(`ALTER TABLE ${name} ${t.forceRowSecurity ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`);
  const replica = { d: 'DEFAULT', n: 'NOTHING', f: 'FULL', i: null }[t.replicaIdentity];
  // A foreign table's is always NOTHING, and cannot be altered.
  if (replica !== null && !t.foreign && t.replicaIdentity !== (f?.replicaIdentity ?? 'd')) out.push(`ALTER TABLE ${name} REPLICA IDENTITY ${replica}`);
  return out;
}

function stateChecks(t: Table): Check[] {
  return [
    {
      description: `table ${t.schema}.${t.name} row level security`,
      condition: `(SELECT relrowsecurity = ${t.rowSecurity} AND relforcerowsecurity = ${t.forceRowSecurity} FROM pg_catalog.pg_class WHERE oid = ${regclass(t.schema, t.name)})`,
    },
  ];
}

export function createTable(ctx: DiffContext, t: Table, cause: string | null, after: Node[]): void {
  const name = qualified(t.schema, t.name);
  const statements: string[] = [];
  const late: string[] = [];
  const inheritedOnly: string[] = [];
  const newDeps = [...ctx.to.deps(t.id)];
  let sql: string;
  if (t.partitionOf !== null) {
    const parent = ctx.to.tables.get(t.partitionOf.parent);
    const own = partitionColumnOptions(ctx, t);
    newDeps.push(...own.deps);
    sql = `CREATE ${t.foreign ? 'FOREIGN ' : ''}TABLE ${name} PARTITION OF ${parent ? qualified(parent.schema, parent.name) : t.partitionOf.parent}${own.sql} ${t.partitionOf.bound}`;
  } else {
    // A typed table's columns are its type's attributes, with only their options written.
    const type = t.ofType === undefined ? undefined : ctx.to.types.get(t.ofType);
    const cols = t.columns.flatMap((c) => {
      const colId = ids.column(t.schema, t.name, c.name);
      const isLate = lateDefault(ctx, t, c);
      newDeps.push(...ctx.to.deps(colId).filter((d) => !isLate || !isRoutine(ctx.to, d)));
      if (c.inheritedOnly) {
        inheritedOnly.push(...inheritedColumnStatements(ctx, t, c, isLate));
        if (isLate) late.push(`ALTER TABLE ONLY ${name} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${reparsable(c.default!)}`);
        return [];
      }
      if (isLate) late.push(`ALTER TABLE ${name} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${reparsable(c.default!)}`);
      if (type) return [typedColumnSql(c, t.schema, !isLate) ?? []].flat();
      return [columnSql(c, t.schema, !isLate)];
    });
    const columnList = type && cols.length === 0 ? '' : ` (${cols.join(', ')})`;
    sql = `CREATE ${t.foreign ? 'FOREIGN ' : t.persistence === 'u' ? 'UNLOGGED ' : ''}TABLE ${name}${type ? ` OF ${qualified(type.schema, type.name)}` : ''}${columnList}`;
    if (t.inherits.length) sql += ` INHERITS (${t.inherits.map((p) => tableName(ctx, p)).join(', ')})`;
  }
  if (t.partitionBy !== null) sql += ` PARTITION BY ${reparsable(t.partitionBy)}`;
  if (t.options.length) sql += ` WITH (${t.options.map(optionSql).join(', ')})`;
  if (t.foreign) sql += ` SERVER ${quoteIdent(t.foreign.server)}${fdwOptionsSql(t.foreign.options)}`;
  statements.push(sql, ...inheritedOnly);
  for (const c of t.columns) statements.push(...storageStatements(t, null, c));
  for (const c of t.columns) statements.push(...columnSettingStatements(t, null, c));
  statements.push(...stateStatements(t, null));
  const meta = createdMetadata(ctx, tableRef(t.schema, t.name, t.foreign !== undefined), t, `table ${t.schema}.${t.name}`);
  const checks = [...tableChecks(t), ...meta.checks];
  statements.push(...meta.statements);
  for (const c of t.columns) {
    const extras = newColumnExtras(ctx, t.schema, t.name, c);
    statements.push(...extras.statements);
    checks.push(...extras.checks);
  }
  const columnIds = t.columns.map((c) => ids.column(t.schema, t.name, c.name));
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'table',
    objectId: t.id,
    statements,
    checks: late.length ? [checks[0]!] : checks,
    provides: [t.id, ...columnIds],
    newDeps,
    names: [relName(t.schema, t.name)],
    cause,
    after,
  });
  if (late.length)
    ctx.node({
      phase: 'create',
      kind: 'alter',
      objectKind: 'column',
      objectId: t.id,
      statements: late,
      checks: checks.slice(1),
      newDeps: [t.id, ...columnIds.flatMap((c) => ctx.to.deps(c))],
      cause,
    });
}

/** The column of the first parent that has it, as a child created with INHERITS gets it. */
function parentColumn(ctx: DiffContext, t: Table, name: string): Column | undefined {
  for (const p of t.inherits) {
    const c = ctx.to.tables.get(p)?.columns.find((x) => x.name === name);
    if (c) return c;
  }
  return undefined;
}

/** A column a new child gets from its parents: only where it differs from the parent's is it altered. */
function inheritedColumnStatements(ctx: DiffContext, t: Table, c: Column, isLate: boolean): string[] {
  const parent = parentColumn(ctx, t, c.name);
  const alter = `ALTER TABLE ONLY ${qualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)}`;
  const statements: string[] = [];
  const inheritedDefault = parent?.identity === null && parent.generated === null ? parent.default : null;
  if (c.identity === null && c.generated === null && c.default !== inheritedDefault && !isLate)
    statements.push(c.default === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${reparsable(c.default)}`);
  if (c.notNull && !parent?.notNull) statements.push(`${alter} SET NOT NULL`);
  return statements;
}

/**
 * A child's column that only exists through inheritance keeps that state only while a parent
 * that has it before and after stays a parent; otherwise it becomes a local column, which no
 * ALTER can turn back, so the child is created anew.
 */
export function inheritanceNeedsReplace(from: ModelIndex, to: ModelIndex, f: Table, t: Table): boolean {
  const kept = t.inherits.filter((p) => f.inherits.includes(p));
  const has = (index: ModelIndex, p: string, name: string) => index.tables.get(p)?.columns.some((c) => c.name === name) ?? false;
  const before = new Map(f.columns.map((c) => [c.name, c]));
  return t.columns.some((c) => {
    const old = before.get(c.name);
    if (!old) return false;
    const stillInherited = kept.some((p) => has(from, p, c.name) && has(to, p, c.name));
    // NO INHERIT of the last parent that has it makes an inherited-only column local, and nothing else does.
    if (old.inheritedOnly && !c.inheritedOnly) return stillInherited;
    return c.inheritedOnly === true && (!old.inheritedOnly || !stillInherited);
  });
}

function tableName(ctx: DiffContext, id: string): string {
  const t = ctx.to.tables.get(id) ?? ctx.from.tables.get(id);
  return t ? qualified(t.schema, t.name) : id;
}

/** The object is dropped in this migration (by itself, anew, or with what holds it). */
function goes(ctx: DiffContext, id: string): boolean {
  if (!ctx.to.has(id) || ctx.isReplaced(id)) return true;
  const parent = ctx.from.get(id)?.parent;
  return parent !== undefined && ctx.parentGoes(parent);
}

/** How far the search for a use of the table goes before it assumes one. */
const USE_SEARCH_LIMIT = 2000;

/**
 * `d`, which goes too, uses table `f`: itself, or through what goes with it (a view over the
 * table, a function that reads it, another table whose policy or rule reads it). Such a `d` can
 * go neither before the table nor after what of the table uses it.
 */
function usesTable(ctx: DiffContext, d: string, f: Table): boolean {
  const seen = new Set<string>();
  const stack = [d];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    if (seen.size >= USE_SEARCH_LIMIT) return true;
    seen.add(x);
    const entity = ctx.from.get(x);
    if (x === f.id || entity?.parent === f.id) return true;
    if (!entity || !goes(ctx, x)) continue;
    stack.push(...entity.deps);
    if (entity.kind === 'table') for (const child of ctx.from.childrenOf(x)) stack.push(...child.deps);
  }
  return false;
}

const separations = new WeakMap<DiffContext, Map<string, Set<string>>>();

/**
 * Children of a dropped table that are dropped first, on their own: foreign keys to other tables;
 * checks and indexes that call a routine going away too (such a routine may take the table's row
 * type, so it can go neither before them nor after the table); and policies, rules, triggers and
 * column defaults that use something going away that itself uses the table.
 */
export function separateFromTableDrop(ctx: DiffContext, f: Table): Set<string> {
  let byTable = separations.get(ctx);
  if (!byTable) separations.set(ctx, (byTable = new Map()));
  const known = byTable.get(f.id);
  if (known) return known;
  const out = new Set<string>();
  const routineGoes = (d: string) => isRoutine(ctx.from, d) && (!ctx.to.has(d) || ctx.isReplaced(d));
  for (const c of f.constraints) {
    if (c.inherited) continue;
    const id = ids.constraint(f.schema, f.name, c.name);
    if (c.type === 'f' && c.references !== undefined && c.references !== f.id) out.add(id);
    else if (c.type === 'c' && ctx.from.deps(id).some(routineGoes)) out.add(id);
  }
  const cyclic = (deps: string[]) => deps.some((d) => d !== f.id && ctx.from.get(d)?.parent !== f.id && goes(ctx, d) && usesTable(ctx, d, f));
  for (const child of ctx.from.childrenOf(f.id)) {
    if (child.kind === 'index' && child.deps.some(routineGoes)) out.add(child.id);
    else if ((child.kind === 'policy' || child.kind === 'rule' || child.kind === 'trigger') && cyclic(child.deps)) out.add(child.id);
    else if (child.kind === 'column' && ctx.from.columns.get(child.id)?.column.default != null && cyclic(child.deps)) out.add(child.id);
  }
  byTable.set(f.id, out);
  return out;
}

/** A policy, rule or trigger of a relation that goes is dropped with it, unless it is set apart (see separateFromTableDrop). */
export function goesWithRelation(ctx: DiffContext, relation: string, id: string): boolean {
  if (!ctx.parentGoes(relation)) return false;
  const table = ctx.from.tables.get(relation);
  return !(table && separateFromTableDrop(ctx, table).has(id));
}

/** A column default that goes before its table, which is dropped after (see separateFromTableDrop). */
function dropDefaultFirst(ctx: DiffContext, f: Table, columnId: string): Node | null {
  const column = ctx.from.columns.get(columnId)?.column;
  if (!column || column.default === null) return null;
  return ctx.node({
    phase: 'drop',
    kind: 'alter',
    objectKind: 'column',
    objectId: columnId,
    statements: [`ALTER TABLE ${qualified(f.schema, f.name)} ALTER COLUMN ${quoteIdent(column.name)} DROP DEFAULT`],
    oldDeps: ctx.from.deps(columnId).filter((d) => d !== f.id),
  });
}

function dropTable(ctx: DiffContext, f: Table, cause: string | null): Node {
  const separate = separateFromTableDrop(ctx, f);
  // A column stays with the table; a default set apart goes first, with what it uses.
  const defaults = [...separate].flatMap((id) => (ctx.from.get(id)?.kind === 'column' ? [dropDefaultFirst(ctx, f, id)] : [])).filter((n): n is Node => n !== null);
  const apart = new Set(defaults.map((n) => n.change.objectId));
  const children = ctx.from.childrenOf(f.id).filter((c) => !separate.has(c.id) || apart.has(c.id));
  const removes = [f.id, ...children.map((c) => c.id)];
  // Sequences owned by its columns vanish with it.
  for (const s of ctx.from.model.sequences) if (s.ownedBy !== null && ctx.from.get(s.ownedBy)?.parent === f.id) removes.push(s.id);
  const hazards: Hazard[] = [{ code: 'data-loss', message: cause ? `table ${f.schema}.${f.name} is dropped and created again: its rows are lost` : `dropping table ${f.schema}.${f.name} loses its rows` }];
  const copies = inheritedForeignKeys(f);
  const detach = detachBeforeDrop(ctx, f);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'table',
    objectId: f.id,
    statements: [`DROP ${f.foreign ? 'FOREIGN ' : ''}TABLE ${qualified(f.schema, f.name)}`],
    hazards,
    checks: ctx.to.has(f.id) ? [] : [{ description: `table ${f.schema}.${f.name} is gone`, condition: `NOT EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid = ${regclass(f.schema, f.name)} AND relkind IN ('r', 'p', 'f'))` }],
    removes,
    oldDeps: [...ctx.from.deps(f.id), ...children.filter((c) => !copies.has(c.id) && !apart.has(c.id)).flatMap((c) => c.deps)].filter((d) => !removes.includes(d)),
    names: [relName(f.schema, f.name)],
    cause,
    after: [...(detach ? [detach] : []), ...defaults],
  });
}

export function diffTables(ctx: DiffContext): void {
  const keptPartitions: Array<[Table, Table]> = [];
  const switched = new Map<string, Node>();
  for (const [id, f, t] of pairs(ctx.from.model.tables, ctx.to.model.tables)) {
    if (f && !t) dropTable(ctx, f, null);
    else if (!f && t) createTable(ctx, t, null, []);
    else if (f && t) {
      if (ctx.isReplaced(id)) {
        const cause = ctx.causeOf(id);
        const drop = dropTable(ctx, f, cause);
        createTable(ctx, t, cause, [drop]);
        continue;
      }
      const persistence = persistenceNode(ctx, f, t);
      if (persistence) switched.set(id, persistence);
      const { detached, attach } = alterTable(ctx, f, t);
      diffColumns(ctx, f, t, detached, attach);
      if (t.partitionOf !== null && attach === null) keptPartitions.push([f, t]);
      metadataNode(ctx, 'table', id, tableRef(t.schema, t.name, t.foreign !== undefined), f, t, `table ${t.schema}.${t.name}`);
    }
  }
  diffPartitionColumns(ctx, keptPartitions);
  if (switched.size > 0) orderPersistence(ctx, switched);
}

/** SET LOGGED or SET UNLOGGED, a step of its own, which foreign keys order (orderPersistence). */
function persistenceNode(ctx: DiffContext, f: Table, t: Table): Node | null {
  if (f.persistence === t.persistence) return null;
  const name = qualified(t.schema, t.name);
  return ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'table',
    objectId: t.id,
    statements: [`ALTER TABLE ${name} SET ${t.persistence === 'u' ? 'UNLOGGED' : 'LOGGED'}`],
    hazards: [{ code: 'table-rewrite', message: `switching ${t.schema}.${t.name} between logged and unlogged rewrites it`, table: name }],
    checks: [{ description: `table ${t.schema}.${t.name} persistence`, condition: `(SELECT relpersistence FROM pg_catalog.pg_class WHERE oid = ${regclass(t.schema, t.name)}) = ${quoteLiteral(t.persistence)}` }],
    newDeps: [t.id],
  });
}

/** The kept table whose column owns a sequence switches between logged and unlogged, taking the sequence along. */
export function ownerSwitchesPersistence(ctx: DiffContext, ownedBy: string | null): boolean {
  const table = ownedBy === null ? undefined : ctx.from.columns.get(ownedBy)?.table;
  const to = table && ctx.to.tables.get(table.id);
  return to !== undefined && table!.persistence !== to.persistence && !ctx.isReplaced(to.id);
}

/**
 * A logged table cannot reference an unlogged one: of two tables that both switch, SET LOGGED
 * comes first on the referenced one and SET UNLOGGED on the referencing one. PostgreSQL also
 * switches the sequences the table's columns own; one that the target keeps otherwise is set back.
 */
function orderPersistence(ctx: DiffContext, switched: Map<string, Node>): void {
  for (const [id, node] of switched) {
    const t = ctx.to.tables.get(id)!;
    for (const c of t.constraints) {
      if (c.type !== 'f') continue;
      for (const d of ctx.to.deps(ids.constraint(t.schema, t.name, c.name))) {
        const entity = ctx.to.get(d);
        const referenced = entity?.kind === 'table' ? d : entity?.parent;
        const other = referenced === undefined || referenced === id ? undefined : switched.get(referenced);
        if (!other) continue;
        if (t.persistence === 'p') node.after.push(other);
        else other.after.push(node);
      }
    }
  }
  const before = new Map(ctx.from.model.sequences.map((s) => [s.id, s]));
  for (const s of ctx.to.model.sequences) {
    const f = before.get(s.id);
    if (s.identity || !f || f.ownedBy === null || !ownerSwitchesPersistence(ctx, f.ownedBy)) continue;
    const table = ctx.from.columns.get(f.ownedBy)!.table;
    if (ctx.to.tables.get(table.id)!.persistence === s.persistence) continue;
    ctx.node({
      phase: 'alter',
      kind: 'alter',
      objectKind: 'sequence',
      objectId: s.id,
      statements: [`ALTER SEQUENCE ${qualified(s.schema, s.name)} SET ${s.persistence === 'u' ? 'UNLOGGED' : 'LOGGED'}`],
      checks: [{ description: `sequence ${s.schema}.${s.name} persistence`, condition: `(SELECT relpersistence FROM pg_catalog.pg_class WHERE oid = ${regclass(s.schema, s.name)}) = ${quoteLiteral(s.persistence)}` }],
      newDeps: [s.id],
      after: [switched.get(table.id)!],
    });
  }
}

/**
 * Alters the table itself; returns its NO INHERIT and DETACH steps, which must precede dropping a
 * column a parent gave it, and its ATTACH PARTITION, which the table's columns must fit first.
 */
function alterTable(ctx: DiffContext, f: Table, t: Table): { detached: Node[]; attach: Node | null } {
  const detached: Node[] = [];
  let attach: Node | null = null;
  const name = qualified(t.schema, t.name);
  const statements: string[] = [];
  const hazards: Hazard[] = [];
  const checks: Check[] = [];
  if (!sameJson(f.options, t.options)) {
    const { reset, set } = optionChanges(f.options, t.options);
    if (reset.length) statements.push(`ALTER TABLE ${name} RESET (${reset.join(', ')})`);
    if (set.length) statements.push(`ALTER TABLE ${name} SET (${set.map(optionSql).join(', ')})`);
    const heap = t.options.filter((o) => !o.startsWith('toast.'));
    const toast = t.options.filter((o) => o.startsWith('toast.')).map((o) => o.slice('toast.'.length));
    const array = (options: string[]) => `ARRAY[${options.map(quoteLiteral).join(', ')}]::text[]`;
    checks.push({
      description: `table ${t.schema}.${t.name} storage options`,
      condition: `(SELECT coalesce(c.reloptions, '{}'::text[]) = ${array(heap)} AND coalesce(tc.reloptions, '{}'::text[]) = ${array(toast)} FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_class tc ON tc.oid = c.reltoastrelid WHERE c.oid = ${regclass(t.schema, t.name)})`,
    });
  }
  if (f.foreign && t.foreign && !sameJson(f.foreign.options, t.foreign.options)) {
    statements.push(`ALTER FOREIGN TABLE ${name}${fdwOptionsAlterSql(f.foreign.options, t.foreign.options)}`);
    checks.push(fdwOptionsCheck(`foreign table ${t.schema}.${t.name}`, `SELECT ftoptions FROM pg_catalog.pg_foreign_table WHERE ftrelid = ${regclass(t.schema, t.name)}`, t.foreign.options));
  }
  const state = stateStatements(t, f);
  if (state.length) {
    statements.push(...state);
    checks.push(...stateChecks(t));
  }
  if (statements.length) ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'table', objectId: t.id, statements, hazards, checks, newDeps: [t.id] });

  const inherits = (p: string, yes: boolean): Check => {
    const parent = ctx.to.tables.get(p) ?? ctx.from.tables.get(p);
    return {
      description: `${t.schema}.${t.name} ${yes ? 'inherits' : 'no longer inherits'} from ${parent?.schema}.${parent?.name}`,
      condition: `${yes ? '' : 'NOT '}EXISTS (SELECT FROM pg_catalog.pg_inherits WHERE inhrelid = ${regclass(t.schema, t.name)} AND inhparent = ${regclass(parent?.schema ?? '', parent?.name ?? '')})`,
    };
  };
  for (const p of f.inherits)
    if (!t.inherits.includes(p))
      detached.push(ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'table', objectId: t.id, statements: [`ALTER TABLE ${name} NO INHERIT ${tableName(ctx, p)}`], checks: ctx.to.tables.has(p) ? [inherits(p, false)] : [], oldDeps: [p, ...heldThrough(ctx.from, ctx.to, f, t, p)] }));
  for (const p of t.inherits)
    if (!f.inherits.includes(p))
      ctx.node({
        phase: 'alter',
        kind: 'alter',
        objectKind: 'table',
        objectId: t.id,
        statements: [`ALTER TABLE ${name} INHERIT ${tableName(ctx, p)}`],
        checks: [inherits(p, true)],
        newDeps: [p, ...t.columns.map((c) => ids.column(t.schema, t.name, c.name)), ...mergedOnInherit(t, ctx.to.tables.get(p))],
      });

  if (!sameJson(f.partitionOf, t.partitionOf)) {
    const partitionCheck = (parent: string, bound: string): Check => ({
      description: `${t.schema}.${t.name} is a partition of ${parent} ${bound}`,
      condition: `EXISTS (SELECT FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid WHERE i.inhrelid = ${regclass(t.schema, t.name)} AND i.inhparent = ${regclass(ctx.to.tables.get(parent)?.schema ?? '', ctx.to.tables.get(parent)?.name ?? '')} AND pg_catalog.pg_get_expr(c.relpartbound, c.oid) = ${quoteLiteral(bound)})`,
    });
    const detach =
      f.partitionOf !== null
        ? [
            ctx.node({
              phase: 'alter',
              kind: 'alter',
              objectKind: 'table',
              objectId: t.id,
              statements: [`ALTER TABLE ${tableName(ctx, f.partitionOf.parent)} DETACH PARTITION ${name}`],
              checks: t.partitionOf === null ? [{ description: `${t.schema}.${t.name} is no partition`, condition: `NOT (SELECT relispartition FROM pg_catalog.pg_class WHERE oid = ${regclass(t.schema, t.name)})` }] : [],
              oldDeps: [f.partitionOf.parent, ...heldThrough(ctx.from, ctx.to, f, t, f.partitionOf.parent)],
            }),
          ]
        : [];
    detached.push(...detach);
    if (t.partitionOf !== null)
      attach = ctx.node({
        phase: 'alter',
        kind: 'alter',
        objectKind: 'table',
        objectId: t.id,
        statements: [`ALTER TABLE ${tableName(ctx, t.partitionOf.parent)} ATTACH PARTITION ${name} ${t.partitionOf.bound}`],
        hazards: [{ code: 'long-lock', message: `attaching ${t.schema}.${t.name} scans it to check the partition bound`, table: name }],
        checks: [partitionCheck(t.partitionOf.parent, t.partitionOf.bound)],
        // The table exists already: what it has of its own comes after, what the ATTACH adopts
        // before, and so do the parent's columns, which the table must have.
        newDeps: [t.partitionOf.parent, t.id, ...parentColumns(ctx, t.partitionOf.parent), ...adoptedOnAttach(t, adoptedIndexes(ctx))],
        provides: [t.id],
        after: detach,
      });
  }
  if (detached.length) ctx.separations.set(t.id, detached);
  return { detached, attach };
}

/** Indexes a joining table brings for an index of its parent that exists before: ATTACH PARTITION takes them over. */
function adoptedIndexes(ctx: DiffContext): Index[] {
  return broughtIndexes(ctx.from, ctx.to, (id) => ctx.isReplaced(id)).filter((i) => {
    const parent = i.partitionOf === null ? undefined : indexById(ctx.to, i.partitionOf);
    const table = ctx.to.tables.get(i.table);
    return parent !== undefined && table !== undefined && (!ctx.parentComes(parent.id) || adoptedOnJoin(ctx, table, parent));
  });
}

function parentColumns(ctx: DiffContext, parent: string): string[] {
  const p = ctx.to.tables.get(parent);
  return p ? p.columns.map((c) => ids.column(p.schema, p.name, c.name)) : [];
}
