/**
 * Introspection: a fixed set of set-based catalog queries (one per concern, never one per object)
 * read into a SchemaModel.
 */
import { ReadContext } from './context';
import { CatalogError } from './errors';
import { ids, quoteLiteral } from './ids';
import { emptyModel, type SchemaModel } from './model';
import { OWNED_ROWS, type CatalogQuery, type QueryFn } from './query';
import { castsQuery, readCasts } from './queries/casts';
import { columnsQuery, readColumns } from './queries/columns';
import { constraintsQuery, readConstraints } from './queries/constraints';
import { dependsQuery, readDepends } from './queries/depends';
import { extensionGrantsQuery, extensionMembersQuery, extensionsQuery, readExtensionGrants, readExtensionMembers, readExtensions } from './queries/extensions';
import { foreignDataWrappersQuery, foreignServersQuery, readForeignDataWrappers, readForeignServers, readUserMappings, userMappingsQuery } from './queries/foreign';
import { indexesQuery, readIndexes } from './queries/indexes';
import { operatorsQuery, readOperators } from './queries/operators';
import { policiesQuery, readPolicies } from './queries/policies';
import { publicationsQuery, readPublications } from './queries/publications';
import { defaultPrivilegesQuery, readDefaultPrivileges, readRoles, rolesQuery } from './queries/privileges';
import { readRoutines, routinesQuery } from './queries/routines';
import { collationsQuery, readCollations, readSchemas, schemasQuery } from './queries/schemas';
import { readSequences, sequencesQuery } from './queries/sequences';
import { readStatistics, statisticsQuery } from './queries/statistics';
import { readSubscriptions, subscriptionsQuery } from './queries/subscriptions';
import { readTables, tablesQuery } from './queries/tables';
import { readTextSearchConfigurations, readTextSearchDictionaries, textSearchConfigurationsQuery, textSearchDictionariesQuery } from './queries/text-search';
import { eventTriggersQuery, readEventTriggers, readRules, readTriggers, rulesQuery, triggersQuery } from './queries/triggers';
import { readTypes, typesQuery } from './queries/types';
import { readUnmodelled, unmodelledQuery } from './queries/unmodelled';
import { readViews, viewsQuery } from './queries/views';
import { compareText, sortById } from './rows';

export interface IntrospectOptions {
  /** Only objects in these schemas (extensions, event triggers and roles are database-wide and always read). */
  schemas?: string[];
  /** Never these schemas, e.g. a migration tool's registry (`sqitch`) in a deployed database. */
  excludeSchemas?: string[];
}

type Reader = (ctx: ReadContext, rows: any[]) => void;

/** In reading order: each reader may look up what the readers before it registered. */
function plan(version: number): [CatalogQuery, Reader][] {
  return [
    [extensionMembersQuery, readExtensionMembers],
    [extensionsQuery, readExtensions],
    [schemasQuery, readSchemas],
    [collationsQuery(version), readCollations],
    [textSearchDictionariesQuery, readTextSearchDictionaries],
    [textSearchConfigurationsQuery, readTextSearchConfigurations],
    [typesQuery(version), readTypes],
    [sequencesQuery, readSequences],
    [foreignDataWrappersQuery, readForeignDataWrappers],
    [foreignServersQuery, readForeignServers],
    [userMappingsQuery, readUserMappings],
    [tablesQuery, readTables],
    [viewsQuery, readViews],
    [columnsQuery(version), readColumns],
    [constraintsQuery, readConstraints],
    [indexesQuery, readIndexes],
    [statisticsQuery(version), readStatistics],
    [routinesQuery, readRoutines],
    [operatorsQuery, readOperators],
    [castsQuery, readCasts],
    [triggersQuery, readTriggers],
    [rulesQuery, readRules],
    [eventTriggersQuery, readEventTriggers],
    [policiesQuery, readPolicies],
    [publicationsQuery(version), readPublications],
    [subscriptionsQuery(version), readSubscriptions],
    [defaultPrivilegesQuery, readDefaultPrivileges],
    [extensionGrantsQuery, readExtensionGrants],
    [dependsQuery, readDepends],
    [rolesQuery, readRoles],
    [unmodelledQuery, readUnmodelled],
  ];
}

/** Every catalog query issued for a server version, in order (for documentation and tests). */
export function catalogQueries(serverVersionNum: number): CatalogQuery[] {
  return plan(serverVersionNum).map(([q]) => q);
}

/**
 * Runs a catalog query, page by page if it has pages. Given `owners`, a query with owned rows
 * reads only the rows of those owners; `params` are a query's own parameters.
 */
export async function run(query: QueryFn, q: CatalogQuery, limit: { owners?: string[]; params?: unknown[] } = {}): Promise<any[]> {
  let sql = q.sql;
  const extra: unknown[] = [...(limit.params ?? [])];
  if (limit.owners !== undefined && q.owned !== undefined) {
    extra.push(limit.owners);
    sql = sql.replace(OWNED_ROWS, `and ${q.owned.filter(`$${q.pageSize === undefined ? 1 : 3}::oid[]`)}`);
  }
  try {
    if (q.pageSize === undefined) return await query(sql, extra.length > 0 ? extra : undefined);
    const rows: any[] = [];
    for (let last = '0'; ; ) {
      const page = await query(sql, [last, q.pageSize, ...extra]);
      rows.push(...page);
      if (page.length < q.pageSize) return rows;
      last = String(page[page.length - 1].oid);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CatalogError('CATALOG_QUERY_FAILED', `The catalog query "${q.name}" (${q.file}) failed: ${reason}`, `${q.file}: ${q.name}`, { cause: error });
  }
}

const versionQuery: CatalogQuery = {
  file: 'introspect.ts',
  name: 'server version',
  sql: `select current_setting('server_version_num') as version, current_setting('search_path') as search_path,
               current_setting('jit') as jit`,
};

/**
 * Introspection runs with an empty search_path so that the deparsers (pg_get_viewdef,
 * format_type, pg_get_expr, …) qualify every name: definitions then mean the same in any session,
 * and verify scripts, which also run with an empty search_path, compare like with like.
 * JIT is off: the planner's estimates for catalog queries over a big schema cross jit_above_cost,
 * and compiling costs more than these queries run.
 */
const settingsQuery = (searchPath: string, jit: string): CatalogQuery => ({
  file: 'introspect.ts',
  name: 'settings',
  sql: `select set_config('search_path', ${quoteLiteral(searchPath)}, false), set_config('jit', ${quoteLiteral(jit)}, false)`,
});

/**
 * `query` is one connection, or several connections to the same database: the catalog queries
 * are independent, so with several they are spread over them and run at once.
 */
export async function introspect(query: QueryFn | QueryFn[], options: IntrospectOptions = {}): Promise<SchemaModel> {
  const connections = Array.isArray(query) ? query : [query];
  if (connections.length === 0) throw new TypeError('introspect needs at least one query function');
  return inCatalogSettings(connections, async (version) => (await readModel(connections, version, options)).model);
}

/** Runs `work` with the settings introspection needs on every connection, and restores them after. */
export async function inCatalogSettings<T>(connections: QueryFn[], work: (version: number) => Promise<T>): Promise<T> {
  const [{ version, search_path, jit }] = await run(connections[0]!, versionQuery);
  await Promise.all(connections.map((q) => run(q, settingsQuery('', 'off'))));
  try {
    return await work(Number(version));
  } finally {
    await Promise.all(connections.map((q) => run(q, settingsQuery(search_path, jit))));
  }
}

/** What a read can start from (see introspectPair). */
export interface ReadLimits {
  /** Only the owned rows of these relations and routines are read; every other query is read whole. */
  owners?: { oids: string[]; depends: CatalogQuery };
  /** Rows of queries that were fetched already, by query name. */
  fetched?: Map<string, any[]>;
}

/**
 * Spreads tasks over the connections: the first connection takes the tasks that open tables,
 * every connection takes the others, heaviest first, as soon as it is free. A failed task fails
 * every task no connection has started.
 */
export function schedule<T>(connections: QueryFn[], tasks: { query: CatalogQuery; run: (q: QueryFn) => Promise<T> }[]): { results: Promise<T>[]; done: Promise<unknown> } {
  const results = tasks.map(() => settled<T>());
  const byWeight = tasks.map((_, i) => i).sort((x, y) => (tasks[y]!.query.weight ?? 0) - (tasks[x]!.query.weight ?? 0));
  const shared = connections.length > 1;
  const tableTasks = byWeight.filter((i) => shared && tasks[i]!.query.opensTables);
  const others = byWeight.filter((i) => !(shared && tasks[i]!.query.opensTables));
  const done = Promise.all(
    connections.map(async (q, n) => {
      const next = () => (n === 0 ? (tableTasks.shift() ?? others.shift()) : others.shift());
      for (let i = next(); i !== undefined; i = next()) {
        const result = results[i]!;
        await tasks[i]!.run(q).then(result.resolve, (error: unknown) => {
          // A reader may be waiting on a task no connection will take now: it fails too.
          for (const j of [...tableTasks.splice(0), ...others.splice(0)]) results[j]!.reject(error);
          result.reject(error);
        });
      }
    }),
  );
  return { results: results.map((r) => r.promise), done };
}

/** Reads a model; rows are read in plan order as soon as they are in, while the later queries still run. */
export async function readModel(
  connections: QueryFn[],
  version: number,
  options: IntrospectOptions,
  limits?: ReadLimits,
): Promise<{ model: SchemaModel; ctx: ReadContext }> {
  const model = emptyModel(version);
  const owners = limits?.owners;
  const ctx = new ReadContext(model, options.schemas ? new Set(options.schemas) : null, new Set(options.excludeSchemas ?? []), owners !== undefined);
  const steps = plan(model.serverVersionNum);
  const { results, done } = schedule(
    connections,
    steps.map(([query]) => ({
      query,
      run: async (q: QueryFn) => {
        const fetched = limits?.fetched?.get(query.name);
        if (fetched !== undefined) return fetched;
        if (owners === undefined) return run(q, query);
        return query === dependsQuery ? run(q, owners.depends, { params: [owners.oids] }) : run(q, query, { owners: owners.oids });
      },
    })),
  );
  try {
    for (const [i, [, read]] of steps.entries()) read(ctx, await results[i]!);
  } finally {
    await done;
  }
  finish(ctx);
  return { model, ctx };
}

/** A promise with its resolve and reject; marked handled, since it may be dropped after an earlier failure. */
function settled<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Schema edges, dependsOn arrays (only ids in the model, sorted) and the order of every array. */
function finish(ctx: ReadContext): void {
  const { model, graph } = ctx;
  const known = new Set<string>();
  const objects = [
    ...model.schemas,
    ...model.extensions,
    ...model.collations,
    ...model.textSearchDictionaries,
    ...model.textSearchConfigurations,
    ...model.types,
    ...model.sequences,
    ...model.tables,
    ...model.indexes,
    ...model.statistics,
    ...model.views,
    ...model.routines,
    ...model.operators,
    ...model.casts,
    ...model.triggers,
    ...model.rules,
    ...model.eventTriggers,
    ...model.policies,
    ...model.publications,
    ...model.foreignDataWrappers,
    ...model.foreignServers,
    ...model.userMappings,
    ...model.subscriptions,
  ];
  for (const o of objects) known.add(o.id);
  for (const { id } of ctx.nested) known.add(id);
  for (const o of objects) o.dependsOn = graph.finish(o.id, known);
  for (const { object, id } of ctx.nested) object.dependsOn = graph.finish(id, known);
  for (const t of model.tables) {
    t.columns.sort((a, b) => a.position - b.position);
    t.constraints.sort((a, b) => compareText(a.name, b.name));
  }
  for (const ty of model.types) if (ty.kind === 'domain') ty.constraints.sort((a, b) => compareText(a.name, b.name));
  sortById(model.roles);
  sortById(model.schemas);
  sortById(model.extensions);
  sortById(model.collations);
  sortById(model.textSearchDictionaries);
  sortById(model.textSearchConfigurations);
  sortById(model.types);
  sortById(model.sequences);
  sortById(model.tables);
  sortById(model.indexes);
  sortById(model.statistics);
  sortById(model.views);
  sortById(model.routines);
  sortById(model.operators);
  sortById(model.casts);
  sortById(model.triggers);
  sortById(model.rules);
  sortById(model.eventTriggers);
  sortById(model.policies);
  sortById(model.defaultPrivileges);
  sortById(model.extensionGrants);
  sortById(model.publications);
  sortById(model.foreignDataWrappers);
  sortById(model.foreignServers);
  sortById(model.userMappings);
  sortById(model.subscriptions);
}
