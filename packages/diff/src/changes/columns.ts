/**
 * Columns of tables present in both models: ADD / DROP COLUMN and in-place ALTER COLUMN
 * (type, default, NOT NULL, identity, generation, storage), comments and column grants.
 */
import type { Column, Table, ViewColumn } from '@pgshift/catalog';
import { defaultNotNullName, ids } from '@pgshift/catalog';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { castExists, userCastExists } from '../casts';
import { hazardsOfTypeChange } from '../hazards';
import { collationSql, qualified, quoteIdent, quoteLiteral, regclass, regtype, reparsable } from '../sql';
import type { Check, Hazard, OnlineForm } from '../types';
import { onTableRef } from '../objects';
import { sameJson } from './common';
import { fdwOptionsAlterSql, fdwOptionsSql } from './foreign';
import { columnCommentStatements } from './comments';
import { columnAclStatements, columnLosesGrants } from './privileges';
import { intoRange } from './sequences';

/** Column dependencies that only an expression (default, generation) can carry: routines. */
export function isRoutine(index: ModelIndex, id: string): boolean {
  const kind = index.get(id)?.kind;
  return kind === 'function' || kind === 'procedure' || kind === 'aggregate';
}

function identitySql(c: Column, schema: string): string {
  const seq = c.identitySequence;
  const opts = seq
    ? ` (SEQUENCE NAME ${qualified(schema, seq.name)} START WITH ${seq.start} INCREMENT BY ${seq.increment} MINVALUE ${seq.min} MAXVALUE ${seq.max} CACHE ${seq.cache}${seq.cycle ? ' CYCLE' : ' NO CYCLE'})`
    : '';
  return `GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts}`;
}

/** `"c" type [COLLATE …] [GENERATED …] [DEFAULT …] [NOT NULL]`. */
export function columnSql(c: Column, schema: string, withDefault = true): string {
  let sql = `${quoteIdent(c.name)} ${c.type}`;
  if (c.fdwOptions !== undefined) sql += fdwOptionsSql(c.fdwOptions);
  if (c.compression !== undefined) sql += ` COMPRESSION ${c.compression}`;
  if (c.collation !== null) sql += ` COLLATE ${collationSql(c.collation)}`;
  return sql + columnOptionsSql(c, schema, withDefault);
}

/** A typed table's column, whose data type and collation are its type's: `"c" WITH OPTIONS …`, or null when it has nothing to add. */
export function typedColumnSql(c: Column, schema: string, withDefault = true): string | null {
  const options = columnOptionsSql(c, schema, withDefault);
  return options === '' ? null : `${quoteIdent(c.name)} WITH OPTIONS${options}`;
}

/** ` [GENERATED …] [DEFAULT …] [NOT NULL]`. */
function columnOptionsSql(c: Column, schema: string, withDefault: boolean): string {
  let sql = '';
  if (c.generated !== null) sql += ` GENERATED ALWAYS AS (${reparsable(c.generated)}) ${c.virtual ? 'VIRTUAL' : 'STORED'}`;
  else if (c.identity !== null) sql += ` ${identitySql(c, schema)}`;
  else if (c.default !== null && withDefault) sql += ` DEFAULT ${reparsable(c.default)}`;
  if (c.notNull) sql += c.notNullName !== undefined ? ` CONSTRAINT ${quoteIdent(c.notNullName)} NOT NULL` : ' NOT NULL';
  return sql;
}

export function columnChecks(schema: string, table: string, c: Column): Check[] {
  const subject = ids.column(schema, table, c.name);
  const attr = `SELECT FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = ${regclass(schema, table)} AND a.attname = ${quoteLiteral(c.name)} AND NOT a.attisdropped`;
  const expr = c.generated ?? (c.identity === null ? c.default : null);
  return [
    {
      description: `column ${schema}.${table}.${c.name} is ${c.type}${c.notNull ? ' not null' : ''}`,
      condition: `EXISTS (${attr} AND pg_catalog.format_type(a.atttypid, a.atttypmod) = ${quoteLiteral(c.type)} AND a.attnotnull = ${c.notNull} AND a.attidentity = ${quoteLiteral(c.identity ?? '')} AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) IS NOT DISTINCT FROM ${expr === null ? 'NULL' : quoteLiteral(expr)})`,
      subject,
    },
  ];
}

export function columnGone(schema: string, table: string, name: string): Check {
  return {
    description: `column ${schema}.${table}.${name} is gone`,
    condition: `NOT EXISTS (SELECT FROM pg_catalog.pg_attribute WHERE attrelid = ${regclass(schema, table)} AND attname = ${quoteLiteral(name)} AND NOT attisdropped)`,
  };
}

/** Comment and grants of a column that is being created, in any relation. */
export function newColumnExtras(ctx: DiffContext, schema: string, relation: string, c: { name: string; comment?: string; acl: Column['acl'] }): { statements: string[]; checks: Check[] } {
  const comment = columnCommentStatements(schema, relation, c.name, undefined, c.comment);
  const acl = columnAclStatements(ctx, schema, relation, c.name, null, c.acl);
  return { statements: [...comment.statements, ...acl.statements], checks: [...comment.checks, ...acl.checks] };
}

/**
 * Columns a child gets from parents it inherits from before and after; changes to them are made
 * on the parent and recurse. (A parent that is newly inherited needs the columns present first.)
 */
function inheritedNames(ctx: DiffContext, f: Table, t: Table): Set<string> {
  const names = new Set<string>();
  for (const p of t.inherits) {
    if (!f.inherits.includes(p)) continue;
    for (const c of ctx.to.tables.get(p)?.columns ?? []) names.add(c.name);
    for (const c of ctx.from.tables.get(p)?.columns ?? []) names.add(c.name);
  }
  return names;
}

/**
 * A partition's columns all come from its parent, which carries their changes. A partition
 * detached in the migration keeps them as its own, altered once detached; a table attached in the
 * migration is made to fit the parent first, in the transaction (ATTACH refuses a nullable column
 * that the parent has NOT NULL), on the table as it is (the ATTACH provides it as a partition).
 */
export function diffColumns(ctx: DiffContext, f: Table, t: Table, detached: Node[] = [], attach: Node | null = null): void {
  if (t.partitionOf !== null && attach === null) return;
  // A partition between its DETACH and its ATTACH (a new bound, another parent) is both.
  const first = ctx.nodes.length;
  alterColumns(ctx, f, t, detached);
  typedTable(ctx, f, t, ctx.nodes.slice(first));
  for (const n of ctx.nodes.slice(first)) {
    if (f.partitionOf !== null) n.after.push(...detached);
    if (attach === null) continue;
    n.newDeps = n.newDeps.filter((d) => d !== t.id);
    delete n.change.online;
    attach.after.push(n);
  }
}

/**
 * A typed table's columns are its type's attributes: ALTER TYPE … CASCADE adds, drops and retypes
 * them (types.ts), the table sets only what else they carry. A table that leaves its type goes
 * NOT OF before its columns change; one that takes a type goes OF after, once they match it.
 */
function typedTable(ctx: DiffContext, f: Table, t: Table, columnSteps: Node[]): void {
  if (f.ofType === t.ofType) return;
  const name = qualified(t.schema, t.name);
  if (f.ofType !== undefined) {
    const notOf = ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'table', objectId: t.id, statements: [`ALTER TABLE ${name} NOT OF`], oldDeps: [f.ofType] });
    for (const n of columnSteps) n.after.push(notOf);
  }
  const type = t.ofType === undefined ? undefined : ctx.to.types.get(t.ofType);
  if (type === undefined) return;
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'table',
    objectId: t.id,
    statements: [`ALTER TABLE ${name} OF ${qualified(type.schema, type.name)}`],
    checks: [{ description: `table ${t.schema}.${t.name} is of type ${type.schema}.${type.name}`, condition: `(SELECT reloftype FROM pg_catalog.pg_class WHERE oid = ${regclass(t.schema, t.name)}) = ${regtype(type.schema, type.name)}` }],
    newDeps: [t.id, type.id],
    after: columnSteps,
  });
}

/** Whether the table is of the same type before and after: its columns then follow the type. */
function followsType(f: Table, t: Table): boolean {
  return t.ofType !== undefined && f.ofType === t.ofType;
}

function alterColumns(ctx: DiffContext, f: Table, t: Table, detached: Node[]): void {
  const inherited = inheritedNames(ctx, f, t);
  const typed = followsType(f, t);
  const before = new Map(f.columns.map((c) => [c.name, c]));
  const after = new Map(t.columns.map((c) => [c.name, c]));
  const table = qualified(t.schema, t.name);
  // Children that keep inheriting from this table: a column they keep of their own must survive the
  // parent's drop. Looked for only when the table has children on both sides, off the hot path.
  const children =
    ctx.from.inherited.has(t.id) && ctx.to.inherited.has(t.id)
      ? ctx.to.model.tables.filter((x) => x.inherits.includes(t.id) && ctx.from.tables.get(x.id)?.inherits.includes(t.id))
      : [];
  for (const c of f.columns) {
    if (after.has(c.name) || inherited.has(c.name) || typed) continue;
    const id = ids.column(f.schema, f.name, c.name);
    const only = children.some((x) => x.columns.some((y) => y.name === c.name)) ? 'ONLY ' : '';
    ctx.node({
      phase: 'drop',
      kind: 'drop',
      objectKind: 'column',
      objectId: id,
      statements: [`ALTER TABLE ${only}${table} DROP COLUMN ${quoteIdent(c.name)}`],
      hazards: [{ code: 'data-loss', message: `dropping column ${f.schema}.${f.name}.${c.name} loses its data` }],
      checks: [columnGone(t.schema, t.name, c.name)],
      removes: [id],
      oldDeps: ctx.from.deps(id),
      // A column a parent still gives cannot be dropped: the parent is let go first.
      after: detached,
    });
  }
  // New columns are added in their order in the table, so that they end up in it where they can;
  // a generated column that reads a later one is left out of the chain, since it needs that first.
  let previous: Node | null = null;
  for (const c of [...t.columns].sort((x, y) => x.position - y.position)) {
    const id = ids.column(t.schema, t.name, c.name);
    const old = before.get(c.name);
    if (inherited.has(c.name)) {
      if (old) alterInheritedColumn(ctx, f, t, old, c);
      continue;
    }
    // A new attribute of the type comes bare, with the type's data type and collation.
    if (typed) alterColumn(ctx, t, old ? { ...old, type: c.type, collation: c.collation } : { ...c, default: null, notNull: false, identity: null, generated: null, acl: null, comment: undefined, statistics: undefined, options: undefined, storage: undefined, compression: undefined, notNullName: undefined }, c);
    else if (!old && c.generated !== null && !readsOnlyEarlier(ctx, t, c, id)) addColumn(ctx, t, c, null, null, null);
    else if (!old) previous = addColumn(ctx, t, c, null, null, previous);
    else if (ctx.closure.readded.has(id)) {
      const cause = ctx.closure.readded.get(id) ?? null;
      const drop = ctx.node({
        phase: 'drop',
        kind: 'drop',
        objectKind: 'column',
        objectId: id,
        statements: [`ALTER TABLE ${table} DROP COLUMN ${quoteIdent(c.name)}`],
        // A generated column's values come back computed; a plain column's do not, and a plain one added anew starts empty.
        hazards:
          old.generated === null || c.generated === null
            ? [{ code: 'data-loss', message: `column ${t.schema}.${t.name}.${c.name} is dropped and added again ${c.generated === null ? 'as a plain column, empty' : 'as a generated column'}: its values are lost` }]
            : [],
        removes: [id],
        oldDeps: ctx.from.deps(id),
        cause,
      });
      addColumn(ctx, t, c, drop, cause, null);
    } else {
      alterColumn(ctx, t, old, c, id);
      renameNotNull(ctx, f, t, old, c);
    }
  }
}

/**
 * PostgreSQL 18 names NOT NULL constraints: a table's own is `table_column_not_null` unless named,
 * and a partition detached from its parent keeps the parent's name. Renamed when the target's
 * plain table has another.
 */
function renameNotNull(ctx: DiffContext, ft: Table, t: Table, f: Column, c: Column): void {
  if (ctx.serverVersionNum < 180000 || !c.notNull || t.partitionOf !== null || t.inherits.length > 0 || ft.inherits.length > 0) return;
  const parentTable = ft.partitionOf ? ctx.from.tables.get(ft.partitionOf.parent) : undefined;
  const parent = parentTable?.columns.find((x) => x.name === c.name);
  const current = !f.notNull
    ? defaultNotNullName(t.name, c.name)
    : parent?.notNull && parentTable
      ? (parent.notNullName ?? defaultNotNullName(parentTable.name, c.name))
      : (f.notNullName ?? defaultNotNullName(ft.name, c.name));
  const wanted = c.notNullName ?? defaultNotNullName(t.name, c.name);
  if (current === wanted) return;
  const ref = onTableRef('CONSTRAINT', wanted, t.schema, t.name);
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'column',
    objectId: ids.column(t.schema, t.name, c.name),
    statements: [`ALTER TABLE ${qualified(t.schema, t.name)} RENAME CONSTRAINT ${quoteIdent(current)} TO ${quoteIdent(wanted)}`],
    checks: [{ description: `NOT NULL of ${t.schema}.${t.name}.${c.name} is named ${wanted}`, condition: `${ref.oid} IS NOT NULL` }],
    newDeps: [ids.column(t.schema, t.name, c.name)],
    after: ctx.separations.get(t.id) ?? [],
  });
}

function addColumn(ctx: DiffContext, t: Table, c: Column, after: Node | null, cause: string | null, previous: Node | null): Node {
  const id = ids.column(t.schema, t.name, c.name);
  const hazards: Hazard[] = [];
  if (c.generated !== null && !c.virtual) hazards.push({ code: 'table-rewrite', message: `adding generated column ${t.schema}.${t.name}.${c.name} rewrites the table`, table: qualified(t.schema, t.name) });
  else if (c.identity !== null) hazards.push({ code: 'table-rewrite', message: `adding identity column ${t.schema}.${t.name}.${c.name} rewrites the table`, table: qualified(t.schema, t.name) });
  else if (c.notNull && c.default === null)
    hazards.push({ code: 'may-fail', message: `column ${t.schema}.${t.name}.${c.name} is NOT NULL without a default: adding it fails when the table has rows` });
  const extras = newColumnExtras(ctx, t.schema, t.name, c);
  return ctx.node({
    phase: after ? 'create' : 'alter',
    kind: 'create',
    objectKind: 'column',
    objectId: id,
    statements: [`ALTER TABLE ${qualified(t.schema, t.name)} ADD COLUMN ${columnSql(c, t.schema)}`, ...storageStatements(t, null, c), ...columnSettingStatements(t, null, c), ...extras.statements],
    hazards,
    checks: [...columnChecks(t.schema, t.name, c), ...extras.checks],
    provides: [id],
    newDeps: ctx.to.deps(id),
    after: [...(after ? [after] : []), ...(previous ? [previous] : [])],
    cause,
  });
}

/**
 * Per-column settings that have no place in a column definition: SET STATISTICS (-1 resets it),
 * attribute options (SET / RESET), and compression for an existing column (a new column gets it inline).
 */
export function columnSettingStatements(t: Pick<Table, 'schema' | 'name'>, f: ViewColumn | null, c: ViewColumn, relation = 'TABLE'): string[] {
  const alter = `ALTER ${relation} ${qualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)}`;
  const out: string[] = [];
  if ((f?.statistics ?? null) !== (c.statistics ?? null)) out.push(`${alter} SET STATISTICS ${c.statistics ?? -1}`);
  const before = f?.options ?? [];
  const after = c.options ?? [];
  const key = (o: string) => o.slice(0, o.indexOf('='));
  const reset = before.map(key).filter((k) => !after.some((o) => key(o) === k));
  if (reset.length) out.push(`${alter} RESET (${reset.join(', ')})`);
  const set = after.filter((o) => !before.includes(o));
  if (set.length) out.push(`${alter} SET (${set.join(', ')})`);
  if (f !== null && (f.compression ?? null) !== (c.compression ?? null)) out.push(`${alter} SET COMPRESSION ${c.compression ?? 'default'}`);
  return out;
}

export function storageStatements(t: Pick<Table, 'schema' | 'name'>, f: ViewColumn | null, c: ViewColumn, relation = 'TABLE'): string[] {
  if ((f?.storage ?? null) === (c.storage ?? null)) return [];
  const mode = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' }[c.storage ?? 'x'];
  if (f === null && c.storage === undefined) return [];
  return [`ALTER ${relation} ${qualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)} SET STORAGE ${mode}`];
}

/**
 * A column the child shares with a parent it keeps: type, identity and generation follow the
 * parent (its ALTER recurses), while default, NOT NULL of its own, statistics, comment and
 * grants belong to the child. Those run after the parent's change to the column.
 */
function alterInheritedColumn(ctx: DiffContext, ft: Table, t: Table, f: Column, c: Column): void {
  const id = ids.column(t.schema, t.name, c.name);
  const alter = `ALTER TABLE ONLY ${qualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)}`;
  const parents = t.inherits.filter((p) => ft.inherits.includes(p));
  const parentOf = (index: ModelIndex) => parents.map((p) => index.tables.get(p)?.columns.find((x) => x.name === c.name)).find((x) => x !== undefined);
  const statements: string[] = [];
  if (c.identity === null && c.generated === null && f.default !== c.default) statements.push(c.default === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${reparsable(c.default)}`);
  if (c.notNull && !f.notNull) statements.push(`${alter} SET NOT NULL`);
  if (!c.notNull && f.notNull && !parentOf(ctx.from)?.notNull) statements.push(`${alter} DROP NOT NULL`);
  statements.push(...columnSettingStatements(t, f, c));
  const comment = columnCommentStatements(t.schema, t.name, c.name, f.comment, c.comment);
  const acl = columnAclStatements(ctx, t.schema, t.name, c.name, f.acl, c.acl);
  statements.push(...comment.statements, ...acl.statements);
  if (statements.length === 0) return;
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'column',
    objectId: id,
    statements,
    checks: [...columnChecks(t.schema, t.name, c), ...comment.checks, ...acl.checks],
    newDeps: [id, ...ctx.to.deps(id), ...parents.map((p) => ctx.to.tables.get(p)).flatMap((p) => (p ? [ids.column(p.schema, p.name, c.name)] : []))],
  });
}

/** The columns of its table that a generated column reads all come before it. */
function readsOnlyEarlier(ctx: DiffContext, t: Table, c: Column, id: string): boolean {
  return ctx.to.deps(id).every((d) => {
    const read = ctx.to.columns.get(d);
    return read === undefined || read.table !== t || read.column.position < c.position;
  });
}

function alterColumn(ctx: DiffContext, t: Table, f: Column, c: Column, id = ids.column(t.schema, t.name, c.name)): void {
  const rebuildCause = ctx.closure.retyped.get(id);
  const split = ctx.closure.defaultSplit.get(id);
  // Most columns of a big schema are the same on both sides: nothing to do, and nothing to work out.
  if (rebuildCause === undefined && split === undefined && sameJson(f, c, 'dependsOn') && !columnLosesGrants(ctx, t.schema, t.name, f.acl)) return;
  const alter = `ALTER TABLE ${qualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)}`;
  const rebuilt = rebuildCause !== undefined && rebuildCause !== null && ctx.closure.rebuilt.has(rebuildCause);
  const retype = f.type !== c.type || f.collation !== c.collation || rebuilt;
  const defaultChanged = f.default !== c.default || f.identity !== c.identity;
  const hazards: Hazard[] = [];
  const main: string[] = [];
  const pre: string[] = [];
  const post: string[] = [];
  // The default has to be off the column while its type changes or an identity replaces it.
  const dropDefault = f.default !== null && (retype || (c.identity !== null && f.identity === null) || (split !== undefined) || (defaultChanged && c.default === null));
  // Inheritance children keep defaults of their own (diffed on the child); partitions follow their parent.
  const hasChildren = ctx.from.inherited.has(t.id) || ctx.to.inherited.has(t.id);
  const defaultAlter = !retype && hasChildren && t.partitionBy === null ? `ALTER TABLE ONLY ${qualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)}` : alter;
  // serial → identity: the old default's sequence is dropped between the two steps when the
  // identity sequence takes its name.
  const takeover = f.default !== null && f.identity === null && c.identity !== null;
  if (dropDefault) (split !== undefined || takeover ? pre : main).push(`${defaultAlter} DROP DEFAULT`);
  if (f.generated !== null && c.generated === null) main.push(`${alter} DROP EXPRESSION`);
  if (retype) {
    // Enums cast to nothing but text: a move between two enums goes through their labels.
    const enumInvolved = ctx.from.deps(id).some((d) => ctx.from.types.get(d)?.kind === 'enum') || ctx.to.deps(id).some((d) => ctx.to.types.get(d)?.kind === 'enum');
    // A multirange casts like its range: to nothing but text and its own name.
    const lookup = (index: ModelIndex) => (id: string) => index.types.get(id) ?? index.multiranges.get(id);
    // A user-defined cast counts when it is there before and after the migration.
    const userCast = userCastExists(f.type, c.type, lookup(ctx.from), lookup(ctx.to), (cast) => ctx.from.has(cast) && ctx.to.has(cast) && !ctx.isReplaced(cast));
    const viaText = !userCast && (enumInvolved || !castExists(f.type, c.type, lookup(ctx.from), lookup(ctx.to), ctx.serverVersionNum)) ? `::text${c.type.endsWith('[]') ? '[]' : ''}` : '';
    // A foreign table stores nothing: its column changes type without a USING and without a rewrite.
    const using = t.foreign ? '' : rebuilt ? ` USING ${rebuiltValue(ctx, rebuildCause!, c)}` : f.type !== c.type ? ` USING ${quoteIdent(c.name)}${viaText}::${c.type}` : '';
    main.push(`${alter} TYPE ${c.type}${c.collation !== null ? ` COLLATE ${collationSql(c.collation)}` : ''}${using}`);
    if (!t.foreign) hazards.push(...hazardsOfTypeChange(`${t.schema}.${t.name}.${c.name}`, f.type, c.type, rebuilt, qualified(t.schema, t.name)));
  }
  if (!sameJson(f.fdwOptions ?? [], c.fdwOptions ?? [])) main.push(`${alter}${fdwOptionsAlterSql(f.fdwOptions ?? [], c.fdwOptions ?? [])}`);
  if (c.notNull && !f.notNull) main.push(`${alter} SET NOT NULL`);
  if (c.notNull && !f.notNull && !t.foreign) {
    hazards.push({ code: 'long-lock', message: `SET NOT NULL on ${t.schema}.${t.name}.${c.name} scans the table under an ACCESS EXCLUSIVE lock`, table: qualified(t.schema, t.name) });
    hazards.push({ code: 'may-fail', message: `SET NOT NULL on ${t.schema}.${t.name}.${c.name} fails when a row holds NULL` });
  }
  let renamed = false;
  // identity → serial: the identity sequence goes first, so a sequence of the same name can be created.
  const giveaway = f.identity !== null && c.identity === null && f.identitySequence !== undefined;
  if (f.identity !== null && c.identity === null) (giveaway ? pre : main).push(`${alter} DROP IDENTITY`);
  else if (f.identity === null && c.identity !== null) main.push(`${alter} ADD ${identitySql(c, t.schema)}`);
  else if (f.identity !== null && c.identity !== null) {
    if (f.identity !== c.identity) main.push(`${alter} SET GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'}`);
    const a = f.identitySequence;
    const b = c.identitySequence;
    if (a && b) {
      // The sequence keeps its grants and comment through a rename (diffIdentitySequences).
      renamed = a.name !== b.name;
      if (renamed) main.push(`ALTER SEQUENCE ${qualified(t.schema, a.name)} RENAME TO ${quoteIdent(b.name)}`);
      const opts: string[] = [];
      if (a.increment !== b.increment) opts.push(`SET INCREMENT BY ${b.increment}`);
      if (a.min !== b.min) opts.push(`SET MINVALUE ${b.min}`);
      if (a.max !== b.max) opts.push(`SET MAXVALUE ${b.max}`);
      if (a.start !== b.start) opts.push(`SET START WITH ${b.start}`);
      if (a.cache !== b.cache) opts.push(`SET CACHE ${b.cache}`);
      if (a.cycle !== b.cycle) opts.push(b.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
      // As for a sequence of its own: the current value is moved into narrowed bounds, or, when no
      // value of the old range is left in the new one, the sequence starts over.
      const disjoint = BigInt(b.max) < BigInt(a.min) || BigInt(b.min) > BigInt(a.max);
      if (disjoint) {
        opts.push('RESTART');
        hazards.push({ code: 'data-loss', message: `identity of ${t.schema}.${t.name}.${c.name} moves to a range that shares no value with the old one: it restarts at ${b.start}` });
      }
      if (opts.length) main.push(...(disjoint ? [] : intoRange(a, { ...b, schema: t.schema })), `${alter} ${opts.join(' ')}`);
    }
  }
  if (!c.notNull && f.notNull) main.push(`${alter} DROP NOT NULL`);
  if (c.default !== null && c.identity === null && (dropDefault || defaultChanged)) (split !== undefined ? post : main).push(`${defaultAlter} SET DEFAULT ${reparsable(c.default)}`);
  main.push(...storageStatements(t, f, c), ...columnSettingStatements(t, f, c));

  const checks = columnChecks(t.schema, t.name, c);
  const online = c.notNull && !f.notNull && post.length === 0 ? onlineNotNull(ctx, t, f, c, main, hazards, checks) : undefined;
  const cause = split ?? (rebuilt ? rebuildCause : undefined);
  // A rebuilt type is renamed away before and created after this step: it is neither released nor awaited in the old model.
  const oldDeps = ctx.from.deps(id).filter((d) => !ctx.closure.rebuilt.has(d));
  const steps: Node[] = [];
  if (pre.length)
    steps.push(ctx.node({
      phase: giveaway ? 'drop' : 'alter',
      kind: 'alter',
      objectKind: 'column',
      objectId: id,
      statements: pre,
      oldDeps: ctx.from.deps(id),
      names: giveaway ? [relName(t.schema, f.identitySequence!.name)] : [],
      cause: split,
    }));
  if (main.length)
    steps.push(ctx.node({
      phase: 'alter',
      kind: 'alter',
      objectKind: 'column',
      objectId: id,
      statements: main,
      hazards,
      checks: post.length ? [] : checks,
      online,
      // A new identity brings its sequence, which grants on it wait for.
      provides: retype || f.generated !== c.generated || (f.identity === null && c.identity !== null) || renamed ? [id] : [],
      // A typed table's new column comes with its type's attribute.
      newDeps: [...(split !== undefined ? ctx.to.deps(id).filter((d) => !isRoutine(ctx.to, d)) : ctx.to.deps(id)), ...(t.ofType !== undefined ? [t.ofType] : [])],
      oldDeps: split !== undefined ? oldDeps.filter((d) => !isRoutine(ctx.from, d)) : takeover ? oldDeps.filter((d) => ctx.from.get(d)?.kind !== 'sequence') : oldDeps,
      names: (takeover || renamed) && c.identitySequence ? [relName(t.schema, c.identitySequence.name)] : [],
      cause: rebuilt ? rebuildCause : undefined,
      after: [...steps],
    }));
  if (post.length) ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'column', objectId: id, statements: post, checks, newDeps: ctx.to.deps(id), cause, after: [...steps] });

  const comment = columnCommentStatements(t.schema, t.name, c.name, f.comment, c.comment);
  const acl = columnAclStatements(ctx, t.schema, t.name, c.name, f.acl, c.acl);
  if (comment.statements.length + acl.statements.length > 0)
    ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'column', objectId: id, statements: [...comment.statements, ...acl.statements], checks: [...comment.checks, ...acl.checks], newDeps: [id] });
}

/**
 * SET NOT NULL without its scan under ACCESS EXCLUSIVE: a `CHECK (col IS NOT NULL) NOT VALID`
 * first, validated later without blocking writes, after which SET NOT NULL skips the scan and the
 * check goes. Only for a plain table that the column's new identity does not need NOT NULL on.
 */
function onlineNotNull(ctx: DiffContext, t: Table, f: Column, c: Column, main: string[], hazards: Hazard[], checks: Check[]): OnlineForm | undefined {
  const plain = t.partitionBy === null && t.partitionOf === null && !t.foreign && !ctx.from.inherited.has(t.id) && !ctx.to.inherited.has(t.id);
  if (!plain || (c.identity !== null && f.identity === null)) return undefined;
  // A primary key added in the migration sets NOT NULL on its columns itself, in the transaction.
  const column = ids.column(t.schema, t.name, c.name);
  const keyed = t.constraints.some((k) => {
    const key = ids.constraint(t.schema, t.name, k.name);
    return k.type === 'p' && (!ctx.from.has(key) || ctx.isReplaced(key)) && ctx.to.deps(key).includes(column);
  });
  if (keyed) return undefined;
  const table = qualified(t.schema, t.name);
  const taken = new Set([...(ctx.from.tables.get(t.id)?.constraints ?? []), ...t.constraints].map((x) => x.name));
  const name = freeName(`${c.name}_not_null`, taken);
  const setNotNull = `${table} ALTER COLUMN ${quoteIdent(c.name)} SET NOT NULL`;
  const definition = `CHECK ((${quoteIdent(c.name)} IS NOT NULL)) NOT VALID`;
  const helper = onTableRef('CONSTRAINT', name, t.schema, t.name);
  return {
    stage: 'main',
    statements: main.map((s) => (s === `ALTER TABLE ${setNotNull}` ? `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name)} ${definition}` : s)),
    // Checks that still hold once the change that follows has set NOT NULL, as sqitch verify expects.
    checks: [
      ...columnChecks(t.schema, t.name, { ...c, notNull: false }).map((nullable, i) => ({ ...nullable, condition: `(${nullable.condition}) OR (${checks[i]!.condition})` })),
      {
        description: `constraint ${name} on ${t.schema}.${t.name} checks ${c.name} IS NOT NULL, or the column is NOT NULL`,
        condition: `COALESCE((SELECT contype = 'c' AND NOT convalidated FROM pg_catalog.pg_constraint WHERE oid = ${helper.oid}), (SELECT attnotnull FROM pg_catalog.pg_attribute WHERE attrelid = ${regclass(t.schema, t.name)} AND attname = ${quoteLiteral(c.name)}))`,
      },
    ],
    hazards: hazards.filter((h) => !(h.code === 'long-lock' && h.message.startsWith('SET NOT NULL'))),
    then: {
      statements: [`ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(name)}`],
      finish: [`ALTER TABLE ${setNotNull}`, `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(name)}`],
      checks: [...checks, { description: `constraint ${name} on ${t.schema}.${t.name} is gone`, condition: `${helper.oid} IS NULL` }],
    },
    helperCheck: name,
  };
}

/** `base`, or `base` with a number, cut to PostgreSQL's 63 bytes, that no name in `taken` has. */
function freeName(base: string, taken: Set<string>): string {
  const cut = (s: string, n: number) => {
    let out = s;
    while (Buffer.byteLength(out) > n) out = out.slice(0, -1);
    return out;
  };
  for (let i = 0; ; i++) {
    const suffix = i === 0 ? '' : String(i);
    const name = cut(base, 63 - suffix.length) + suffix;
    if (!taken.has(name)) return name;
  }
}

/**
 * A column's value in the new shape of its rebuilt type. A composite is rebuilt attribute by
 * attribute (kept attributes cast, new ones NULL), so that reordered, added and retyped attributes
 * all land where they belong; anything else goes through its text form, as enum labels do.
 */
function rebuiltValue(ctx: DiffContext, typeId: string, c: Column): string {
  const col = quoteIdent(c.name);
  const before = ctx.from.types.get(typeId);
  const after = ctx.to.types.get(typeId);
  if (before?.kind !== 'composite' || after?.kind !== 'composite' || c.type.endsWith('[]')) return `${col}::text::${c.type}`;
  const kept = new Set(before.attributes.map((a) => a.name));
  // An attribute of a type rebuilt too (an enum that loses a label) has no cast from its old copy but through text.
  const rebuiltNames = new Set([...ctx.closure.rebuilt.keys()].flatMap((id) => {
    const t = ctx.from.types.get(id);
    return t ? [`${t.schema}.${t.name}`, `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`] : [];
  }));
  const via = (type: string) => (rebuiltNames.has(type.replace(/\[\]$/, '')) ? '::text' : '');
  const fields = after.attributes.map((a) => (kept.has(a.name) ? `(${col}).${quoteIdent(a.name)}${via(a.type)}::${a.type}` : `NULL::${a.type}`));
  // A row of NULLs is not a NULL row: IS NOT DISTINCT FROM NULL tells the two apart (the text
  // form would too, but PostgreSQL 15 cannot map a cast to text onto a partitioned table's partitions).
  return `CASE WHEN ${col} IS NOT DISTINCT FROM NULL THEN NULL ELSE ROW(${fields.join(', ')})::${c.type} END`;
}
