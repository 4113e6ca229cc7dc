/**
 * Keys on a partitioned table: adding one gives every partition an inherited copy, with an index
 * of its own. A foreign key that references a partition needs that copy (PostgreSQL records the
 * dependency on the partition's index, which stands for its constraint), so the parent's ADD
 * CONSTRAINT is what provides it: no change of its own creates the copy.
 */
import { ids, type Constraint, type Table } from '@pgshift/catalog';
import type { ModelIndex } from '../model-index';

export function inheritedKeyCopies(to: ModelIndex, t: Table, c: Constraint): string[] {
  if (t.partitionBy === null || (c.type !== 'p' && c.type !== 'u' && c.type !== 'x')) return [];
  const own = to.model.indexes.find((i) => i.table === t.id && i.constraint === c.name);
  if (!own) return [];
  const out: string[] = [];
  let level = new Set([own.id]);
  // Partition by partition down the tree: each level's indexes name the level above as partitionOf.
  while (level.size) {
    const next = new Set<string>();
    for (const i of to.model.indexes) {
      if (i.partitionOf === null || !level.has(i.partitionOf)) continue;
      next.add(i.id);
      const table = to.tables.get(i.table);
      if (table && i.constraint !== null) out.push(ids.constraint(table.schema, table.name, i.constraint));
    }
    level = next;
  }
  return out;
}
