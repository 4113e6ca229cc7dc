/** SQL fragments shared by the catalog queries. */

/** True for a namespace alias `n` that holds user objects (not pg_catalog, information_schema, toast or temp). */
export function userSchema(n: string): string {
  return `${n}.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and ${n}.nspname not like 'pg\\_temp\\_%' and ${n}.nspname not like 'pg\\_toast\\_temp\\_%'`;
}

/**
 * A role oid as the model records its name: '' for the role running the introspection
 * (current_user), the role name otherwise. Throwaway databases are loaded by different roles
 * (PGlite's postgres, a server's admin, a deploy role), so what the loading role owns or holds
 * is recorded relative to it. No role can have an empty name, so '' never collides with one.
 */
export function roleName(oid: string): string {
  return `case when ${oid} = (select cu.oid from pg_roles cu where cu.rolname = current_user) then '' else pg_get_userbyid(${oid})::text end`;
}

/**
 * An ACL column as JSON: null when the column is NULL (the built-in default), otherwise an array of
 * [grantee, privilege, grantable] from aclexplode (the grantor is not part of the model).
 * Given the object's acldefault() kind letter and owner oid, an ACL that holds exactly the
 * default privileges (as after REVOKE ALL … FROM PUBLIC on a sequence whose default has none
 * for PUBLIC, then GRANT back) is null too: the two cannot be told apart by what they allow.
 */
export function aclJson(column: string, defaultOf?: { kind: string; owner: string }): string {
  const sorted = (acl: string) => `(select array_agg(ai::text order by ai::text) from unnest(${acl}) ai)`;
  // A column's default ACL is empty, whoever owns the table: no need to build and sort one per row.
  const isDefault = !defaultOf
    ? ''
    : defaultOf.kind === 'c'
      ? ` or cardinality(${column}) = 0`
      : ` or ${sorted(column)} is not distinct from ${sorted(`acldefault('${defaultOf.kind}', ${defaultOf.owner})`)}`;
  return `case when ${column} is null${isDefault} then null else coalesce((
      select json_agg(json_build_array(
               case when x.grantee = 0 then 'PUBLIC' else ${roleName('x.grantee')} end,
               x.privilege_type, x.is_grantable) order by x.n)
        from aclexplode(${column}) with ordinality x(grantor, grantee, privilege_type, is_grantable, n)), '[]'::json) end`;
}

/**
 * The comment of an object. A scalar subquery on pg_description's unique index: the planner has no
 * statistics for the catalogs and would otherwise nest-loop a join over every description.
 */
export function commentOf(catalog: string, oid: string, subid = '0'): string {
  return `(select ds.description from pg_description ds
      where ds.objoid = ${oid} and ds.classoid = '${catalog}'::regclass and ds.objsubid = ${subid})`;
}

/** [schema, name] of a pg_proc oid as JSON, or null for 0 (regproc columns). */
export function procName(oid: string): string {
  return `case when ${oid}::oid = 0 then null else (
      select json_build_array(pn.nspname, pp.proname) from pg_proc pp
        join pg_namespace pn on pn.oid = pp.pronamespace where pp.oid = ${oid}::oid) end`;
}

/** [schema, name] of a pg_collation oid as JSON. */
export function collationName(oid: string): string {
  return `(select json_build_array(cn.nspname, co.collname) from pg_collation co
      join pg_namespace cn on cn.oid = co.collnamespace where co.oid = ${oid})`;
}
