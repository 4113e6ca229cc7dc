/**
 * User-defined types (enum, composite, domain, range) and collations.
 *
 * What PostgreSQL cannot alter in place — an enum losing or reordering labels, a domain over a
 * new base type, any change of a range or collation — is rebuilt: the old object is renamed out
 * of the way, the new one created under the name, every column using it retyped through text,
 * and the old one dropped. Objects that used the old one (views, routines, constraints) are in
 * the closure, so they are dropped before the rename and recreated after.
 */
import { enumAppendOnly, type Collation, type CompositeType, type DomainType, type EnumType, type RangeType, type TypeDef } from '@pgshift/catalog';
import type { Closure } from '../closure';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { collationRef, domainConstraintRef, typeRef, type ObjectRef } from '../objects';
import { collationSql, qualified, quoteIdent, quoteLiteral, reparsable } from '../sql';
import type { Check, Hazard } from '../types';
import { createdMetadata, metadataNode, pairs, sameJson, withoutNotValid } from './common';
import { sqlBodyRoutines } from './routines';

function compositeAlterable(from: CompositeType, to: CompositeType): boolean {
  const toNames = new Set(to.attributes.map((a) => a.name));
  const fromNames = new Set(from.attributes.map((a) => a.name));
  const kept = to.attributes.filter((a) => fromNames.has(a.name)).map((a) => a.name);
  const keptBefore = from.attributes.filter((a) => toNames.has(a.name)).map((a) => a.name);
  if (!sameJson(kept, keptBefore)) return false;
  // Added attributes can only go at the end.
  const firstAdded = to.attributes.findIndex((a) => !fromNames.has(a.name));
  return firstAdded < 0 || to.attributes.slice(firstAdded).every((a) => !fromNames.has(a.name));
}

/** Seeds the closure with the types that have to be rebuilt. */
export function typeSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const toTypes = new Map(to.model.types.map((t) => [t.id, t]));
  for (const f of from.model.types) {
    const t = toTypes.get(f.id);
    if (!t) continue;
    if (
      f.kind !== t.kind ||
      needsRebuild(f, t) ||
      (f.kind === 'composite' && t.kind === 'composite' && attributeRetyped(f, t) && stored(from, f.id, true)) ||
      (f.kind === 'domain' && t.kind === 'domain' && domainChecksAgain(f, t) && stored(from, f.id, false))
    )
      closure.rebuilt.set(f.id, null);
    else if (f.kind === 'composite' && t.kind === 'composite' && attributeRetyped(f, t, true)) {
      // A view reading the attribute (say through a function returning the type), or a routine's
      // parsed body (SQL-standard form) using the type, blocks ALTER ATTRIBUTE.
      for (const d of from.dependentsOf(f.id)) {
        if (!to.has(d)) continue;
        const kind = from.get(d)?.kind;
        if (kind === 'view' || kind === 'materialized view') closure.replaced.set(d, f.id);
        else if (sqlBodyRoutines(from).has(d)) closure.replaced.set(d, f.id);
      }
    }
  }
  const toCollations = new Map(to.model.collations.map((c) => [c.id, c]));
  for (const f of from.model.collations) {
    const t = toCollations.get(f.id);
    if (t && !sameJson(collationShape(f), collationShape(t))) closure.rebuilt.set(f.id, null);
  }
}

function needsRebuild(f: TypeDef, t: TypeDef): boolean {
  if (f.kind === 'enum' && t.kind === 'enum') return !enumAppendOnly(f.labels, t.labels);
  if (f.kind === 'domain' && t.kind === 'domain') return f.baseType !== t.baseType || f.collation !== t.collation;
  if (f.kind === 'range' && t.kind === 'range') return !sameJson(rangeShape(f), rangeShape(t));
  if (f.kind === 'composite' && t.kind === 'composite') return !compositeAlterable(f, t);
  return true;
}

/** ALTER ATTRIBUTE … TYPE (or with `dropped`, also DROP ATTRIBUTE), which PostgreSQL refuses while a table stores the type. */
function attributeRetyped(f: CompositeType, t: CompositeType, dropped = false): boolean {
  const after = new Map(t.attributes.map((a) => [a.name, a]));
  return f.attributes.some((old) => {
    const a = after.get(old.name);
    return a === undefined ? dropped : old.type !== a.type || old.collation !== a.collation;
  });
}

function usedByColumns(index: ModelIndex, typeId: string): boolean {
  return index.dependentsOf(typeId).some((d) => index.get(d)?.kind === 'column');
}

/** The change makes PostgreSQL check stored values against the domain: a validated constraint added or validated, or NOT NULL set. */
function domainChecksAgain(f: DomainType, t: DomainType): boolean {
  const before = new Map(f.constraints.map((c) => [c.name, c]));
  const checked = t.constraints.some((c) => {
    const o = before.get(c.name);
    return c.validated && (o === undefined || !o.validated || withoutNotValid(o.definition) !== withoutNotValid(c.definition));
  });
  return checked || (t.notNull && !f.notNull);
}

/**
 * A table stores the type: with `inside`, in a column of that type or inside another type (an
 * array, a composite or range over it); without, only inside another type, a domain over it
 * counting as the type itself. PostgreSQL checks a new domain constraint only against plain
 * columns and refuses it while the domain is stored inside another type, and refuses to alter
 * a composite's attribute while the composite is stored anywhere. A view's columns store nothing.
 */
function stored(index: ModelIndex, typeId: string, inside: boolean, seen = new Set([typeId])): boolean {
  for (const d of index.dependentsOf(typeId)) {
    const kind = index.get(d)?.kind;
    const type = kind === 'column' ? index.columns.get(d)?.column.type : undefined;
    if (type !== undefined && (inside || type.endsWith(']'))) return true;
    if (kind !== 'type' || seen.has(d)) continue;
    seen.add(d);
    if (stored(index, d, inside || index.types.get(d)?.kind !== 'domain', seen)) return true;
  }
  return false;
}

function rangeShape(r: RangeType) {
  return [r.subtype, r.subtypeOpclass, r.collation, r.canonical, r.subtypeDiff, r.multirangeName];
}

function collationShape(c: Collation) {
  return [c.provider, c.deterministic, c.lcCollate, c.lcCtype, c.locale, c.rules];
}

function attributeSql(a: CompositeType['attributes'][number]): string {
  return `${quoteIdent(a.name)} ${a.type}${a.collation ? ` COLLATE ${collationSql(a.collation)}` : ''}`;
}

/**
 * Comments on a composite's attributes and a domain's constraints. `from` is null for a type
 * being created; `fresh` names the constraints that are (re)added and so start without one.
 */
function partCommentStatements(f: TypeDef | null, t: TypeDef, fresh: Set<string> = new Set()): string[] {
  const name = qualified(t.schema, t.name);
  const literal = (text: string | undefined) => (text === undefined ? 'NULL' : quoteLiteral(text));
  const out: string[] = [];
  if (t.kind === 'composite') {
    const before = new Map(f?.kind === 'composite' ? f.attributes.map((a) => [a.name, a.comment]) : []);
    for (const a of t.attributes) if (before.get(a.name) !== a.comment) out.push(`COMMENT ON COLUMN ${name}.${quoteIdent(a.name)} IS ${literal(a.comment)}`);
  }
  if (t.kind === 'domain') {
    const before = new Map(f?.kind === 'domain' ? f.constraints.map((c) => [c.name, c.comment]) : []);
    for (const c of t.constraints) {
      const old = fresh.has(c.name) ? undefined : before.get(c.name);
      if (old !== c.comment) out.push(`COMMENT ON CONSTRAINT ${quoteIdent(c.name)} ON DOMAIN ${name} IS ${literal(c.comment)}`);
    }
  }
  return out;
}

function createTypeStatements(t: TypeDef): string[] {
  return [...definitionStatements(t), ...partCommentStatements(null, t)];
}

function definitionStatements(t: TypeDef): string[] {
  const name = qualified(t.schema, t.name);
  switch (t.kind) {
    case 'enum':
      return [`CREATE TYPE ${name} AS ENUM (${t.labels.map(quoteLiteral).join(', ')})`];
    case 'composite':
      return [`CREATE TYPE ${name} AS (${t.attributes.map(attributeSql).join(', ')})`];
    case 'range': {
      const parts = [`SUBTYPE = ${t.subtype}`];
      if (t.subtypeOpclass) parts.push(`SUBTYPE_OPCLASS = ${t.subtypeOpclass}`);
      if (t.collation) parts.push(`COLLATION = ${collationSql(t.collation)}`);
      if (t.canonical) parts.push(`CANONICAL = ${t.canonical}`);
      if (t.subtypeDiff) parts.push(`SUBTYPE_DIFF = ${t.subtypeDiff}`);
      if (t.multirangeName) parts.push(`MULTIRANGE_TYPE_NAME = ${qualified(t.schema, t.multirangeName)}`);
      return [`CREATE TYPE ${name} AS RANGE (${parts.join(', ')})`];
    }
    case 'domain': {
      let sql = `CREATE DOMAIN ${name} AS ${t.baseType}`;
      if (t.collation) sql += ` COLLATE ${collationSql(t.collation)}`;
      if (t.default !== null) sql += ` DEFAULT ${reparsable(t.default)}`;
      if (t.notNull) sql += ' NOT NULL';
      // NOT VALID constraints cannot be declared in CREATE DOMAIN; they are added afterwards.
      for (const c of t.constraints) if (c.validated) sql += ` CONSTRAINT ${quoteIdent(c.name)} ${reparsable(c.definition)}`;
      const later = t.constraints.filter((c) => !c.validated).map((c) => `ALTER DOMAIN ${name} ADD CONSTRAINT ${quoteIdent(c.name)} ${reparsable(c.definition)}`);
      return [sql, ...later];
    }
  }
}

function typeChecks(t: TypeDef, ref: ObjectRef): Check[] {
  const what = `type ${t.schema}.${t.name}`;
  const checks: Check[] = [{ description: `${what} exists`, condition: `${ref.oid} IS NOT NULL` }];
  const typ = (col: string) => `(SELECT ${col} FROM pg_catalog.pg_type WHERE oid = ${ref.oid})`;
  switch (t.kind) {
    case 'enum':
      checks.push({
        description: `${what} has labels ${t.labels.join(', ')}`,
        condition: `ARRAY(SELECT enumlabel::text FROM pg_catalog.pg_enum WHERE enumtypid = ${ref.oid} ORDER BY enumsortorder) = ARRAY[${t.labels.map(quoteLiteral).join(', ')}]::text[]`,
      });
      break;
    case 'composite':
      checks.push({
        description: `${what} has its attributes`,
        condition: `ARRAY(SELECT attname::text || ' ' || pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute WHERE attrelid = ${typ('typrelid')} AND attnum > 0 AND NOT attisdropped ORDER BY attnum) = ARRAY[${t.attributes.map((a) => quoteLiteral(`${a.name} ${a.type}`)).join(', ')}]::text[]`,
      });
      break;
    case 'domain':
      checks.push({ description: `${what} is over ${t.baseType}`, condition: `${typ('pg_catalog.format_type(typbasetype, typtypmod)')} = ${quoteLiteral(t.baseType)}` });
      checks.push({ description: `${what} default`, condition: `${typ('pg_catalog.pg_get_expr(typdefaultbin, 0)')} IS NOT DISTINCT FROM ${t.default === null ? 'NULL' : quoteLiteral(t.default)}` });
      checks.push({ description: `${what} nullability`, condition: `${typ('typnotnull')} = ${t.notNull}` });
      for (const c of t.constraints) {
        const cref = domainConstraintRef(t.schema, t.name, c.name);
        checks.push({ description: `${what} constraint ${c.name}`, condition: `pg_catalog.pg_get_constraintdef(${cref.oid}) = ${quoteLiteral(c.definition)}` });
      }
      break;
    case 'range':
      break;
  }
  return checks;
}

function collationStatement(c: Collation): string {
  const parts: string[] = [];
  const provider = { c: 'libc', l: 'libc', i: 'icu', b: 'builtin', d: 'libc' }[c.provider];
  parts.push(`provider = ${provider}`);
  if (c.provider === 'i' || c.provider === 'b') parts.push(`locale = ${quoteLiteral(c.locale ?? '')}`);
  else {
    if (c.lcCollate !== null) parts.push(`lc_collate = ${quoteLiteral(c.lcCollate)}`);
    if (c.lcCtype !== null) parts.push(`lc_ctype = ${quoteLiteral(c.lcCtype)}`);
  }
  if (!c.deterministic) parts.push('deterministic = false');
  if (c.rules !== null) parts.push(`rules = ${quoteLiteral(c.rules)}`);
  return `CREATE COLLATION ${qualified(c.schema, c.name)} (${parts.join(', ')})`;
}

/** The temporary name of an object being rebuilt: fits in NAMEDATALEN and is stable. */
export function oldName(name: string): string {
  const suffix = '__pgshift_old';
  return Buffer.byteLength(name + suffix) <= 63 ? name + suffix : Buffer.from(name).subarray(0, 63 - suffix.length).toString().replace(/\uFFFD+$/, '') + suffix;
}

interface Subject {
  id: string;
  schema: string;
  name: string;
  kind: 'type' | 'collation';
  keyword: string;
  create: string[];
  checks: Check[];
  ref: ObjectRef;
  owned: { owner: string; acl: TypeDef['acl']; comment?: string };
  /** A range type: its multirange and constructors are named after it. */
  range?: RangeType;
}

function subjectOfType(t: TypeDef): Subject {
  const ref = typeRef(t);
  const subject: Subject = { id: t.id, schema: t.schema, name: t.name, kind: 'type', keyword: ref.keyword, create: createTypeStatements(t), checks: typeChecks(t, ref), ref, owned: t };
  if (t.kind === 'range') subject.range = t;
  return subject;
}

function subjectOfCollation(c: Collation): Subject {
  const ref = collationRef(c.schema, c.name);
  return {
    id: c.id,
    schema: c.schema,
    name: c.name,
    kind: 'collation',
    keyword: 'COLLATION',
    create: [collationStatement(c)],
    checks: [{ description: `collation ${c.schema}.${c.name} exists`, condition: `${ref.oid} IS NOT NULL` }],
    ref,
    owned: c,
  };
}

function createNode(ctx: DiffContext, s: Subject, cause: string | null, after: Node[] = []): Node {
  const meta = createdMetadata(ctx, s.ref, s.owned, `${s.kind} ${s.schema}.${s.name}`);
  return ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: s.kind,
    objectId: s.id,
    statements: [...s.create, ...meta.statements],
    checks: [...s.checks, ...meta.checks],
    provides: [s.id],
    newDeps: ctx.to.deps(s.id),
    names: [relName(s.schema, s.name)],
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, s: Subject): Node {
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: s.kind,
    objectId: s.id,
    statements: [`DROP ${s.keyword} ${s.ref.name}`],
    checks: [{ description: `${s.kind} ${s.schema}.${s.name} is gone`, condition: `${s.ref.oid} IS NULL` }],
    removes: [s.id],
    oldDeps: ctx.from.deps(s.id),
    names: [relName(s.schema, s.name)],
  });
}

/** Returns the drop of the renamed old copy, which waits for the old copies of the rebuilt types that use it. */
function rebuild(ctx: DiffContext, before: Subject, after: Subject, hazards: Hazard[]): Node {
  const tmp = oldName(before.name);
  const cause = ctx.closure.rebuilt.get(before.id) ?? null;
  const statements = [`ALTER ${before.keyword} ${before.ref.name} RENAME TO ${quoteIdent(tmp)}`];
  const names = [relName(before.schema, before.name)];
  // A range's multirange and the constructor functions of both are named after them and keep
  // their names through the rename, where they would block the new range's.
  const range = before.range;
  if (range) {
    const fn = (name: string, args: string) => `ALTER FUNCTION ${qualified(before.schema, name)}(${args}) RENAME TO ${quoteIdent(oldName(name))}`;
    statements.push(fn(before.name, `${range.subtype}, ${range.subtype}`), fn(before.name, `${range.subtype}, ${range.subtype}, text`));
    if (range.multirangeName !== null) {
      const mr = range.multirangeName;
      const renamedRange = qualified(before.schema, tmp);
      statements.push(`ALTER TYPE ${qualified(before.schema, mr)} RENAME TO ${quoteIdent(oldName(mr))}`, fn(mr, ''), fn(mr, renamedRange), fn(mr, `VARIADIC ${renamedRange}[]`));
      names.push(relName(before.schema, mr));
    }
  }
  const rename = ctx.node({
    phase: 'drop',
    kind: 'alter',
    objectKind: before.kind,
    objectId: before.id,
    statements,
    hazards,
    removes: [before.id],
    oldDeps: ctx.from.deps(before.id),
    names,
    cause,
  });
  createNode(ctx, after, cause, [rename]);
  // The old copy goes once no column uses it: those retyped for it, and those that change to
  // another type or collation of their own accord, or through another rebuilt object.
  const retyped = [...ctx.closure.retyped].filter(([, c]) => c === before.id).map(([id]) => id);
  const users = ctx.from.dependentsOf(before.id).filter((d) => ctx.from.get(d)?.kind === 'column' && ctx.to.has(d));
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: before.kind,
    objectId: before.id,
    statements: [`DROP ${before.keyword} ${qualified(before.schema, tmp)}`],
    newDeps: [...new Set([...retyped, ...users])],
    after: [rename],
    cause,
  });
}

export function diffTypes(ctx: DiffContext): void {
  const oldCopies = new Map<string, Node>();
  for (const [id, f, t] of pairs(ctx.from.model.types, ctx.to.model.types)) {
    if (f && !t) dropNode(ctx, subjectOfType(f));
    else if (!f && t) createNode(ctx, subjectOfType(t), null);
    else if (f && t) {
      if (ctx.closure.rebuilt.has(id)) {
        const hazards: Hazard[] =
          f.kind === 'enum'
            ? [{ code: 'enum-rebuild', message: `enum ${f.schema}.${f.name} loses or reorders labels (${f.labels.join(', ')} → ${t.kind === 'enum' ? t.labels.join(', ') : t.kind}): it is rebuilt and every column using it rewritten; rows holding a removed label make the deploy fail` }]
            : [{ code: 'table-rewrite', message: `type ${f.schema}.${f.name} cannot be altered in place: it is rebuilt and every column using it rewritten` }];
        oldCopies.set(id, rebuild(ctx, subjectOfType(f), subjectOfType(t), hazards));
        continue;
      }
      if (f.kind === 'enum' && t.kind === 'enum') alterEnum(ctx, f, t);
      if (f.kind === 'composite' && t.kind === 'composite') alterComposite(ctx, f, t);
      const last: Node[] = [];
      const readded = f.kind === 'domain' && t.kind === 'domain' ? alterDomain(ctx, f, t, last) : new Set<string>();
      const parts = partCommentStatements(f, t, readded);
      if (parts.length) ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'type', objectId: id, statements: parts, newDeps: [id], after: last });
      metadataNode(ctx, 'type', id, typeRef(t), f, t, `type ${t.schema}.${t.name}`);
    }
  }
  for (const [id, f, t] of pairs(ctx.from.model.collations, ctx.to.model.collations)) {
    if (f && !t) dropNode(ctx, subjectOfCollation(f));
    else if (!f && t) createNode(ctx, subjectOfCollation(t), null);
    else if (f && t) {
      if (ctx.closure.rebuilt.has(id)) oldCopies.set(id, rebuild(ctx, subjectOfCollation(f), subjectOfCollation(t), [{ code: 'table-rewrite', message: `collation ${f.schema}.${f.name} changes: it is rebuilt and every column using it retyped` }]));
      else metadataNode(ctx, 'collation', id, collationRef(t.schema, t.name), f, t, `collation ${t.schema}.${t.name}`);
    }
  }
  // The old copy of a type goes after the old copies of the rebuilt types that use it (a domain over it, a composite or range of it).
  for (const [id, drop] of oldCopies) for (const d of ctx.from.deps(id)) if (d !== id) oldCopies.get(d)?.after.push(drop);
}

function alterEnum(ctx: DiffContext, f: EnumType, t: EnumType): void {
  if (sameJson(f.labels, t.labels)) return;
  const name = qualified(t.schema, t.name);
  const present = new Set(f.labels);
  const statements: string[] = [];
  t.labels.forEach((label, i) => {
    if (present.has(label)) return;
    const place = i > 0 ? `AFTER ${quoteLiteral(t.labels[i - 1]!)}` : `BEFORE ${quoteLiteral(t.labels[1]!)}`;
    statements.push(`ALTER TYPE ${name} ADD VALUE IF NOT EXISTS ${quoteLiteral(label)} ${place}`);
    present.add(label);
  });
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'type',
    objectId: t.id,
    statements,
    checks: typeChecks(t, typeRef(t)).slice(1),
    provides: [t.id],
    newDeps: ctx.to.deps(t.id),
    // A new label cannot be used in the transaction that adds it.
    transactional: false,
  });
}

function alterComposite(ctx: DiffContext, f: CompositeType, t: CompositeType): void {
  // The tables of the type (CREATE TABLE … OF) follow its attributes, which CASCADE allows.
  const name = qualified(t.schema, t.name);
  const cascade = ctx.from.model.tables.some((x) => x.ofType === f.id) ? ' CASCADE' : '';
  const before = new Map(f.attributes.map((a) => [a.name, a]));
  const after = new Set(t.attributes.map((a) => a.name));
  const statements: string[] = [];
  const hazards: Hazard[] = [];
  for (const a of f.attributes) {
    if (after.has(a.name)) continue;
    statements.push(`ALTER TYPE ${name} DROP ATTRIBUTE ${quoteIdent(a.name)}${cascade}`);
    if (usedByColumns(ctx.from, f.id)) hazards.push({ code: 'data-loss', message: `dropping attribute ${a.name} of ${t.schema}.${t.name} loses its values in the table columns of that type` });
    if (cascade) hazards.push({ code: 'data-loss', message: `dropping attribute ${a.name} of ${t.schema}.${t.name} drops that column of the tables of that type` });
  }
  for (const a of t.attributes) {
    const old = before.get(a.name);
    if (!old) statements.push(`ALTER TYPE ${name} ADD ATTRIBUTE ${attributeSql(a)}${cascade}`);
    else if (old.type !== a.type || old.collation !== a.collation) {
      statements.push(`ALTER TYPE ${name} ALTER ATTRIBUTE ${quoteIdent(a.name)} SET DATA TYPE ${a.type}${a.collation ? ` COLLATE ${collationSql(a.collation)}` : ''}${cascade}`);
    }
  }
  if (statements.length === 0) return;
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'type',
    objectId: t.id,
    statements,
    hazards,
    checks: typeChecks(t, typeRef(t)).slice(1),
    provides: [t.id],
    newDeps: ctx.to.deps(t.id),
    oldDeps: ctx.from.deps(t.id),
  });
}

/** Alters a domain in place; returns the names of the constraints it (re)adds, and adds its last step to `last`. */
function alterDomain(ctx: DiffContext, f: DomainType, t: DomainType, last: Node[]): Set<string> {
  const name = `DOMAIN ${qualified(t.schema, t.name)}`;
  const split = ctx.closure.domainSplit.get(t.id);
  const checks = typeChecks(t, typeRef(t)).slice(1);
  const hazards: Hazard[] = [];
  const toConstraints = new Map(t.constraints.map((c) => [c.name, c]));
  const fromConstraints = new Map(f.constraints.map((c) => [c.name, c]));
  const drops: string[] = [];
  const adds: string[] = [];
  const readded = new Set<string>();
  if (split !== undefined) {
    // Something the default or a constraint uses is recreated: take them all off first.
    if (f.default !== null) drops.push(`ALTER ${name} DROP DEFAULT`);
    for (const c of f.constraints) drops.push(`ALTER ${name} DROP CONSTRAINT ${quoteIdent(c.name)}`);
    if (t.default !== null) adds.push(`ALTER ${name} SET DEFAULT ${reparsable(t.default)}`);
    for (const c of t.constraints) {
      adds.push(`ALTER ${name} ADD CONSTRAINT ${quoteIdent(c.name)} ${reparsable(c.definition)}`);
      readded.add(c.name);
    }
  } else {
    if (f.default !== t.default) adds.push(t.default === null ? `ALTER ${name} DROP DEFAULT` : `ALTER ${name} SET DEFAULT ${reparsable(t.default)}`);
    for (const c of f.constraints) {
      const n = toConstraints.get(c.name);
      if (!n || withoutNotValid(n.definition) !== withoutNotValid(c.definition) || (c.validated && !n.validated))
        drops.push(`ALTER ${name} DROP CONSTRAINT ${quoteIdent(c.name)}`);
    }
    for (const c of t.constraints) {
      const o = fromConstraints.get(c.name);
      const kept = o && withoutNotValid(o.definition) === withoutNotValid(c.definition) && !(o.validated && !c.validated);
      if (!kept) {
        adds.push(`ALTER ${name} ADD CONSTRAINT ${quoteIdent(c.name)} ${reparsable(c.definition)}`);
        readded.add(c.name);
        if (c.validated) hazards.push({ code: 'long-lock', message: `adding constraint ${c.name} to domain ${t.schema}.${t.name} checks every column using it` });
      } else if (!o.validated && c.validated) adds.push(`ALTER ${name} VALIDATE CONSTRAINT ${quoteIdent(c.name)}`);
    }
  }
  if (f.notNull !== t.notNull) {
    adds.push(`ALTER ${name} ${t.notNull ? 'SET' : 'DROP'} NOT NULL`);
    if (t.notNull) hazards.push({ code: 'long-lock', message: `SET NOT NULL on domain ${t.schema}.${t.name} checks every column using it` });
  }
  if (drops.length === 0 && adds.length === 0) return readded;
  if (split !== undefined) {
    const first = drops.length > 0 ? [ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'type', objectId: t.id, statements: drops, oldDeps: ctx.from.deps(f.id), cause: split })] : [];
    if (adds.length > 0) last.push(ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'type', objectId: t.id, statements: adds, checks, hazards, newDeps: ctx.to.deps(t.id), cause: split, after: first }));
    return readded;
  }
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'type',
    objectId: t.id,
    statements: [...drops, ...adds],
    checks,
    hazards,
    provides: [t.id],
    newDeps: ctx.to.deps(t.id),
    oldDeps: ctx.from.deps(f.id),
  });
  return readded;
}
