/**
 * Table constraints, each its own change: ALTER TABLE … ADD CONSTRAINT after the table (and,
 * for FKs, after the referenced key), DROP CONSTRAINT before whatever it uses goes away.
 * A changed definition is a drop and an add; NOT VALID → valid is VALIDATE CONSTRAINT.
 */
import { ids, type Constraint, type Table } from '@pgshift/catalog';
import type { Closure } from '../closure';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { onTableRef } from '../objects';
import { qualified, quoteIdent, quoteLiteral, reparsable } from '../sql';
import type { Hazard } from '../types';
import { commentNode, pairs, withoutNotValid } from './common';
import { commentStatements } from './comments';
import { adoptedByJoin, broughtConstraints, keptConstraints, parentCopyOf, type ConstraintItem } from './reparenting';
import { separateFromTableDrop } from './tables';
import { droppedWithIndex, keyIndex, storageParameters } from './indexes';
import { inheritedKeyCopies } from './partition-keys';

type Item = ConstraintItem;

function items(index: ModelIndex): Item[] {
  return [...index.constraints.entries()].filter(([, v]) => !v.constraint.inherited).map(([id, v]) => ({ id, ...v }));
}

/**
 * The constraints compared: a table's own (local), with those it keeps from a parent it leaves
 * (before) or brings to a partition parent it joins (after); see reparenting.ts.
 */
function compared(from: ModelIndex, to: ModelIndex, replaced: (id: string) => boolean): { before: Item[]; after: Item[] } {
  return { before: [...items(from), ...keptConstraints(from, to, replaced)], after: [...items(to), ...broughtConstraints(from, to, replaced)] };
}

function shape(c: Constraint) {
  return [c.type, c.definition, c.deferrable, c.deferred];
}

export function constraintSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const constraints = compared(from, to, (id) => closure.replaced.has(id));
  const after = new Map(constraints.after.map((item) => [item.id, item]));
  for (const { id, table: ft, constraint: a } of constraints.before) {
    const b = after.get(id)?.constraint;
    if (!b) continue;
    const onlyValidated = JSON.stringify(shape({ ...a, definition: withoutNotValid(a.definition) })) === JSON.stringify(shape({ ...b, definition: withoutNotValid(b.definition) })) && !a.validated && b.validated;
    if (JSON.stringify(shape(a)) !== JSON.stringify(shape(b)) && !onlyValidated) closure.replaced.set(id, null);
    // A partitioned index's storage parameters cannot be altered (diffKeyStorage alters the others).
    const table = after.get(id)!.table;
    if (table.partitionBy !== null && keyStorage(from, ft, a).join() !== keyStorage(to, table, b).join()) closure.replaced.set(id, null);
  }
  // A valid copy of a parent's NOT VALID constraint cannot become NOT VALID but by adding the parent's anew.
  for (const [id, t] of to.constraints) {
    const f = from.constraints.get(id);
    if (!t.constraint.inherited || t.constraint.validated || !f?.constraint.validated || closure.replaced.has(t.table.id)) continue;
    const parent = parentConstraint(to, t.table, t.constraint);
    if (parent !== undefined) closure.replaced.set(parent, null);
  }
}

/** A key's index's storage parameters, which pg_get_constraintdef leaves out; [] for other constraints. */
function keyStorage(index: ModelIndex, table: Table, c: Constraint): string[] {
  if (c.type !== 'p' && c.type !== 'u') return [];
  const i = keyIndex(index, table, c.name);
  return i ? storageParameters(i.definition) : [];
}

/** The definition to add a constraint with: a key's storage parameters go before DEFERRABLE, as the grammar wants. */
function withStorage(index: ModelIndex, table: Table, c: Constraint): string {
  const params = keyStorage(index, table, c);
  if (params.length === 0) return c.definition;
  const end = /( DEFERRABLE(?: INITIALLY DEFERRED)?)?$/.exec(c.definition)!;
  return `${c.definition.slice(0, end.index)} WITH (${params.join(', ')})${end[0]}`;
}

const KIND_NAMES: Record<Constraint['type'], string> = { p: 'primary key', u: 'unique constraint', c: 'check constraint', f: 'foreign key', x: 'exclusion constraint' };

function addNode(ctx: DiffContext, item: Item, cause: string | null, after: Node[]): void {
  const { table: t, constraint: c } = item;
  const ref = onTableRef('CONSTRAINT', c.name, t.schema, t.name);
  const hazards: Hazard[] = [];
  const existing = !ctx.parentComes(t.id);
  if (existing && c.validated)
    hazards.push({
      code: 'long-lock',
      message: `adding ${KIND_NAMES[c.type]} ${c.name} to existing table ${t.schema}.${t.name} ${c.type === 'p' || c.type === 'u' || c.type === 'x' ? 'builds an index' : 'scans the table'} under a lock that blocks writes`,
      table: qualified(t.schema, t.name),
    });
  const comment = commentStatements(ref, undefined, c.comment, `constraint ${c.name}`);
  const table = qualified(t.schema, t.name);
  const add = `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${reparsable(withStorage(ctx.to, t, c))}`;
  const defined = (definition: string) => ({ description: `constraint ${c.name} on ${t.schema}.${t.name}`, condition: `pg_catalog.pg_get_constraintdef(${ref.oid}) = ${quoteLiteral(definition)}` });
  // A foreign key or check added NOT VALID takes its lock for a moment; VALIDATE then scans
  // without blocking writes. PostgreSQL has no NOT VALID foreign key on a partitioned table, and
  // ATTACH PARTITION and INHERIT take over no NOT VALID one.
  const online =
    existing && c.validated && !ctx.parentGoes(t.id) && (c.type === 'c' || (c.type === 'f' && t.partitionBy === null)) && !adoptedByJoin(ctx.from, ctx.to, t, c)
      ? {
          stage: 'main' as const,
          statements: [`${add} NOT VALID`, ...comment.statements],
          // Still true once the change that follows has validated it, as sqitch verify expects.
          checks: [{ ...defined(c.definition), condition: `pg_catalog.pg_get_constraintdef(${ref.oid}) IN (${quoteLiteral(`${c.definition} NOT VALID`)}, ${quoteLiteral(c.definition)})` }, ...comment.checks],
          hazards: hazards.filter((h) => h.code !== 'long-lock'),
          then: { statements: [`ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(c.name)}`], checks: [defined(c.definition)] },
        }
      : undefined;
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'constraint',
    objectId: item.id,
    statements: [add, ...comment.statements],
    hazards,
    online,
    checks: [defined(c.definition), ...comment.checks],
    provides: [item.id, ...inheritedKeyCopies(ctx.to, t, c)],
    // One that an ATTACH adopts is added before it, to the table as it is: the ATTACH provides the table as a partition.
    newDeps: c.inherited ? ctx.to.deps(item.id).filter((d) => d !== t.id) : ctx.to.deps(item.id),
    names: c.type === 'f' || c.type === 'c' ? [] : [relName(t.schema, c.name)],
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, item: Item, cause: string | null): Node | null {
  const { table: f, constraint: c } = item;
  // Dropping the table drops its constraints, except those that go first, on their own.
  if (ctx.parentGoes(f.id) && !separateFromTableDrop(ctx, f).has(item.id)) return null;
  if (droppedWithIndex(ctx, f.id, item.constraint.name)) return null;
  const ref = onTableRef('CONSTRAINT', c.name, f.schema, f.name);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'constraint',
    objectId: item.id,
    statements: [`ALTER TABLE ${qualified(f.schema, f.name)} DROP CONSTRAINT ${quoteIdent(c.name)}`],
    checks: ctx.to.has(item.id) ? [] : [{ description: `constraint ${c.name} on ${f.schema}.${f.name} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [item.id],
    oldDeps: ctx.from.deps(item.id),
    names: c.type === 'f' || c.type === 'c' ? [] : [relName(f.schema, c.name)],
    cause,
    // One the table kept from a parent is its own, and can be dropped, once it left the parent; so
    // is a check of its own merged with a parent's (PostgreSQL refuses to drop an inherited one).
    after: c.inherited || c.type === 'c' ? (ctx.separations.get(f.id) ?? []) : [],
  });
}

export function diffConstraints(ctx: DiffContext): void {
  const { before, after } = compared(ctx.from, ctx.to, (id) => ctx.isReplaced(id));
  for (const [id, f, t] of pairs(before, after)) {
    if (f && !t) dropNode(ctx, f, null);
    else if (!f && t) addNode(ctx, t, ctx.parentComes(t.table.id) ? ctx.causeOf(t.table.id) : null, []);
    else if (f && t) {
      if (ctx.isReplaced(id) || ctx.parentComes(t.table.id)) {
        const cause = ctx.causeOf(id) ?? (ctx.isReplaced(id) ? null : ctx.causeOf(t.table.id));
        const drop = dropNode(ctx, f, cause);
        addNode(ctx, t, cause, drop ? [drop] : []);
        continue;
      }
      if (!f.constraint.validated && t.constraint.validated) {
        const ref = onTableRef('CONSTRAINT', t.constraint.name, t.table.schema, t.table.name);
        ctx.node({
          phase: 'alter',
          kind: 'alter',
          objectKind: 'constraint',
          objectId: id,
          statements: [`ALTER TABLE ${qualified(t.table.schema, t.table.name)} VALIDATE CONSTRAINT ${quoteIdent(t.constraint.name)}`],
          hazards: [{ code: 'long-lock', message: `validating ${t.constraint.name} scans ${t.table.schema}.${t.table.name}`, table: qualified(t.table.schema, t.table.name) }],
          checks: [{ description: `constraint ${t.constraint.name} is validated`, condition: `(SELECT convalidated FROM pg_catalog.pg_constraint WHERE oid = ${ref.oid})` }],
          newDeps: [id],
        });
      }
      commentNode(ctx, 'constraint', id, onTableRef('CONSTRAINT', t.constraint.name, t.table.schema, t.table.name), f.constraint.comment, t.constraint.comment, `constraint ${t.constraint.name}`);
    }
  }
  diffInheritedValidation(ctx);
}

/** The parents' constraint a table's inherited check or foreign key is the copy of. */
function parentConstraint(index: ModelIndex, t: Table, c: Constraint): string | undefined {
  for (const id of [...(t.partitionOf ? [t.partitionOf.parent] : []), ...t.inherits]) {
    const p = index.tables.get(id);
    const match = p && parentCopyOf(p, c);
    if (p && match) return ids.constraint(p.schema, p.name, match.name);
  }
  return undefined;
}

/**
 * The copies of a parent's NOT VALID check or foreign key are NOT VALID on the tables that had it
 * when it was added, and valid on those created after. VALIDATE CONSTRAINT on a copy brings it to
 * the target's, once the parent's is there; on a copy that is valid already it does nothing.
 */
function diffInheritedValidation(ctx: DiffContext): void {
  for (const [id, t] of ctx.to.constraints) {
    const c = t.constraint;
    if (!c.inherited || !c.validated || (c.type !== 'c' && c.type !== 'f')) continue;
    const parent = parentConstraint(ctx.to, t.table, c);
    const p = parent === undefined ? undefined : ctx.to.constraints.get(parent);
    if (parent === undefined || !p || p.constraint.validated) continue;
    const f = ctx.from.constraints.get(id);
    const kept = !ctx.parentComes(t.table.id);
    const parentAdded = !ctx.from.has(parent) || ctx.isReplaced(parent) || ctx.parentComes(p.table.id);
    if (!(kept && f && !f.constraint.validated) && !parentAdded) continue;
    const ref = onTableRef('CONSTRAINT', c.name, t.table.schema, t.table.name);
    ctx.node({
      phase: 'alter',
      kind: 'alter',
      objectKind: 'constraint',
      objectId: id,
      statements: [`ALTER TABLE ${qualified(t.table.schema, t.table.name)} VALIDATE CONSTRAINT ${quoteIdent(c.name)}`],
      hazards: kept ? [{ code: 'long-lock', message: `validating ${c.name} scans ${t.table.schema}.${t.table.name}`, table: qualified(t.table.schema, t.table.name) }] : [],
      checks: [{ description: `constraint ${c.name} is validated`, condition: `(SELECT convalidated FROM pg_catalog.pg_constraint WHERE oid = ${ref.oid})` }],
      newDeps: [parent, t.table.id],
    });
  }
}

