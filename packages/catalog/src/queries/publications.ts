/**
 * Publications (logical replication): which tables and schemas they publish, with row filters
 * and column lists (PostgreSQL 15+), and what they publish.
 */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { CatalogQuery } from '../query';
import { json, sortedStrings, withComment } from '../rows';
import { commentOf, roleName } from './fragments';

export function publicationsQuery(version: number): CatalogQuery {
  const v15 = version >= 150000;
  const where = v15 ? 'pg_get_expr(pr.prqual, pr.prrelid)' : 'null::text';
  const columns = v15
    ? `(select json_agg(a.attname order by a.attnum) from pg_attribute a where a.attrelid = pr.prrelid and a.attnum = any(pr.prattrs))`
    : 'null::json';
  const schemas = v15
    ? `(select json_agg(n.nspname) from pg_publication_namespace pn join pg_namespace n on n.oid = pn.pnnspid where pn.pnpubid = p.oid)`
    : 'null::json';
  return {
    file: 'queries/publications.ts',
    name: 'publications',
    sql: `
select p.oid::text as oid, p.pubname as name, ${roleName('p.pubowner')} as owner, p.puballtables as all_tables,
       p.pubinsert as ins, p.pubupdate as upd, p.pubdelete as del, p.pubtruncate as trunc, p.pubviaroot as via_root,
       (select json_agg(json_build_array(pr.prrelid::text, ${where}, ${columns}, pr.oid::text, rn.nspname, rc.relname))
          from pg_publication_rel pr join pg_class rc on rc.oid = pr.prrelid join pg_namespace rn on rn.oid = rc.relnamespace
         where pr.prpubid = p.oid) as rels,
       ${schemas} as schemas, ${commentOf('pg_publication', 'p.oid')} as comment
  from pg_publication p`,
  };
}

export function readPublications(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (ctx.graph.isExtensionMember(key('pg_publication', r.oid))) continue;
    const id = ids.publication(r.name);
    ctx.graph.define(id, key('pg_publication', r.oid));
    const tables: { table: string; where: string | null; columns: string[] | null }[] = [];
    for (const [relid, where, columns, relOid, schema, name] of json<[string, string | null, string[] | null, string, string, string][] | null>(r.rels) ?? []) {
      // A read that leaves out tables that are the same on both sides still lists them.
      const rel = ctx.relations.get(relid) ?? (ctx.partial && ctx.keep(schema, 'pg_class', relid) ? { id: ids.table(schema, name) } : undefined);
      if (!rel) continue;
      ctx.graph.add(id, rel.id);
      // What a column list or row filter uses (columns, functions) is the publication's dependency.
      ctx.graph.holdFor(key('pg_publication_rel', relOid), id);
      tables.push({ table: rel.id, where, columns });
    }
    const schemas = sortedStrings(json<string[] | null>(r.schemas));
    for (const s of schemas) ctx.graph.add(id, ids.schema(s));
    ctx.useRoles(r.owner, null);
    const publish = (['insert', 'update', 'delete', 'truncate'] as const).filter((_, i) => [r.ins, r.upd, r.del, r.trunc][i]);
    ctx.model.publications.push(
      withComment(
        {
          id,
          kind: 'publication' as const,
          name: r.name,
          owner: r.owner,
          acl: null,
          allTables: r.all_tables,
          publish,
          viaRoot: r.via_root,
          tables: tables.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0)),
          schemas,
          dependsOn: [],
        },
        r.comment,
      ),
    );
  }
}
