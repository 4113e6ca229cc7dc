/** SQL fragments shared by the catalog queries. */

/** True for a namespace alias `n` that holds user objects (not pg_catalog, information_schema, toast or temp). */
export function userSchema(n: string): string {
  return `${n}.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and ${n}.nspname not like 'pg\\_temp\\_%' and ${n}.nspname not like 'pg\\_toast\\_temp\\_%'`;
}

/**
 * An ACL column as JSON: null when the column is NULL (the built-in default), otherwise an array of
 * [grantee, privilege, grantable] from aclexplode (the grantor is not part of the model).
 */
export function aclJson(column: string): string {
  return `case when ${column} is null then null else coalesce((
      select json_agg(json_build_array(
               case when x.grantee = 0 then 'PUBLIC' else pg_get_userbyid(x.grantee)::text end,
               x.privilege_type, x.is_grantable))
        from aclexplode(${column}) x), '[]'::json) end`;
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
