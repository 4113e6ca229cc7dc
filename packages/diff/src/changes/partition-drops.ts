/**
 * Dropping tables that take part in partitioned foreign keys. PostgreSQL keeps a foreign key on a
 * partitioned table as one constraint of its own plus inherited copies: one on each partition of
 * the referencing table, and one on the referencing table for each partition of the referenced
 * one. The copies live and die with the constraint they copy, or with the partition they belong to.
 */
import { ids, type Table } from '@pgshift/catalog';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import { qualified } from '../sql';

/**
 * Inherited foreign keys of a dropped table, whose dependencies do not order the drop: a copy goes
 * with the constraint it copies when that is dropped (on its own, first: it names another table),
 * and otherwise with the partition, which is detached first when it is referenced (see below).
 * Counting them would make two tables that reference each other wait for each other.
 */
export function inheritedForeignKeys(f: Table): Set<string> {
  return new Set(f.constraints.filter((c) => c.inherited && c.type === 'f').map((c) => ids.constraint(f.schema, f.name, c.name)));
}

/**
 * A partition that a foreign key of another table reaches (through its parent) cannot be dropped
 * while it is attached: the copy of that key on the referencing table depends on it, and only
 * DETACH PARTITION removes the copy. The parent has to stay for that; a parent that goes takes its
 * keys along first.
 */
export function detachBeforeDrop(ctx: DiffContext, f: Table): Node | null {
  const of = f.partitionOf;
  if (of === null || !ctx.to.tables.has(of.parent) || ctx.isReplaced(of.parent)) return null;
  const referenced = ctx.from.model.tables.some((t) => t.id !== f.id && t.constraints.some((c) => c.type === 'f' && c.inherited && c.references === f.id));
  if (!referenced) return null;
  const parent = ctx.from.tables.get(of.parent);
  if (!parent) return null;
  return ctx.node({
    phase: 'drop',
    kind: 'alter',
    objectKind: 'table',
    objectId: f.id,
    statements: [`ALTER TABLE ${qualified(parent.schema, parent.name)} DETACH PARTITION ${qualified(f.schema, f.name)}`],
    oldDeps: [of.parent],
  });
}
