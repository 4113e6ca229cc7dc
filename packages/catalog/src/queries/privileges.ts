/** Default privileges (ALTER DEFAULT PRIVILEGES) and the roles the model references. */
import type { ReadContext } from '../context';
import { ids } from '../ids';
import type { CatalogQuery } from '../query';
import { compareText, grants } from '../rows';
import { aclJson, roleName, userSchema } from './fragments';

const file = 'queries/privileges.ts';

export const defaultPrivilegesQuery: CatalogQuery = {
  file,
  name: 'default privileges',
  sql: `
select ${roleName('a.defaclrole')} as role, n.nspname as schema, a.defaclobjtype as object_type,
       ${aclJson('a.defaclacl')} as acl
  from pg_default_acl a
  left join pg_namespace n on n.oid = a.defaclnamespace
 where a.defaclnamespace = 0 or (${userSchema('n')})`,
};

export function readDefaultPrivileges(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const schema: string | null = r.schema ?? null;
    if (schema !== null && !ctx.schemaIncluded(schema)) continue;
    // Unlike an object's ACL, a default ACL does not keep the order of the grants that made it
    // (PostgreSQL rebuilds it), so its grants are sorted.
    const acl = (grants(r.acl) ?? []).sort((a, b) => compareText(a.grantee, b.grantee) || compareText(a.privilege, b.privilege));
    ctx.useRoles(r.role, acl);
    ctx.model.defaultPrivileges.push({ id: ids.defaultPrivilege(r.role, schema, r.object_type), role: r.role, schema, objectType: r.object_type, acl });
  }
}

/** All roles: a cluster has few, and the model keeps only those its objects name. */
export const rolesQuery: CatalogQuery = {
  file,
  name: 'roles',
  sql: `select rolname::text as name, rolcanlogin as can_login from pg_roles`,
};

export function readRoles(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (ctx.roles.has(r.name)) ctx.model.roles.push({ id: ids.role(r.name), name: r.name, canLogin: r.can_login });
  }
}
