/**
 * Maps catalog addresses (pg_depend's classid, objid, objsubid) to model ids, and collects the
 * dependsOn sets of model objects. Keys stand for `<catalog>:<oid>:<subid>`, e.g. pg_class 16412, column 2.
 *
 * Two maps, because the object that *holds* a dependency is not always the object that is
 * *referenced*: a column default (pg_attrdef) holds its column's dependencies but is never
 * referenced; an index that backs a constraint is referenced (by foreign keys) as the constraint.
 */
import { compareText } from './rows';

/** A catalog address as a number: catalogs are numbered as first seen, and subids stay below 2^11 (columns stop at 1600). */
export type Key = number;
const catalogs = new Map<string, number>();

export function key(catalog: string, oid: string | number, subid: number | string = 0): Key {
  let c = catalogs.get(catalog);
  if (c === undefined) catalogs.set(catalog, (c = catalogs.size + 1));
  return c * 2 ** 43 + Number(oid) * 2048 + Number(subid);
}

/** The catalog and oid of a key. */
export function unkey(k: Key): [string, string] {
  const c = Math.floor(k / 2 ** 43);
  const oid = Math.floor((k - c * 2 ** 43) / 2048);
  for (const [name, n] of catalogs) if (n === c) return [name, String(oid)];
  throw new RangeError(`no catalog numbered ${c}`);
}

export interface DependRow {
  class: string;
  oid: string;
  subid: number;
  ref_class: string;
  ref_oid: string;
  ref_subid: number;
  deptype: string;
}

/** An object's dependencies: a few each, so an array that refuses duplicates beats a Set. */
interface Holder {
  id: string;
  deps: string[];
}

function addDep(holder: Holder, id: string): void {
  if (!holder.deps.includes(id)) holder.deps.push(id);
}

export class DependencyGraph {
  private readonly refs = new Map<Key, string>();
  private readonly holders = new Map<Key, Holder>();
  private readonly extensionMembers = new Map<Key, string>();
  private readonly sets = new Map<string, Holder>();
  /** Keys of sequences: their dependency on a column is OWNED BY, kept as `ownedBy`. */
  private readonly sequences = new Set<Key>();

  /** The catalog addresses each model object was defined under. */
  readonly defined = new Map<string, Key[]>();

  /** A model object: referenced and holding under `keys[0]` (and any further keys). */
  define(id: string, ...keys: Key[]): void {
    this.defined.set(id, keys);
    const holder = this.setOf(id);
    for (const k of keys) {
      this.refs.set(k, id);
      this.holders.set(k, holder);
    }
  }

  /** Another catalog address that is referenced as `id` (array types, row types, constraint indexes). */
  alias(k: Key, id: string): void {
    this.refs.set(k, id);
  }

  /** Another catalog address whose dependencies belong to `id` (column defaults, view rules). */
  holdFor(k: Key, id: string): void {
    this.holders.set(k, this.setOf(id));
  }

  markSequence(k: Key): void {
    this.sequences.add(k);
  }

  extensionMember(k: Key, extensionId: string): void {
    this.extensionMembers.set(k, extensionId);
  }

  isExtensionMember(k: Key): boolean {
    return this.extensionMembers.has(k);
  }

  /** Explicit edge that pg_depend does not record (an object on its schema, a table on its parent). */
  add(id: string, dependsOn: string | null): void {
    if (dependsOn !== null) addDep(this.setOf(id), dependsOn);
  }

  /** Applies pg_depend rows (deptype n and a). */
  apply(rows: DependRow[]): void {
    for (const row of rows) {
      const holder = this.holders.get(key(row.class, row.oid, row.subid)) ?? (row.subid !== 0 ? this.holders.get(key(row.class, row.oid)) : undefined);
      if (!holder) continue;
      const target = this.resolve(row.ref_class, row.ref_oid, row.ref_subid);
      if (target === undefined) continue;
      if (row.ref_subid !== 0 && row.class === 'pg_class' && row.subid === 0 && this.sequences.has(key(row.class, row.oid))) continue;
      addDep(holder, target);
    }
  }

  private resolve(catalog: string, oid: string | number, subid: number): string | undefined {
    const exact = key(catalog, oid, subid);
    const whole = key(catalog, oid);
    return this.refs.get(exact) ?? this.refs.get(whole) ?? this.extensionMembers.get(whole);
  }

  /** Sorted dependsOn of `id`: only ids in `known`, never itself. */
  finish(id: string, known: Set<string>): string[] {
    const set = this.sets.get(id);
    const out: string[] = [];
    if (!set) return out;
    for (const d of set.deps) if (d !== id && known.has(d)) out.push(d);
    return out.length > 1 ? out.sort(compareText) : out;
  }

  private setOf(id: string): Holder {
    let holder = this.sets.get(id);
    if (!holder) {
      holder = { id, deps: [] };
      this.sets.set(id, holder);
    }
    return holder;
  }
}
