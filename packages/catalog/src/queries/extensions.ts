/** Extensions, and the members they own (which the model leaves out). */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { CatalogQuery } from '../query';
import { withComment } from '../rows';
import { commentOf, userSchema } from './fragments';

const file = 'queries/extensions.ts';

export const extensionsQuery: CatalogQuery = {
  file,
  name: 'extensions',
  sql: `
select e.oid::text as oid, e.extname as name, n.nspname as schema,
       case when e.extversion is distinct from a.default_version then e.extversion end as version,
       ${commentOf('pg_extension', 'e.oid')} as comment
  from pg_extension e
  join pg_namespace n on n.oid = e.extnamespace
  left join pg_available_extensions a on a.name = e.extname
 where ${userSchema('n')}`,
};

/** Members (deptype 'e'), plus the array types of member types, which are not recorded as members. */
export const extensionMembersQuery: CatalogQuery = {
  file,
  name: 'extension members',
  sql: `
select d.classid::regclass::text as class, d.objid::text as oid, e.extname as extension
  from pg_depend d join pg_extension e on e.oid = d.refobjid
 where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e'
union all
select 'pg_type', t.typarray::text, e.extname
  from pg_depend d join pg_extension e on e.oid = d.refobjid join pg_type t on t.oid = d.objid
 where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e'
   and d.classid = 'pg_type'::regclass and t.typarray <> 0`,
};

export function readExtensionMembers(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) ctx.graph.extensionMember(key(r.class, r.oid), ids.extension(r.extension));
}

/**
 * Extensions are database-wide: they are kept whatever the schema include-list says, so that
 * objects using their members can depend on them. Extensions in system schemas (plpgsql) are not.
 */
export function readExtensions(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const id = ids.extension(r.name);
    ctx.graph.define(id, key('pg_extension', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.model.extensions.push(withComment({ id, kind: 'extension' as const, name: r.name, schema: r.schema, version: r.version ?? null, dependsOn: [] }, r.comment));
  }
}
