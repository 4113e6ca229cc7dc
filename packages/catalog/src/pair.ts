/**
 * Two databases read for a diff, in two phases. Two big schemas are mostly the same, and building
 * the model of what is the same costs the client far more than the server's fingerprint of it:
 *
 * 1. Each side's server fingerprints the rows every relation and routine (an owner) has in each
 *    catalog query. Owners are matched across the sides by name.
 * 2. An owner whose fingerprints differ is read on both sides, with everything that depends on it
 *    (transitively, through pg_depend) and what those depend on; an owner whose privileges, comment
 *    or owner role is all that changed is read without its dependents. Every loaded owner comes
 *    with the rest of its inheritance or partition tree. Every other query (types, schemas,
 *    extensions, …) is read whole, in the first phase.
 * 3. An object read whole that differs between the two models (a type, an operator, …) adds its
 *    dependents in turn, until nothing is added.
 *
 * What is left out is the same on both sides and depends on nothing that changes, so the diff of
 * the two smaller models is the diff of the whole ones.
 */
import type { ReadContext } from './context';
import { unkey } from './graph';
import { catalogQueries, inCatalogSettings, readModel, run, schedule, type IntrospectOptions } from './introspect';
import { dependsQuery } from './queries/depends';
import { enumAppendOnly, relationNames, type SchemaModel } from './model';
import { sortById } from './rows';
import type { CatalogQuery, QueryFn } from './query';
import { affectedQuery, fingerprintQuery, limitedDependsQuery, needsQuery, ownersQuery, rolesInUseQuery, usesQuery } from './queries/pair';

export interface PairOptions extends IntrospectOptions {
  /**
   * Below this many relations and routines on the two sides together, both are read whole: for a
   * small schema the second phase costs more than it saves.
   */
  minOwners?: number;
}

const MIN_OWNERS = 1000;

/** The models of two databases, `from` and `to`, for a diff from one to the other. */
export async function introspectPair(from: QueryFn[], to: QueryFn[], options: PairOptions = {}): Promise<[SchemaModel, SchemaModel]> {
  if (from.length === 0 || to.length === 0) throw new TypeError('introspectPair needs at least one query function per side');
  return inCatalogSettings(from, (fromVersion) =>
    inCatalogSettings(to, async (toVersion) => {
      const sides = [new Side(from, fromVersion), new Side(to, toVersion)] as const;
      await Promise.all(sides.map((s) => s.readFirst()));
      if (sides[0].owners.size + sides[1].owners.size < (options.minOwners ?? MIN_OWNERS)) {
        const whole = await Promise.all(sides.map((s) => readModel(s.connections, s.version, options, { fetched: s.fetched })));
        return [whole[0].model, whole[1].model];
      }
      return readChanged(sides, options);
    }),
  );
}

async function readChanged(sides: readonly [Side, Side], options: IntrospectOptions): Promise<[SchemaModel, SchemaModel]> {
  const [a, b] = sides;
  const names = new Set([...a.byName.keys(), ...b.byName.keys()]);
  const seeds: [string[], string[]] = [[], []];
  for (const name of names) {
    const [oa, ob] = [a.byName.get(name), b.byName.get(name)];
    const [fa, fb] = [oa === undefined ? undefined : a.print(oa), ob === undefined ? undefined : b.print(ob)];
    if (fa?.whole === fb?.whole) continue;
    // Changed: read on both sides; unless only neutral columns changed, what depends on it too.
    const affects = fa?.core !== fb?.core;
    for (const [i, oid] of [oa, ob].entries()) {
      if (oid === undefined) continue;
      sides[i]!.load(oid, true);
      if (affects) seeds[i]!.push(sides[i]!.node(oid));
    }
  }
  await Promise.all(sides.map((s, i) => s.affect(seeds[i]!)));
  for (;;) {
    await settle(sides);
    const models = await Promise.all(
      sides.map((s) => readModel(s.connections, s.version, options, { owners: { oids: [...s.loaded], depends: limitedDependsQuery }, fetched: s.fetched })),
    );
    // Objects read whole that changed: what they use is read, and what depends on them.
    const more: [string[], string[]] = [[], []];
    for (const [i, id] of changedWholeReads(models[0].model, models[1].model)) more[i].push(...nodesOf(models[i].ctx, id));
    const before = a.loaded.size + b.loaded.size + a.expanded.size + b.expanded.size;
    await Promise.all(sides.map((s, i) => s.use(more[i]!)));
    await Promise.all(sides.map((s, i) => s.affect(more[i]!)));
    await settle(sides);
    if (a.loaded.size + b.loaded.size + a.expanded.size + b.expanded.size === before) {
      await knownRoles(a, models[0].model, models[1].model);
      for (const [i, side] of sides.entries()) side.markUnread(models[i]!.model);
      return [models[0].model, models[1].model];
    }
  }
}

/** Closes the loaded sets: what each side's loaded owners need, and each loaded owner's namesake on the other side. */
async function settle(sides: readonly [Side, Side]): Promise<void> {
  for (;;) {
    await Promise.all(sides.map((s) => s.closeNeeds()));
    let grown = false;
    for (const [side, other] of [sides, [sides[1], sides[0]]] as const) {
      for (const oid of side.loaded) {
        const twin = other.byName.get(side.owners.get(oid)!.name);
        if (twin !== undefined && other.load(twin, side.expanded.has(oid))) grown = true;
      }
    }
    if (!grown) return;
  }
}

/** The catalog addresses ('catalog:oid') a model object was read from. */
function nodesOf(ctx: ReadContext, id: string): string[] {
  return (ctx.graph.defined.get(id) ?? []).map((k) => unkey(k).join(':'));
}

interface Owner {
  name: string;
  catalog: string;
}

interface Print {
  whole: string;
  core: string;
}

/** One database of the pair: its owners, their fingerprints, and what is read of it. */
class Side {
  readonly owners = new Map<string, Owner>();
  readonly byName = new Map<string, string>();
  /** `schema.name` of every relation, indexes and composite types included. */
  private readonly relations: string[] = [];
  private readonly prints = new Map<string, Print>();
  /** Rows of the queries read whole, by query name. */
  readonly fetched = new Map<string, any[]>();
  private readonly used = new Set<string>();
  readonly loaded = new Set<string>();
  /** Loaded owners whose dependencies are loaded too: the changed ones and those that may be rebuilt. */
  readonly expanded = new Set<string>();
  private readonly affected = new Set<string>();
  private newlyLoaded: string[] = [];
  private newlyExpanded: string[] = [];

  constructor(
    readonly connections: QueryFn[],
    readonly version: number,
  ) {}

  /**
   * The first phase: the owners, their fingerprints, and the rows of every query that is read
   * whole whatever changes (all but the depends query), all at once.
   */
  async readFirst(): Promise<void> {
    const queries = catalogQueries(this.version);
    const owned = queries.filter((q) => q.owned !== undefined);
    const whole = queries.filter((q) => q.owned === undefined && q !== dependsQuery);
    const columns = ownedColumns(this.connections[0]!, owned);
    const { results, done } = schedule(this.connections, [
      { query: ownersQuery, run: (q: QueryFn) => run(q, ownersQuery) },
      ...owned.map((query) => ({ query, run: async (q: QueryFn) => run(q, fingerprintQuery(query, (await columns).get(query.sql)!)) })),
      ...whole.map((query) => ({ query, run: (q: QueryFn) => run(q, query) })),
    ]);
    try {
      for (const r of await results[0]!) {
        if (r.relation !== null) this.relations.push(r.relation);
        if (!r.owned) continue;
        this.owners.set(r.oid, { name: r.identity, catalog: r.class });
        this.byName.set(r.identity, r.oid);
      }
      for (const [i, query] of owned.entries()) {
        for (const r of await results[i + 1]!) {
          const print = this.prints.get(r.oid);
          if (print === undefined) this.prints.set(r.oid, { whole: `${query.name}:${r.whole}`, core: `${query.name}:${r.core}` });
          else {
            print.whole += ` ${query.name}:${r.whole}`;
            print.core += ` ${query.name}:${r.core}`;
          }
        }
      }
      for (const [i, query] of whole.entries()) this.fetched.set(query.name, await results[i + 1 + owned.length]!);
    } finally {
      await done;
    }
  }

  print(oid: string): Print {
    return this.prints.get(oid) ?? { whole: '', core: '' };
  }

  node(oid: string): string {
    return `${this.owners.get(oid)!.catalog}:${oid}`;
  }

  /** Reads the owner, and with `expand` what it depends on; true if that is more than before. */
  load(oid: string, expand: boolean): boolean {
    if (!this.owners.has(oid)) return false;
    let more = false;
    if (!this.loaded.has(oid)) {
      this.loaded.add(oid);
      this.newlyLoaded.push(oid);
      more = true;
    }
    if (expand && !this.expanded.has(oid)) {
      this.expanded.add(oid);
      this.newlyExpanded.push(oid);
      more = true;
    }
    return more;
  }

  /** The nodes change in a way their dependents may have to follow: the owners of all that depends on them are read and expanded. */
  async affect(nodes: string[]): Promise<void> {
    const fresh = nodes.filter((n) => !this.affected.has(n));
    if (fresh.length === 0) return;
    for (const n of fresh) this.affected.add(n);
    for (const r of await run(this.connections[0]!, affectedQuery, { params: [fresh] })) this.load(r.owner, true);
  }

  /** The nodes were read whole and changed: the owners of what they depend on are read. */
  async use(nodes: string[]): Promise<void> {
    const fresh = nodes.filter((n) => !this.used.has(n));
    if (fresh.length === 0) return;
    for (const n of fresh) this.used.add(n);
    for (const r of await run(this.connections[0]!, usesQuery, { params: [fresh] })) this.load(r.owner, false);
  }

  /** Records in the model the names of the relations it leaves out. */
  markUnread(model: SchemaModel): void {
    const read = relationNames(model);
    model.unreadRelations = this.relations.filter((r) => !read.has(r)).sort();
  }

  async closeNeeds(): Promise<void> {
    while (this.newlyLoaded.length > 0 || this.newlyExpanded.length > 0) {
      const params = [this.newlyLoaded, this.newlyExpanded];
      this.newlyLoaded = [];
      this.newlyExpanded = [];
      for (const r of await run(this.connections[0]!, needsQuery, { params })) this.load(r.owner, false);
    }
  }
}

/**
 * Output columns of each owned catalog query, by its SQL: the names of the one row of nulls that an
 * outer join of no rows gives (a query function returns rows only), all in one statement. The same
 * for every database of a server version, so asked once.
 */
const columnCache = new Map<string, Promise<Map<string, string[]>>>();

function ownedColumns(query: QueryFn, owned: CatalogQuery[]): Promise<Map<string, string[]>> {
  const cacheKey = owned.map((q) => q.sql).join('\0');
  let columns = columnCache.get(cacheKey);
  if (columns === undefined) {
    const rows = owned.map((q, i) => `(select to_jsonb(z) from (select d.* from (select) x left join (select * from (${q.sql}) q limit 0) d on true) z) as c${i}`);
    const describe: CatalogQuery = { file: 'pair.ts', name: 'columns of the catalog queries', sql: `select ${rows.join(', ')}` };
    const paged = owned.some((q) => q.pageSize !== undefined);
    columns = run(query, describe, { params: paged ? ['0', 0] : [] }).then(
      ([row]) => new Map(owned.map((q, i) => [q.sql, Object.keys(row[`c${i}`])])),
      (error: unknown) => {
        columnCache.delete(cacheKey);
        throw error;
      },
    );
    columnCache.set(cacheKey, columns);
  }
  return columns;
}

/** Neutral fields of objects read whole: they never change what depends on the object. */
const neutral = new Set(['owner', 'acl', 'comment', 'dependsOn']);

/**
 * Ids of objects read whole that differ between the two models in a way their dependents may
 * follow, with the side (0 from, 1 to) they are on. An enum that only gains labels (ADD VALUE)
 * keeps its dependents as they are.
 */
function changedWholeReads(from: SchemaModel, to: SchemaModel): [0 | 1, string][] {
  const out: [0 | 1, string][] = [];
  const collections = [
    'schemas',
    'extensions',
    'collations',
    'textSearchDictionaries',
    'textSearchConfigurations',
    'types',
    'operators',
    'casts',
    'eventTriggers',
    'publications',
    'subscriptions',
    'foreignDataWrappers',
    'foreignServers',
    'userMappings',
  ] as const;
  for (const c of collections) {
    const before = new Map<string, object>((from[c] as { id: string }[]).map((o) => [o.id, o]));
    const after = new Map<string, object>((to[c] as { id: string }[]).map((o) => [o.id, o]));
    for (const [id, o] of before) if (!after.has(id) || !keepsDependents(o, after.get(id)!)) out.push([0, id]);
    for (const [id, o] of after) if (!before.has(id) || !keepsDependents(before.get(id)!, o)) out.push([1, id]);
  }
  return out;
}

function keepsDependents(before: any, after: any): boolean {
  const skip = new Set(neutral);
  if (before.kind === 'enum' && after.kind === 'enum' && enumAppendOnly(before.labels, after.labels)) skip.add('labels');
  const strip = (o: any) => JSON.stringify(Object.entries(o).filter(([k]) => !skip.has(k)));
  return strip(before) === strip(after);
}

/**
 * The from side's roles are those its model's objects name. An object that is the same on both
 * sides was not read, so a role only it names would look new: such roles are asked of the database.
 */
async function knownRoles(from: Side, fromModel: SchemaModel, toModel: SchemaModel): Promise<void> {
  const known = new Set(fromModel.roles.map((r) => r.id));
  const missing = toModel.roles.filter((r) => !known.has(r.id));
  if (missing.length === 0) return;
  const used = new Set((await run(from.connections[0]!, rolesInUseQuery, { params: [missing.map((r) => r.name)] })).map((r) => r.name));
  for (const role of missing) if (used.has(role.name)) fromModel.roles.push(role);
  sortById(fromModel.roles);
}
