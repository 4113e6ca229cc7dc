/** Enums, composite types, domains and range types. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { TypeDef } from '../model';
import type { CatalogQuery } from '../query';
import { grants, json, qualifiedPair, withComment } from '../rows';
import { aclJson, collationName, commentOf, procName, roleName, userSchema } from './fragments';

export function typesQuery(version: number): CatalogQuery {
  const multirange = version >= 140000 ? '(select mt.typname::text from pg_type mt where mt.oid = r.rngmultitypid)' : 'null::text';
  const multirangeOids = version >= 140000 ? "(select json_build_array(mt.oid::text, mt.typarray::text) from pg_type mt where mt.oid = r.rngmultitypid)" : 'null::json';
  return {
    file: 'queries/types.ts',
    name: 'types',
    sql: `
select t.oid::text as oid, t.typarray::text as array_oid, t.typrelid::text as relid, n.nspname as schema, t.typname as name,
       t.typtype as typtype, ${roleName('t.typowner')} as owner, ${aclJson('t.typacl', { kind: 'T', owner: 't.typowner' })} as acl, ${commentOf('pg_type', 't.oid')} as comment,
       case when t.typtype = 'e' then (
         select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) end as labels,
       case when t.typtype = 'c' then (
         select json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod),
                  case when a.attcollation <> at.typcollation then ${collationName('a.attcollation')} end,
                  ${commentOf('pg_class', 'a.attrelid', 'a.attnum')}) order by a.attnum)
           from pg_attribute a join pg_type at on at.oid = a.atttypid
          where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) end as attributes,
       case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end as base_type,
       case when t.typtype = 'd' and t.typcollation <> bt.typcollation then ${collationName('t.typcollation')} end as domain_collation,
       case when t.typtype = 'd' then pg_get_expr(t.typdefaultbin, 0) end as default_expr,
       t.typnotnull as not_null,
       format_type(r.rngsubtype, null) as subtype,
       case when r.rngtypid is not null and not oc.opcdefault then json_build_array(ocn.nspname, oc.opcname) end as subtype_opclass,
       case when r.rngtypid is not null and r.rngcollation <> st.typcollation then ${collationName('r.rngcollation')} end as range_collation,
       ${procName('r.rngcanonical')} as canonical,
       ${procName('r.rngsubdiff')} as subtype_diff,
       ${multirange} as multirange,
       ${multirangeOids} as multirange_oids
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
  left join pg_type bt on bt.oid = t.typbasetype
  left join pg_range r on r.rngtypid = t.oid
  left join pg_type st on st.oid = r.rngsubtype
  left join pg_opclass oc on oc.oid = r.rngsubopc
  left join pg_namespace ocn on ocn.oid = oc.opcnamespace
 where ${userSchema('n')}
   and (t.typtype in ('e', 'd', 'r')
        or (t.typtype = 'c' and (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c'))`,
  };
}

export function readTypes(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_type', r.oid)) continue;
    const id = ids.type(r.schema, r.name);
    const keys = [key('pg_type', r.oid)];
    if (r.typtype === 'c') keys.push(key('pg_class', r.relid));
    ctx.graph.define(id, ...keys);
    // Arrays of the type, and a range's multirange, are created with it and stand for it.
    const aliases = [r.array_oid, ...(json<string[] | null>(r.multirange_oids) ?? [])];
    for (const oid of aliases) if (oid !== '0') ctx.graph.alias(key('pg_type', oid), id);
    ctx.graph.add(id, ids.schema(r.schema));
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    const base = { id, schema: r.schema, name: r.name, owner: r.owner, acl, dependsOn: [] as string[] };
    let type: TypeDef;
    switch (r.typtype) {
      case 'e':
        type = { ...base, kind: 'enum', labels: json<string[] | null>(r.labels) ?? [] };
        break;
      case 'c':
        type = {
          ...base,
          kind: 'composite',
          attributes: (json<[string, string, [string, string] | null, string | null][] | null>(r.attributes) ?? []).map(([name, t, coll, comment]) =>
            withComment({ name, type: t, collation: qualifiedPair(coll) }, comment),
          ),
        };
        break;
      case 'd': {
        const domain: TypeDef = {
          ...base,
          kind: 'domain',
          baseType: r.base_type,
          collation: qualifiedPair(r.domain_collation),
          default: r.default_expr ?? null,
          notNull: r.not_null,
          constraints: [],
        };
        ctx.domains.set(r.oid, domain);
        type = domain;
        break;
      }
      default:
        type = {
          ...base,
          kind: 'range',
          subtype: r.subtype,
          subtypeOpclass: qualifiedPair(r.subtype_opclass),
          collation: qualifiedPair(r.range_collation),
          canonical: qualifiedPair(r.canonical),
          subtypeDiff: qualifiedPair(r.subtype_diff),
          multirangeName: r.multirange ?? null,
        };
    }
    ctx.model.types.push(withComment(type, r.comment));
  }
}
