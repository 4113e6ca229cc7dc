/**
 * The index trees of partitioned tables.
 *
 * An index of a partitioned table has one index on each partition attached to it, each with a
 * name of its own. `CREATE INDEX … ON parent` builds them in one go, but names them itself, and
 * takes over (attaches) any index of a partition that matches instead of building one. So a tree
 * is built in one statement only when that gives exactly the target's tree; otherwise it is built
 * the way pg_dump does: the parent `ON ONLY`, then each partition's index by its name, then
 * `ALTER INDEX … ATTACH PARTITION`.
 *
 * An index stays attached until its parent index or its table goes (there is no DETACH for
 * indexes), so a tree that stays but whose attachments differ is built anew. What can change in
 * place: a partition's index of its own attached to the parent (ATTACH PARTITION), and the name
 * of the index PostgreSQL clones onto a partition created here (RENAME).
 */
import { ids, relationNames, type Index, type Table } from '@pgshift/catalog';
import type { ModelIndex } from '../model-index';
import { bare } from '../sql';

/** PostgreSQL's NAMEDATALEN: names are cut to 63 bytes. */
const NAMEDATALEN = 64;

interface Lookups {
  /** Table id → its partitions. */
  partitions: Map<string, Table[]>;
  /** Index id → the partitions' indexes attached to it. */
  attached: Map<string, Index[]>;
  indexes: Map<string, Index>;
  /** Table id → its indexes. */
  onTable: Map<string, Index[]>;
  /** `schema.name` of every relation. */
  relations: Set<string>;
}

const cache = new WeakMap<ModelIndex, Lookups>();

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function lookups(index: ModelIndex): Lookups {
  let l = cache.get(index);
  if (l) return l;
  const m = index.model;
  l = { partitions: new Map(), attached: new Map(), indexes: new Map(), onTable: new Map(), relations: relationNames(m) };
  for (const t of m.tables) if (t.partitionOf) push(l.partitions, t.partitionOf.parent, t);
  for (const i of m.indexes) {
    l.indexes.set(i.id, i);
    push(l.onTable, i.table, i);
    if (i.partitionOf !== null) push(l.attached, i.partitionOf, i);
  }
  cache.set(index, l);
  return l;
}

export function partitionsOf(index: ModelIndex, table: string): Table[] {
  return lookups(index).partitions.get(table) ?? [];
}

export function attachedTo(index: ModelIndex, parent: string): Index[] {
  return lookups(index).attached.get(parent) ?? [];
}

export function indexesOn(index: ModelIndex, table: string): Index[] {
  return lookups(index).onTable.get(table) ?? [];
}

export function indexById(index: ModelIndex, id: string): Index | undefined {
  return lookups(index).indexes.get(id);
}

/** The index of `table` attached to `parent`. */
function childOn(index: ModelIndex, parent: string, table: string): Index | undefined {
  return attachedTo(index, parent).find((i) => i.table === table);
}

/** Every index attached below `id`, level by level. */
export function descendants(index: ModelIndex, id: string): Index[] {
  const out: Index[] = [];
  for (let level = attachedTo(index, id); level.length; level = level.flatMap((i) => attachedTo(index, i.id))) out.push(...level);
  return out;
}

/**
 * The constraint ids of the partitions' keys (their own PRIMARY KEY or UNIQUE) whose indexes are
 * attached below the plain index `root`: such a key depends on `root`, which cannot be dropped
 * before it, while the key's index cannot be dropped while attached. DROP INDEX … CASCADE takes both.
 */
export function keysBelow(index: ModelIndex, root: string): string[] {
  return descendants(index, root).flatMap((d) => {
    const t = d.constraint === null ? undefined : index.tables.get(d.table);
    return t ? [ids.constraint(t.schema, t.name, d.constraint!)] : [];
  });
}

/** The top of the tree `i` belongs to. */
export function rootOf(index: ModelIndex, i: Index): Index {
  let current = i;
  while (current.partitionOf !== null) {
    const parent = indexById(index, current.partitionOf);
    if (!parent) break;
    current = parent;
  }
  return current;
}

const IDENT = `(?:"(?:[^"]|"")+"|[^\\s".]+)`;
const HEAD = new RegExp(`^CREATE (UNIQUE )?INDEX ${IDENT} ON (?:ONLY )?(?:${IDENT}\\.)?${IDENT} `);

const shapes = new WeakMap<Index, string>();

/** An index's definition without its name and table: what PostgreSQL compares when it takes one over. */
export function shapeOf(i: Index): string {
  let shape = shapes.get(i);
  if (shape === undefined) shapes.set(i, (shape = bare(i.definition).replace(HEAD, '$1')));
  return shape;
}

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes without splitting a character. */
function clip(s: string, bytes: number): string {
  if (Buffer.byteLength(s) <= bytes) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** makeObjectName: `name1_name2_label`, the longer of the two names cut first to fit. */
function objectName(name1: string, name2: string, label: string): string {
  let n1 = Buffer.byteLength(name1);
  let n2 = Buffer.byteLength(name2);
  const available = NAMEDATALEN - 1 - (1 + Buffer.byteLength(label) + 1);
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return `${clip(name1, n1)}_${clip(name2, n2)}_${label}`;
}

/** ChooseIndexColumnNames and ChooseIndexNameAddition: the column names, made distinct, joined by `_`. */
function columnsPart(names: string[]): string {
  const chosen: string[] = [];
  for (const name of names) {
    let current = name;
    for (let n = 1; chosen.includes(current); n++) current = clip(name, NAMEDATALEN - 1 - String(n).length) + n;
    chosen.push(current);
  }
  let out = '';
  for (const name of chosen) {
    if (out.length) out += '_';
    out += clip(name, NAMEDATALEN - 1);
    if (Buffer.byteLength(out) >= NAMEDATALEN) break;
  }
  return out;
}

/**
 * The name PostgreSQL gives the index it clones onto partition `table` (ChooseIndexName for an
 * index without constraint): `table_columns_idx`, numbered past the names the target's relations
 * take in that schema.
 */
export function cloneName(to: ModelIndex, table: Table, child: Index): string | null {
  if (!child.columnNames) return null;
  const taken = lookups(to).relations;
  const columns = columnsPart(child.columnNames);
  for (let pass = 0; ; pass++) {
    const name = objectName(table.name, columns, pass === 0 ? 'idx' : `idx${pass}`);
    if (name === child.name || !taken.has(`${table.schema}.${name}`)) return name;
  }
}

export interface TreeRules {
  /** The table is created (or created anew) in this migration. */
  tableComes(id: string): boolean;
  /** The index is dropped and created anew. */
  replaced(id: string): boolean;
}

/** A partition's index of its own that the target has attached to `parent`: ATTACH PARTITION. */
export interface AttachStep {
  kind: 'attach';
  parent: Index;
  child: Index;
}

/** The index PostgreSQL clones onto a new partition, under the name it chooses: RENAME. */
export interface RenameStep {
  kind: 'rename';
  table: Table;
  child: Index;
  from: string;
}

export type TreeStep = AttachStep | RenameStep;

/** The partition sits under the same parent in both models, and stays. */
function stays(from: ModelIndex, rules: TreeRules, q: Table): boolean {
  const f = from.tables.get(q.id);
  return f !== undefined && !rules.tableComes(q.id) && f.partitionOf?.parent === q.partitionOf?.parent;
}

/**
 * An index of `from` that the target attaches to a parent: one of the partition's own (not
 * attached), on the same table, with the same definition, that stays.
 */
export function ownBecomesAttached(from: ModelIndex, to: ModelIndex, rules: TreeRules, child: Index): Index | undefined {
  const f = indexById(from, child.id);
  const q = to.tables.get(child.table);
  if (!f || !q || f.partitionOf !== null || f.table !== child.table || rules.replaced(child.id) || !stays(from, rules, q)) return undefined;
  return bare(f.definition) === bare(child.definition) && f.constraint === child.constraint ? f : undefined;
}

/**
 * What cloning `parent` onto a partition created here gives, against the target's `child`: false
 * when it is not that. A clone has its parent's definition, storage parameters included.
 */
function cloneSteps(to: ModelIndex, q: Table, parent: Index, child: Index | undefined, steps: TreeStep[]): boolean {
  if (!child || child.constraint !== null || shapeOf(child) !== shapeOf(parent)) return false;
  const name = cloneName(to, q, child);
  if (name === null) return false;
  if (name !== child.name) steps.push({ kind: 'rename', table: q, child, from: name });
  // The clone is cloned onto the partition's own partitions in turn.
  return partitionsOf(to, q.id).every((r) => cloneSteps(to, r, child, childOn(to, child.id, r.id), steps));
}

/**
 * The steps that bring the tree under `x` (an index in both models, kept) to the target's, or
 * null when only building the tree anew does.
 */
export function treeSteps(from: ModelIndex, to: ModelIndex, rules: TreeRules, x: Index, steps: TreeStep[] = []): TreeStep[] | null {
  for (const q of partitionsOf(to, x.table)) {
    const t = childOn(to, x.id, q.id);
    if (!stays(from, rules, q)) {
      // A table that joins the parent here brings its indexes (reparenting.ts).
      if (from.tables.has(q.id) && !rules.tableComes(q.id)) continue;
      if (!cloneSteps(to, q, x, t, steps)) return null;
      continue;
    }
    const f = childOn(from, x.id, q.id);
    if (!t && !f) continue;
    if (t && f && t.id === f.id && bare(t.definition) === bare(f.definition) && !rules.replaced(t.id)) {
      // A key's tree is the constraint's (constraints.ts).
      if (t.constraint === null && treeSteps(from, to, rules, t, steps) === null) return null;
      continue;
    }
    if (t && !f && ownBecomesAttached(from, to, rules, t)) {
      steps.push({ kind: 'attach', parent: x, child: t });
      continue;
    }
    return null;
  }
  return steps;
}

/**
 * Another index of the partition, before or after, matches the parent's index: CREATE INDEX on
 * the parent or ATTACH PARTITION could take that one over instead of `child`.
 */
export function rivalled(from: ModelIndex, to: ModelIndex, rules: TreeRules, child: Index, shape = shapeOf(child)): boolean {
  const others = [...indexesOn(to, child.table), ...(rules.tableComes(child.table) ? [] : indexesOn(from, child.table))];
  return others.some((o) => o.id !== child.id && shapeOf(o) === shape);
}

/**
 * `CREATE INDEX … ON parent` gives exactly the target's tree under `i`: an index on every
 * partition, named as PostgreSQL names clones, with the parent's definition and storage
 * parameters, none of them a key, and no other index of a partition that it could take over
 * instead.
 */
export function builtInOne(from: ModelIndex, to: ModelIndex, rules: TreeRules, i: Index): boolean {
  const shape = shapeOf(i);
  for (const q of partitionsOf(to, i.table)) {
    if (!stays(from, rules, q) && from.tables.has(q.id) && !rules.tableComes(q.id)) return false;
    const child = childOn(to, i.id, q.id);
    if (!child || child.constraint !== null || shapeOf(child) !== shape || cloneName(to, q, child) !== child.name) return false;
    if (rivalled(from, to, rules, child, shape)) return false;
    if (!builtInOne(from, to, rules, child)) return false;
  }
  return true;
}
