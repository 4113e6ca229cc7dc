/** Tables, with partitioning, inheritance, RLS flags, reloptions and replica identity; foreign tables with their server. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Table } from '../model';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { grants, json, textArray, textList, withComment } from '../rows';
import { aclJson, commentOf, roleName, userSchema } from './fragments';

export const tablesQuery: CatalogQuery = {
  file: 'queries/tables.ts',
  name: 'tables',
  owned: { filter: (oids) => `c.oid = any(${oids})`, owner: 'q.oid', oids: ['oid', 'rowtype', 'rowtype_array'], neutral: ['owner', 'acl', 'comment'] },
  sql: `
select c.oid::text as oid, c.reltype::text as rowtype, rt.typarray::text as rowtype_array,
       n.nspname as schema, c.relname as name, ${roleName('c.relowner')} as owner,
       ${aclJson('c.relacl', { kind: 'r', owner: 'c.relowner' })} as acl, ${commentOf('pg_class', 'c.oid')} as comment, c.relpersistence as persistence,
       case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partition_by,
       case when c.relispartition then (
         select json_build_array(pn.nspname, pc.relname) from pg_inherits i
           join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
          where i.inhrelid = c.oid) end as partition_parent,
       case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as partition_bound,
       case when not c.relispartition then (
         select json_agg(json_build_array(pn.nspname, pc.relname) order by i.inhseqno) from pg_inherits i
           join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
          where i.inhrelid = c.oid) end as inherits,
       case when c.reloftype <> 0 then (select json_build_array(tn.nspname, tt.typname) from pg_type tt
         join pg_namespace tn on tn.oid = tt.typnamespace where tt.oid = c.reloftype) end as of_type,
       c.relrowsecurity as row_security, c.relforcerowsecurity as force_row_security,
       array_cat(c.reloptions, (select array_agg('toast.' || o order by n) from pg_class tc, unnest(tc.reloptions) with ordinality u(o, n)
                                 where tc.oid = c.reltoastrelid)) as options,
       c.relreplident as replica_identity,
       case when c.relkind = 'f' then (
         select json_build_array(fs.srvname, ft.ftoptions) from pg_foreign_table ft
           join pg_foreign_server fs on fs.oid = ft.ftserver where ft.ftrelid = c.oid) end as foreign_table
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_type rt on rt.oid = c.reltype
 where c.relkind in ('r', 'p', 'f') and ${userSchema('n')} ${OWNED_ROWS}`,
};

export function readTables(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_class', r.oid)) continue;
    const id = ids.table(r.schema, r.name);
    ctx.graph.define(id, key('pg_class', r.oid));
    // A table's row type (and its array) stands for the table, e.g. as a function argument type.
    for (const t of [r.rowtype, r.rowtype_array]) if (t && t !== '0') ctx.graph.alias(key('pg_type', t), id);
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.relations.set(r.oid, { schema: r.schema, name: r.name, kind: 'r', id });
    const parent = json<[string, string] | null>(r.partition_parent);
    const inherits = (json<[string, string][] | null>(r.inherits) ?? []).map(([s, t]) => ids.table(s, t));
    const partitionOf = parent ? { parent: ids.table(parent[0], parent[1]), bound: r.partition_bound as string } : null;
    if (partitionOf) ctx.graph.add(id, partitionOf.parent);
    for (const p of inherits) ctx.graph.add(id, p);
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    const table: Table = {
      id,
      kind: 'table',
      schema: r.schema,
      name: r.name,
      owner: r.owner,
      acl,
      persistence: r.persistence,
      partitionBy: r.partition_by ?? null,
      partitionOf,
      inherits,
      rowSecurity: r.row_security,
      forceRowSecurity: r.force_row_security,
      options: textList(r.options),
      replicaIdentity: r.replica_identity,
      columns: [],
      constraints: [],
      dependsOn: [],
    };
    const ofType = json<[string, string] | null>(r.of_type);
    if (ofType) table.ofType = ids.type(ofType[0], ofType[1]);
    const foreign = json<[string, string[] | null] | null>(r.foreign_table);
    if (foreign) {
      table.foreign = { server: foreign[0], options: textArray(foreign[1]) };
      ctx.graph.add(id, ids.foreignServer(foreign[0]));
    }
    ctx.tables.set(r.oid, table);
    ctx.model.tables.push(withComment(table, r.comment));
  }
}
