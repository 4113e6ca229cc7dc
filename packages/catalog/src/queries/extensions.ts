/** Extensions, and the members they own (which the model leaves out). */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { ExtensionGrant } from '../model';
import type { CatalogQuery } from '../query';
import { grants, withComment } from '../rows';
import { aclJson, commentOf, roleName, userSchema } from './fragments';

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

/**
 * Privileges on extension members (functions, tables, sequences, types, languages) that differ
 * from those the extension's script left (pg_init_privs), as pg_dump reads them: a GRANT on an
 * extension's function, or on the plpgsql language, is the user's.
 */
export const extensionGrantsQuery: CatalogQuery = {
  file,
  name: 'extension grants',
  sql: `
with members as (
  select d.classid, d.objid, e.extname
    from pg_depend d join pg_extension e on e.oid = d.refobjid
   where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e'
     and d.classid in ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass, 'pg_language'::regclass)
), objects as (
  select m.extname, case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end as on_kind,
         pn.nspname::text as schema, p.proname::text as name, pg_get_function_identity_arguments(p.oid) as args,
         p.proowner as owner, p.proacl as acl, 'f'::"char" as default_kind, m.classid, m.objid
    from members m join pg_proc p on m.classid = 'pg_proc'::regclass and p.oid = m.objid
    join pg_namespace pn on pn.oid = p.pronamespace
  union all
  select m.extname, case c.relkind when 'S' then 'sequence' else 'table' end, cn.nspname::text, c.relname::text, null,
         c.relowner, c.relacl, case c.relkind when 'S' then 's' else 'r' end::"char", m.classid, m.objid
    from members m join pg_class c on m.classid = 'pg_class'::regclass and c.oid = m.objid
    join pg_namespace cn on cn.oid = c.relnamespace
   where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
  union all
  select m.extname, case t.typtype when 'd' then 'domain' else 'type' end, tn.nspname::text, t.typname::text, null,
         t.typowner, t.typacl, 'T'::"char", m.classid, m.objid
    from members m join pg_type t on m.classid = 'pg_type'::regclass and t.oid = m.objid
    join pg_namespace tn on tn.oid = t.typnamespace
  union all
  select m.extname, 'language', null, l.lanname::text, null, l.lanowner, l.lanacl, 'l'::"char", m.classid, m.objid
    from members m join pg_language l on m.classid = 'pg_language'::regclass and l.oid = m.objid
), compared as (
  select o.*, ip.initprivs,
         (select array_agg(x::text order by x::text) from unnest(coalesce(o.acl, acldefault(o.default_kind, o.owner))) x) as now,
         (select array_agg(x::text order by x::text) from unnest(coalesce(ip.initprivs, acldefault(o.default_kind, o.owner))) x) as initial_sorted
    from objects o
    left join pg_init_privs ip on ip.objoid = o.objid and ip.classoid = o.classid and ip.objsubid = 0
)
select c.extname as extension, c.on_kind, c.schema, c.name, c.args, ${roleName('c.owner')} as owner,
       ${aclJson('c.acl')} as acl, ${aclJson('c.initprivs')} as initial
  from compared c
 where c.now is distinct from c.initial_sorted`,
};

export function readExtensionGrants(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const acl = grants(r.acl);
    const initial = grants(r.initial);
    ctx.useRoles(r.owner, acl);
    ctx.useRoles(null, initial);
    const on = r.on_kind as ExtensionGrant['on'];
    const grant: ExtensionGrant = {
      id: ids.extensionGrant(on, r.schema, r.name, r.args),
      kind: 'extension grant',
      extension: r.extension,
      on,
      schema: r.schema,
      name: r.name,
      owner: r.owner,
      acl,
      initial,
    };
    if (r.args !== null) grant.identityArguments = r.args;
    ctx.model.extensionGrants.push(grant);
  }
}
