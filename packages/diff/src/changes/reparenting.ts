/**
 * Indexes and constraints that change hands when a table leaves or joins a parent.
 *
 * The model hides a partition's indexes attached to its parent's, and a child's constraints that
 * it has from a parent (not local), as the parent's: they come and go with it. But ALTER TABLE …
 * DETACH PARTITION leaves the partition its indexes and constraints as its own (the pg_inherits
 * and conparentid links cleared, conislocal set), and NO INHERIT leaves the child the parent's
 * checks as local ones. From that step on they are the table's, compared with what the target
 * wants on it like any index or constraint of its own: dropped after the step when the target has
 * none of that name, replaced when it differs, left alone when it is the same.
 *
 * The other way, ATTACH PARTITION takes over an index, key, foreign key or check of the table
 * that matches one of the parent's (and refuses a table that lacks one of the parent's checks), so
 * what the target has on a partition through a parent it joins is built on the table first, under
 * its name, and the ATTACH adopts it. INHERIT merges a child's check of the parent's name too, but
 * the merged check stays local: a check the target has only through a new parent is reached by
 * creating the child anew (see `inheritedConstraintNeedsReplace`).
 */
import { ids, type Constraint, type Index, type Table } from '@pgshift/catalog';
import type { ModelIndex } from '../model-index';
import { sameJson } from './common';
import { indexById } from './partition-indexes';

/** A table in both models, not dropped and created again. */
type Pair = [Table, Table];

export interface ConstraintItem {
  id: string;
  table: Table;
  constraint: Constraint;
}

/** The partition parent a table is detached from, by itself or on its way to another parent or bound. */
function detachedFrom(f: Table, t: Table): string | null {
  return f.partitionOf !== null && !sameJson(f.partitionOf, t.partitionOf) ? f.partitionOf.parent : null;
}

/** The partition parent a table is attached to. */
function attachedTo(f: Table, t: Table): string | null {
  return t.partitionOf !== null && !sameJson(f.partitionOf, t.partitionOf) ? t.partitionOf.parent : null;
}

/** Tables whose partition or inheritance parents change, skipping those `replaced` creates anew. */
function movingTables(from: ModelIndex, to: ModelIndex, replaced: (id: string) => boolean): Pair[] {
  const out: Pair[] = [];
  for (const f of from.model.tables) {
    const t = to.tables.get(f.id);
    if (!t || replaced(f.id)) continue;
    if (sameJson(f.partitionOf, t.partitionOf) && sameJson(f.inherits, t.inherits)) continue;
    out.push([f, t]);
  }
  return out;
}

function hasCheck(index: ModelIndex, table: string, name: string): boolean {
  return index.tables.get(table)?.constraints.some((c) => c.type === 'c' && c.name === name) ?? false;
}

/**
 * The INHERITS parents a check of `f` comes through, which it keeps as a local check when the
 * child leaves them all; empty when a parent the child keeps goes on giving it.
 */
function checkLeftBy(from: ModelIndex, to: ModelIndex, f: Table, t: Table, c: Constraint): string[] {
  if (c.type !== 'c' || !c.inherited) return [];
  const staying = f.inherits.filter((p) => t.inherits.includes(p));
  if (staying.some((p) => hasCheck(from, p, c.name) && hasCheck(to, p, c.name))) return [];
  return f.inherits.filter((p) => !t.inherits.includes(p) && hasCheck(from, p, c.name));
}

function indexesOn(index: ModelIndex, tables: Set<string>): Index[] {
  return tables.size === 0 ? [] : index.model.indexes.filter((i) => tables.has(i.table));
}

/** Indexes of `from` attached to a parent's index, which the partition keeps as its own once detached. */
export function keptIndexes(from: ModelIndex, to: ModelIndex, replaced: (id: string) => boolean): Index[] {
  const detached = new Set(movingTables(from, to, replaced).filter(([f, t]) => detachedFrom(f, t) !== null).map(([f]) => f.id));
  return indexesOn(from, detached).filter((i) => i.partitionOf !== null && i.constraint === null);
}

/** Indexes of `to` attached to a parent's index, on a table that is attached in the migration: built before the ATTACH adopts them. */
export function broughtIndexes(from: ModelIndex, to: ModelIndex, replaced: (id: string) => boolean): Index[] {
  const attached = new Set(movingTables(from, to, replaced).filter(([f, t]) => attachedTo(f, t) !== null).map(([, t]) => t.id));
  return indexesOn(to, attached).filter((i) => i.partitionOf !== null && i.constraint === null);
}

/** Constraints of `from` that a table has from a parent it leaves, and keeps as its own. */
export function keptConstraints(from: ModelIndex, to: ModelIndex, replaced: (id: string) => boolean): ConstraintItem[] {
  const out: ConstraintItem[] = [];
  for (const [f, t] of movingTables(from, to, replaced)) {
    const detached = detachedFrom(f, t) !== null;
    for (const c of f.constraints)
      if (c.inherited && (detached || checkLeftBy(from, to, f, t, c).length > 0)) out.push({ id: ids.constraint(f.schema, f.name, c.name), table: f, constraint: c });
  }
  return out;
}

/** Constraints of `to` that a partition attached in the migration has from its parent: added before the ATTACH adopts them. */
export function broughtConstraints(from: ModelIndex, to: ModelIndex, replaced: (id: string) => boolean): ConstraintItem[] {
  const out: ConstraintItem[] = [];
  for (const [f, t] of movingTables(from, to, replaced)) {
    if (attachedTo(f, t) === null) continue;
    for (const c of t.constraints) if (c.inherited) out.push({ id: ids.constraint(t.schema, t.name, c.name), table: t, constraint: c });
  }
  return out;
}

/**
 * The parent's constraint that a child's inherited `c` is the copy of: a check keeps its parent's
 * name, a foreign key the partition had when attached keeps its own (then the definition tells).
 */
export function parentCopyOf(p: Table, c: Constraint): Constraint | undefined {
  return p.constraints.find((x) => x.type === c.type && x.name === c.name) ?? p.constraints.find((x) => x.type === c.type && x.definition === c.definition);
}

/**
 * What of `parent` the objects that `f` keeps when it leaves `parent` were attached to or
 * inherited from: the DETACH / NO INHERIT must run before any of them is dropped, which would take
 * the child's along while still attached.
 */
export function heldThrough(from: ModelIndex, to: ModelIndex, f: Table, t: Table, parent: string): string[] {
  const p = from.tables.get(parent);
  if (!p) return [];
  const out: string[] = [];
  if (detachedFrom(f, t) === parent) {
    // A column dropped from the parent goes from its attached partitions too.
    for (const c of f.columns) if (p.columns.some((x) => x.name === c.name)) out.push(ids.column(p.schema, p.name, c.name));
    // Every attached index, and what that is attached to up the tree: dropping any of them drops
    // this one while attached. One behind a key stands for its table's key (the model resolves it).
    for (const i of from.model.indexes) {
      if (i.table !== f.id) continue;
      for (let up = i.partitionOf; up !== null; up = indexById(from, up)?.partitionOf ?? null) out.push(up);
    }
    for (const c of f.constraints) {
      if (!c.inherited || c.type === 'p' || c.type === 'u' || c.type === 'x') continue;
      const match = parentCopyOf(p, c);
      if (match) out.push(ids.constraint(p.schema, p.name, match.name));
    }
  } else {
    for (const c of f.constraints) if (checkLeftBy(from, to, f, t, c).includes(parent)) out.push(ids.constraint(p.schema, p.name, c.name));
  }
  return out;
}

/** What ATTACH PARTITION of `t` adopts, built on the table first: its constraints from the parent and the `brought` indexes. */
export function adoptedOnAttach(t: Table, brought: Index[]): string[] {
  const constraints = t.constraints.filter((c) => c.inherited).map((c) => ids.constraint(t.schema, t.name, c.name));
  return [...constraints, ...brought.filter((i) => i.table === t.id).map((i) => i.id)];
}

/** The child's checks that INHERIT of `parent` merges with the parent's, which it refuses a child without. */
export function mergedOnInherit(t: Table, parent: Table | undefined): string[] {
  const named = (c: Constraint) => parent?.constraints.some((x) => x.type === 'c' && x.name === c.name) ?? false;
  return t.constraints.filter((c) => !c.inherited && c.type === 'c' && named(c)).map((c) => ids.constraint(t.schema, t.name, c.name));
}

/**
 * A constraint that an ATTACH PARTITION or INHERIT of the migration takes over (one the target has
 * from a parent the partition joins, or a child's check of the name of a new parent's): both
 * refuse a NOT VALID one, so it is added valid.
 */
export function adoptedByJoin(from: ModelIndex, to: ModelIndex, t: Table, c: Constraint): boolean {
  if (c.inherited) return true;
  const f = from.tables.get(t.id);
  return f !== undefined && c.type === 'c' && t.inherits.some((p) => !f.inherits.includes(p) && hasCheck(to, p, c.name));
}

/**
 * A check that the child has only through a parent (not local) is reached by ALTER only when a
 * parent it keeps has it before and after: INHERIT of a new parent merges it into a local check
 * the child must already have, and a local check cannot be made inherited-only. Otherwise the
 * child is created anew, as for an inherited-only column.
 */
export function inheritedConstraintNeedsReplace(from: ModelIndex, to: ModelIndex, f: Table, t: Table): boolean {
  if (t.partitionOf !== null) return false;
  const staying = t.inherits.filter((p) => f.inherits.includes(p));
  const before = new Map(f.constraints.map((c) => [c.name, c]));
  return t.constraints.some((c) => {
    if (c.type !== 'c' || !c.inherited) return false;
    const old = before.get(c.name);
    const given = staying.some((p) => hasCheck(to, p, c.name) && (old === undefined || hasCheck(from, p, c.name)));
    return !given || (old !== undefined && !old.inherited);
  });
}
