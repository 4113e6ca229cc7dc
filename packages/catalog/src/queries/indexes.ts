/** Indexes of tables and materialized views. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Index } from '../model';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { json, withComment } from '../rows';
import { commentOf, userSchema } from './fragments';

export const indexesQuery: CatalogQuery = {
  file: 'queries/indexes.ts',
  name: 'indexes',
  owned: { filter: (oids) => `i.indrelid = any(${oids})`, owner: 'q.relid', oids: ['oid', 'relid'], neutral: ['comment'], order: ['name'] },
  opensTables: true,
  weight: 2,
  sql: `
select i.indexrelid::text as oid, n.nspname as schema, ic.relname as name, i.indrelid::text as relid,
       pg_get_indexdef(i.indexrelid) as definition, i.indisclustered as clustered, i.indisreplident as replica_identity,
       (select co.conname::text from pg_constraint co
         where co.conindid = i.indexrelid and co.conrelid = i.indrelid and co.contype in ('p', 'u', 'x')) as constraint_name,
       (select json_build_array(pn.nspname, pc.relname) from pg_inherits inh
           join pg_class pc on pc.oid = inh.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
         where inh.inhrelid = i.indexrelid) as parent,
       case when tc.relispartition then
         (select json_agg(a.attname::text order by a.attnum) from pg_attribute a where a.attrelid = i.indexrelid)
       end as column_names,
       case when i.indexprs is not null then
         (select json_agg(json_build_array(a.attnum, a.attstattarget::int) order by a.attnum) from pg_attribute a
           where a.attrelid = i.indexrelid and a.attstattarget >= 0)
       end as statistics,
       ${commentOf('pg_class', 'i.indexrelid')} as comment
  from pg_index i
  join pg_class ic on ic.oid = i.indexrelid
  join pg_namespace n on n.oid = ic.relnamespace
  join pg_class tc on tc.oid = i.indrelid
 where tc.relkind in ('r', 'p', 'm') and ${userSchema('n')} ${OWNED_ROWS}`,
};

export function readIndexes(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const table = ctx.relations.get(r.relid);
    if (!table || (table.kind !== 'r' && table.kind !== 'm') || !ctx.keep(r.schema, 'pg_class', r.oid)) continue;
    const id = ids.index(r.schema, r.name);
    ctx.graph.holdFor(key('pg_class', r.oid), id);
    // An index that backs a constraint is referenced as the constraint (aliased when constraints are read).
    if (r.constraint_name) ctx.graph.add(id, ids.constraint(table.schema, table.name, r.constraint_name));
    else ctx.graph.alias(key('pg_class', r.oid), id);
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.graph.add(id, table.id);
    const parent = json<[string, string] | null>(r.parent);
    const index: Index = {
      id,
      kind: 'index',
      schema: r.schema,
      name: r.name,
      table: table.id,
      definition: r.definition,
      constraint: r.constraint_name ?? null,
      partitionOf: parent ? ids.index(parent[0], parent[1]) : null,
      dependsOn: [],
    };
    const columnNames = json<string[] | null>(r.column_names);
    if (columnNames) index.columnNames = columnNames;
    const statistics = json<[number, number][] | null>(r.statistics);
    if (statistics) index.statistics = statistics;
    if (r.clustered) index.clustered = true;
    if (r.replica_identity) index.replicaIdentity = true;
    ctx.model.indexes.push(withComment(index, r.comment));
  }
}
