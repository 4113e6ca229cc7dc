/** Foreign-data wrappers, foreign servers and user mappings; foreign tables come with the tables. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { CatalogQuery } from '../query';
import { grants, qualifiedPair, textArray, withComment } from '../rows';
import { aclJson, commentOf, procName, roleName } from './fragments';

export const foreignDataWrappersQuery: CatalogQuery = {
  file: 'queries/foreign.ts',
  name: 'foreign data wrappers',
  sql: `
select w.oid::text as oid, w.fdwname as name, ${roleName('w.fdwowner')} as owner,
       ${aclJson('w.fdwacl', { kind: 'F', owner: 'w.fdwowner' })} as acl, ${commentOf('pg_foreign_data_wrapper', 'w.oid')} as comment,
       ${procName('w.fdwhandler')} as handler, ${procName('w.fdwvalidator')} as validator, w.fdwoptions as options
  from pg_foreign_data_wrapper w`,
};

export const foreignServersQuery: CatalogQuery = {
  file: 'queries/foreign.ts',
  name: 'foreign servers',
  sql: `
select s.oid::text as oid, s.srvname as name, w.fdwname as wrapper, ${roleName('s.srvowner')} as owner,
       ${aclJson('s.srvacl', { kind: 'S', owner: 's.srvowner' })} as acl, ${commentOf('pg_foreign_server', 's.oid')} as comment,
       s.srvtype as type, s.srvversion as version, s.srvoptions as options
  from pg_foreign_server s
  join pg_foreign_data_wrapper w on w.oid = s.srvfdw`,
};

/** pg_user_mappings, not pg_user_mapping: the view shows the options to whoever may see them without superuser. */
export const userMappingsQuery: CatalogQuery = {
  file: 'queries/foreign.ts',
  name: 'user mappings',
  sql: `
select m.umid::text as oid, m.srvname as server,
       case when m.umuser = 0 then 'PUBLIC' else ${roleName('m.umuser')} end as "user", m.umoptions as options
  from pg_user_mappings m`,
};

export function readForeignDataWrappers(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (ctx.graph.isExtensionMember(key('pg_foreign_data_wrapper', r.oid))) continue;
    const id = ids.foreignDataWrapper(r.name);
    ctx.graph.define(id, key('pg_foreign_data_wrapper', r.oid));
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    const wrapper = {
      id,
      kind: 'foreign data wrapper' as const,
      name: r.name,
      owner: r.owner,
      acl,
      handler: qualifiedPair(r.handler),
      validator: qualifiedPair(r.validator),
      options: textArray(r.options),
      dependsOn: [],
    };
    ctx.model.foreignDataWrappers.push(withComment(wrapper, r.comment));
  }
}

export function readForeignServers(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (ctx.graph.isExtensionMember(key('pg_foreign_server', r.oid))) continue;
    const id = ids.foreignServer(r.name);
    ctx.graph.define(id, key('pg_foreign_server', r.oid));
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    const server = {
      id,
      kind: 'server' as const,
      name: r.name,
      wrapper: r.wrapper,
      owner: r.owner,
      acl,
      type: r.type ?? null,
      version: r.version ?? null,
      options: textArray(r.options),
      dependsOn: [],
    };
    ctx.model.foreignServers.push(withComment(server, r.comment));
  }
}

export function readUserMappings(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const id = ids.userMapping(r.user, r.server);
    ctx.graph.define(id, key('pg_user_mapping', r.oid));
    ctx.graph.add(id, ids.foreignServer(r.server));
    ctx.useRole(r.user);
    ctx.model.userMappings.push({ id, kind: 'user mapping', server: r.server, user: r.user, options: textArray(r.options), dependsOn: [] });
  }
}
