/**
 * Step 3 of the ordering: anything that depends (in either model) on an object that is dropped,
 * replaced, rebuilt or retyped has to be dropped and recreated around it, transitively —
 * PostgreSQL refuses to drop or retype an object that a view, policy, trigger or routine uses.
 * Columns are not recreated: their default is moved out of the way (dropped early, set late),
 * a generated column is re-added, and a column of a rebuilt type is retyped.
 */
import { ids } from '@pgshift/catalog';
import { indexById } from './changes/partition-indexes';
import { sqlBodyRoutines } from './changes/routines';
import { inPartitionKey, type ModelIndex } from './model-index';
import { bare, reparsable } from './sql';

export type Seed = 'dropped' | 'replaced' | 'rebuilt' | 'retyped' | 'readded';

export interface Closure {
  /** Objects dropped and created again; the value is the id of the change that forced it, or null when it changed itself. */
  replaced: Map<string, string | null>;
  /** Types (and their dependents' columns) rebuilt by rename → create → retype → drop. */
  rebuilt: Map<string, string | null>;
  /** Columns that get ALTER COLUMN … TYPE. */
  retyped: Map<string, string | null>;
  /** Generated columns dropped and added again. */
  readded: Map<string, string | null>;
  /** New columns of kept tables that are added with a value to fill in (a default, an identity, a generated one). */
  rowTypeChanges: Set<string>;
  /** Columns whose default is dropped before and set after the change it depends on. */
  defaultSplit: Map<string, string>;
  /** Domains whose default and constraints are dropped before and re-added after. */
  domainSplit: Map<string, string>;
  /**
   * Publication → tables it stops publishing before and publishes again after, because a column
   * its column list or row filter names changes type (PostgreSQL refuses that while published).
   */
  republished: Map<string, Set<string>>;
}

export function emptyClosure(): Closure {
  return {
    replaced: new Map(),
    rebuilt: new Map(),
    retyped: new Map(),
    readded: new Map(),
    rowTypeChanges: new Set(),
    defaultSplit: new Map(),
    domainSplit: new Map(),
    republished: new Map(),
  };
}

/** Extends the directly changed objects in `closure` with everything they drag along. */
export function close(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const queue: [string, Seed][] = [];
  const gone = new Set<string>();
  for (const id of from.entities.keys()) if (!to.has(id)) gone.add(id);
  for (const id of [...gone].sort()) {
    queue.push([id, 'dropped']);
    // A view on the columns of a relation that goes (say a table that becomes a view of the same
    // name) depends on its columns only, whose ids live on in the new relation.
    if (['table', 'view', 'materialized view'].includes(from.get(id)?.kind ?? '')) pushChildren(id);
  }
  // Seeds in id order, so that which change is named as the cause never depends on input order.
  for (const id of [...closure.replaced.keys()].sort()) {
    queue.push([id, 'replaced']);
    if (['table', 'view', 'materialized view'].includes(from.get(id)?.kind ?? '')) pushChildren(id);
  }
  for (const id of [...closure.rebuilt.keys()].sort()) queue.push([id, 'rebuilt']);
  for (const id of [...closure.retyped.keys()].sort()) queue.push([id, 'retyped']);
  for (const id of [...closure.readded.keys()].sort()) queue.push([id, 'readded']);

  const recreatedParent = (id: string): boolean => {
    const parent = to.get(id)?.parent;
    return parent !== undefined && (closure.replaced.has(parent) || !from.has(parent));
  };
  const mark = (map: Map<string, string | null>, id: string, cause: string, seed: Seed) => {
    if (map.has(id)) return;
    map.set(id, cause);
    queue.push([id, seed]);
  };

  // ALTER TABLE refuses to retype a column, or to add one with a value to fill in, while a
  // routine's parsed body (SQL-standard form) uses the table's row type, which the model records
  // as a dependency on the table: such routines go around the change.
  const sqlBodies = sqlBodyRoutines(from);
  const rowTypeUsers = (column: string, table: string | undefined) => {
    if (table === undefined || from.get(table)?.kind !== 'table') return;
    for (const id of from.dependentsOf(table)) if (sqlBodies.has(id) && to.has(id)) mark(closure.replaced, id, column, 'replaced');
  };
  for (const column of closure.rowTypeChanges) rowTypeUsers(column, to.get(column)?.parent);

  for (let next = 0; next < queue.length; next++) {
    const [source, seed] = queue[next]!;
    if (seed === 'retyped' || seed === 'readded') rowTypeUsers(source, from.get(source)?.parent);
    // ALTER COLUMN … TYPE recurses to the partitions and inheritance children: what uses their
    // copy of the column is in the way too.
    if (seed === 'retyped') for (const copy of childCopies(from, source)) queue.push([copy, 'retyped']);
    const dependents = new Set([...from.dependentsOf(source), ...to.dependentsOf(source)]);
    for (const id of [...dependents].sort()) {
      if (!from.has(id) || !to.has(id) || id === source) continue;
      const entity = to.get(id)!;
      switch (entity.kind) {
        case 'column': {
          if (recreatedParent(id) || closure.readded.has(id)) break;
          const item = to.columns.get(id);
          if (!item) break;
          const { column, table } = item;
          // A retyped column's default may call what its retyping replaces: it is split too.
          if (closure.retyped.has(id)) {
            if (seed !== 'rebuilt' && column.generated === null && !closure.defaultSplit.has(id)) closure.defaultSplit.set(id, source);
            break;
          }
          // A generated column is computed anew rather than converted: PostgreSQL refuses to retype
          // a column a generated one reads.
          if (column.generated !== null) mark(closure.readded, id, source, 'readded');
          else if (seed === 'rebuilt' && inPartitionKey(table, column.name)) {
            // PostgreSQL cannot retype a partition key column: the partitioned table is created anew.
            mark(closure.replaced, table.id, source, 'replaced');
            pushChildren(table.id);
          } else if (seed === 'rebuilt') mark(closure.retyped, id, source, 'retyped');
          else if (!closure.defaultSplit.has(id)) closure.defaultSplit.set(id, source);
          break;
        }
        case 'text search configuration':
          // A dictionary that goes is mapped away in place; one created anew takes the configuration along.
          if (seed === 'replaced') mark(closure.replaced, id, source, 'replaced');
          break;
        case 'server':
        case 'user mapping':
          mark(closure.replaced, id, source, 'replaced');
          break;
        case 'table':
          // A foreign table goes with a server that is created anew.
          if (seed === 'replaced' && (from.get(source)?.kind === 'table' || from.get(source)?.kind === 'server')) {
            mark(closure.replaced, id, source, 'replaced');
            pushChildren(id);
          }
          break;
        case 'type':
          if (seed === 'rebuilt') mark(closure.rebuilt, id, source, 'rebuilt');
          else if (to.types.get(id)?.kind === 'domain' && !closure.domainSplit.has(id))
            closure.domainSplit.set(id, source);
          break;
        case 'index':
        case 'constraint':
        case 'statistics':
          // ALTER COLUMN … TYPE rebuilds the indexes, constraints and statistics that use the column,
          // here or in FKs; but not a foreign key whose two sides both change, one after the other,
          // into types that do not compare in between.
          if (seed === 'retyped' && !(entity.kind === 'constraint' && foreignKeyBroken(from, to, closure, id)) && survivesRebuild(to, id, entity.kind)) break;
          mark(closure.replaced, id, source, 'replaced');
          break;
        case 'view':
        case 'materialized view':
          mark(closure.replaced, id, source, 'replaced');
          pushChildren(id);
          break;
        case 'function':
        case 'procedure':
        case 'aggregate':
        case 'cast':
        case 'operator':
        case 'trigger':
        case 'rule':
        case 'policy':
        case 'event trigger':
          mark(closure.replaced, id, source, 'replaced');
          break;
        case 'publication': {
          // A table that goes away takes its publication entries with it.
          const origin = from.get(source);
          if (seed === 'replaced' && origin?.kind === 'table') mark(closure.replaced, id, source, 'replaced');
          else if (origin?.kind === 'column' && (seed === 'retyped' || seed === 'readded') && origin.parent !== undefined) {
            const tables = closure.republished.get(id) ?? new Set<string>();
            closure.republished.set(id, tables.add(origin.parent));
          }
          break;
        }
        default:
          break;
      }
    }
  }

  function pushChildren(id: string): void {
    for (const child of from.childrenOf(id)) if (to.has(child.id)) queue.push([child.id, 'replaced']);
  }
}

/** The same column of the tables that are partitions or inheritance children of the column's table. */
function childCopies(from: ModelIndex, column: string): string[] {
  const item = from.columns.get(column);
  if (!item) return [];
  const parent = item.table.id;
  return from.model.tables
    .filter((t) => t.partitionOf?.parent === parent || t.inherits.includes(parent))
    .filter((t) => t.columns.some((c) => c.name === item.column.name))
    .map((t) => ids.column(t.schema, t.name, item.column.name));
}

/**
 * PostgreSQL rebuilds what ALTER COLUMN … TYPE takes along from its deparsed definition, parsed
 * again: one whose text does not parse back to itself (see reparsable) comes out different, so it
 * is dropped and created from pgshift's text instead.
 */
function survivesRebuild(to: ModelIndex, id: string, kind: string): boolean {
  const same = (text: string) => reparsable(text) === text;
  if (kind === 'index') {
    const i = indexById(to, id);
    return i === undefined || same(bare(i.definition));
  }
  if (kind === 'constraint') {
    const c = to.constraints.get(id)?.constraint;
    return c === undefined || same(c.definition);
  }
  const s = to.model.statistics.find((x) => x.id === id);
  return s === undefined || s.expressions.every(same);
}

/** Families of types whose members compare with each other, so that a foreign key holds between them. */
const FAMILIES: [RegExp, string][] = [
  [/^(smallint|integer|bigint)$/, 'integer'],
  [/^(text|character varying(\(\d+\))?|character(\(\d+\))?)$/, 'text'],
  [/^numeric(\(\d+(,\d+)?\))?$/, 'numeric'],
  [/^(real|double precision)$/, 'float'],
];

function comparable(a: string, b: string): boolean {
  if (a === b) return true;
  const family = (t: string) => FAMILIES.find(([re]) => re.test(t))?.[1];
  const fa = family(a);
  return fa !== undefined && fa === family(b);
}

/**
 * Both sides of foreign key `id` change type here, and the new type of one does not compare with
 * the old type of the other (or a rebuilt type is involved): whichever column changes first, the
 * key cannot hold in between, so it is dropped before and added after.
 */
function foreignKeyBroken(from: ModelIndex, to: ModelIndex, closure: Closure, id: string): boolean {
  const item = to.constraints.get(id);
  if (!item || item.constraint.type !== 'f') return false;
  const retyped = [...new Set([...from.deps(id), ...to.deps(id)])].filter((d) => closure.retyped.has(d));
  if (retyped.length < 2) return false;
  const own = retyped.filter((d) => from.get(d)?.parent === item.table.id);
  const other = retyped.filter((d) => from.get(d)?.parent !== item.table.id);
  const selfReference = item.constraint.references === item.table.id;
  if (!selfReference && (own.length === 0 || other.length === 0)) return false;
  const pairs = selfReference ? own.flatMap((a, i) => own.slice(i + 1).map((b) => [a, b] as const)) : own.flatMap((a) => other.map((b) => [a, b] as const));
  const typeOf = (index: ModelIndex, column: string) => index.columns.get(column)?.column.type ?? '';
  const rebuilt = (column: string) => {
    const cause = closure.retyped.get(column);
    return cause !== undefined && cause !== null && closure.rebuilt.has(cause);
  };
  return pairs.some(([a, b]) => rebuilt(a) || rebuilt(b) || !comparable(typeOf(to, a), typeOf(from, b)) || !comparable(typeOf(from, a), typeOf(to, b)));
}
