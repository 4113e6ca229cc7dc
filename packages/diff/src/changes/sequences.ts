/**
 * Sequences. OWNED BY is its own change, after the table: a serial column is CREATE SEQUENCE,
 * CREATE TABLE (default nextval), ALTER SEQUENCE … OWNED BY. Identity sequences belong to their
 * column and are handled there.
 */
import type { Sequence } from '@pgshift/catalog';
import { relName, type DiffContext } from '../context';
import { sequenceRef } from '../objects';
import { quoteIdent, quoteLiteral, qualified, regclass } from '../sql';
import type { Check } from '../types';
import { createdMetadata, metadataNode, pairs } from './common';
import { initialAcl } from './privileges';
import { ownerSwitchesPersistence } from './tables';

function ownedByTarget(ctx: DiffContext, columnId: string | null, side: 'from' | 'to'): string {
  if (columnId === null) return 'NONE';
  const hit = ctx[side].columns.get(columnId);
  if (!hit) return 'NONE';
  return `${qualified(hit.table.schema, hit.table.name)}.${quoteIdent(hit.column.name)}`;
}

function options(s: Sequence, from?: Sequence): string[] {
  const out: string[] = [];
  if (!from || from.dataType !== s.dataType) out.push(`AS ${s.dataType}`);
  if (!from || from.increment !== s.increment) out.push(`INCREMENT BY ${s.increment}`);
  if (!from || from.min !== s.min) out.push(`MINVALUE ${s.min}`);
  if (!from || from.max !== s.max) out.push(`MAXVALUE ${s.max}`);
  if (!from || from.start !== s.start) out.push(`START WITH ${s.start}`);
  if (!from || from.cache !== s.cache) out.push(`CACHE ${s.cache}`);
  if (!from || from.cycle !== s.cycle) out.push(s.cycle ? 'CYCLE' : 'NO CYCLE');
  return out;
}

/**
 * ALTER SEQUENCE refuses new bounds that leave the current value outside them. A value below a
 * raised MINVALUE moves up to it (the next call returns it); one above a lowered MAXVALUE moves
 * down to it, as used up. Values already inside the new range are left alone.
 */
export function intoRange(f: Pick<Sequence, 'min' | 'max'>, t: Pick<Sequence, 'schema' | 'name' | 'min' | 'max'>): string[] {
  const name = qualified(t.schema, t.name);
  const oid = regclass(t.schema, t.name);
  const out: string[] = [];
  if (BigInt(t.min) > BigInt(f.min)) out.push(`SELECT pg_catalog.setval(${oid}, ${t.min}, false) FROM ${name} WHERE last_value < ${t.min}`);
  if (BigInt(t.max) < BigInt(f.max)) out.push(`SELECT pg_catalog.setval(${oid}, ${t.max}, true) FROM ${name} WHERE last_value > ${t.max}`);
  return out;
}

function sequenceChecks(s: Sequence): Check[] {
  const oid = regclass(s.schema, s.name);
  return [
    { description: `sequence ${s.schema}.${s.name} exists`, condition: `EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid = ${oid} AND relkind = 'S')` },
    {
      description: `sequence ${s.schema}.${s.name} has its options`,
      condition: `EXISTS (SELECT FROM pg_catalog.pg_sequence WHERE seqrelid = ${oid} AND pg_catalog.format_type(seqtypid, NULL) = ${quoteLiteral(s.dataType)} AND seqincrement::text = ${quoteLiteral(s.increment)} AND seqmin::text = ${quoteLiteral(s.min)} AND seqmax::text = ${quoteLiteral(s.max)} AND seqstart::text = ${quoteLiteral(s.start)} AND seqcache::text = ${quoteLiteral(s.cache)} AND seqcycle = ${s.cycle})`,
    },
  ];
}

function ownedByCheck(ctx: DiffContext, s: Sequence): Check {
  const hit = s.ownedBy === null ? undefined : ctx.to.columns.get(s.ownedBy);
  const dep = `SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = ${regclass(s.schema, s.name)} AND d.deptype = 'a' AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass`;
  return hit
    ? {
        description: `sequence ${s.schema}.${s.name} is owned by ${hit.table.name}.${hit.column.name}`,
        condition: `EXISTS (${dep} AND d.refobjid = ${regclass(hit.table.schema, hit.table.name)} AND d.refobjsubid = (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = ${regclass(hit.table.schema, hit.table.name)} AND attname = ${quoteLiteral(hit.column.name)}))`,
      }
    : { description: `sequence ${s.schema}.${s.name} is owned by no column`, condition: `NOT EXISTS (${dep} AND d.refobjsubid > 0)` };
}

export function diffSequences(ctx: DiffContext): void {
  diffIdentitySequences(ctx);
  const from = ctx.from.model.sequences.filter((s) => !s.identity);
  const to = ctx.to.model.sequences.filter((s) => !s.identity);
  for (const [id, f, t] of pairs(from, to)) {
    const s = (t ?? f)!;
    const ref = sequenceRef(s.schema, s.name);
    const what = `sequence ${s.schema}.${s.name}`;
    if (f && !t) {
      // A sequence owned by a column that goes away goes with it.
      const owner = f.ownedBy === null ? undefined : ctx.from.get(f.ownedBy);
      if (f.ownedBy !== null && owner && (!ctx.to.has(f.ownedBy) || ctx.parentGoes(owner.parent!))) continue;
      ctx.node({
        phase: 'drop',
        kind: 'drop',
        objectKind: 'sequence',
        objectId: id,
        statements: [`DROP SEQUENCE ${ref.name}`],
        hazards: [{ code: 'data-loss', message: `dropping ${what} loses its current value` }],
        checks: [{ description: `${what} is gone`, condition: `NOT EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid = ${ref.oid} AND relkind = 'S')` }],
        removes: [id],
        oldDeps: ctx.from.deps(id),
        names: [relName(f.schema, f.name)],
      });
    } else if (!f && t) {
      const meta = createdMetadata(ctx, ref, t, what);
      ctx.node({
        phase: 'create',
        kind: 'create',
        objectKind: 'sequence',
        objectId: id,
        statements: [`CREATE ${t.persistence === 'u' ? 'UNLOGGED ' : ''}SEQUENCE ${ref.name} ${options(t).join(' ')}`, ...meta.statements],
        checks: [...sequenceChecks(t), ...meta.checks],
        provides: [id],
        newDeps: ctx.to.deps(id),
        names: [relName(t.schema, t.name)],
      });
      if (t.ownedBy !== null) ownedByNode(ctx, t, null);
    } else if (f && t) {
      const changed = options(t, f);
      // No value of the old range is left in the new one: the sequence starts over.
      const disjoint = BigInt(t.max) < BigInt(f.min) || BigInt(t.min) > BigInt(f.max);
      if (disjoint) changed.push('RESTART');
      if (changed.length > 0)
        ctx.node({
          phase: 'alter',
          kind: 'alter',
          objectKind: 'sequence',
          objectId: id,
          statements: [...(disjoint ? [] : intoRange(f, t)), `ALTER SEQUENCE ${ref.name} ${changed.join(' ')}`],
          hazards: disjoint ? [{ code: 'data-loss', message: `${what} moves to a range that shares no value with the old one: it restarts at ${t.start}` }] : [],
          checks: sequenceChecks(t),
          provides: [id],
          newDeps: [id],
        });
      // One whose table switches goes along with it, and is set back after (tables.ts).
      if (f.persistence !== t.persistence && !ownerSwitchesPersistence(ctx, f.ownedBy))
        ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'sequence', objectId: id, statements: [`ALTER SEQUENCE ${ref.name} SET ${t.persistence === 'u' ? 'UNLOGGED' : 'LOGGED'}`], checks: [{ description: `${what} persistence`, condition: `(SELECT relpersistence FROM pg_catalog.pg_class WHERE oid = ${ref.oid}) = ${quoteLiteral(t.persistence)}` }], newDeps: [id] });
      // DROP TABLE and DROP COLUMN take an owned sequence along: a sequence that stays is
      // unlinked before its owning column goes (dropped, or dropped with its table or to be recreated).
      const oldOwner = f.ownedBy === null ? undefined : ctx.from.get(f.ownedBy);
      const unlinked =
        oldOwner?.parent !== undefined && (!ctx.to.has(f.ownedBy!) || ctx.parentGoes(oldOwner.parent) || ctx.closure.readded.has(f.ownedBy!));
      if (unlinked) ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'sequence', objectId: id, statements: [`ALTER SEQUENCE ${ref.name} OWNED BY NONE`], checks: t.ownedBy === null ? [ownedByCheck(ctx, t)] : [], oldDeps: [f.ownedBy!] });
      const ownerChanged = ownedByTarget(ctx, f.ownedBy, 'from') !== ownedByTarget(ctx, t.ownedBy, 'to');
      // A recreated owner table dropped the link; so did a retyped identity → serial switch.
      const ownerRecreated = t.ownedBy !== null && ctx.to.get(t.ownedBy)?.parent !== undefined && ctx.parentComes(ctx.to.get(t.ownedBy)!.parent!);
      if (unlinked ? t.ownedBy !== null : ownerChanged || ownerRecreated) ownedByNode(ctx, t, unlinked ? null : f);
      // An owned sequence follows its table's owner; ALTER SEQUENCE … OWNER TO would fail.
      const meta = t.ownedBy !== null && f.ownedBy !== null ? { ...f, owner: t.owner } : f;
      metadataNode(ctx, 'sequence', id, ref, meta, t, what);
    }
  }
}

function ownedByNode(ctx: DiffContext, t: Sequence, f: Sequence | null): void {
  const target = ownedByTarget(ctx, t.ownedBy, 'to');
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind: 'sequence',
    objectId: t.id,
    statements: [`ALTER SEQUENCE ${qualified(t.schema, t.name)} OWNED BY ${target}`],
    checks: [ownedByCheck(ctx, t)],
    newDeps: [t.id, ...(t.ownedBy === null ? [] : [t.ownedBy])],
    // Without `f`, the sequence was new or already unlinked from an owner that goes.
    oldDeps: f?.ownedBy ? [f.ownedBy] : [],
  });
}

/**
 * An identity sequence is created and dropped by its column, but its grants and comment are
 * its own; ownership follows the table.
 */
function diffIdentitySequences(ctx: DiffContext): void {
  const from = ctx.from.model.sequences.filter((s) => s.identity);
  const to = ctx.to.model.sequences.filter((s) => s.identity);
  // One renamed by its column (SEQUENCE NAME) is the same sequence.
  const byColumn = new Map(from.flatMap((s) => (s.ownedBy !== null ? [[s.ownedBy, s] as const] : [])));
  for (const [id, kept, t] of pairs(from, to)) {
    if (!t) continue;
    const f = kept ?? (t.ownedBy !== null ? byColumn.get(t.ownedBy) : undefined);
    const ref = sequenceRef(t.schema, t.name);
    const owner = t.ownedBy === null ? undefined : ctx.to.get(t.ownedBy);
    const fresh = !f || (owner?.parent !== undefined && ctx.parentComes(owner.parent)) || (t.ownedBy !== null && ctx.closure.readded.has(t.ownedBy));
    // A new one is created by its column with its table's owner, and so with the default
    // privileges of that role.
    const before = fresh ? { owner: t.owner, acl: ref.acl ? initialAcl(ctx, ref.acl, t.owner) : null, comment: undefined } : { ...f!, owner: t.owner };
    metadataNode(ctx, 'sequence', id, ref, before, t, `sequence ${t.schema}.${t.name}`);
  }
}
