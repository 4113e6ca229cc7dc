/** Row-level security policies. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { sortedStrings, withComment } from '../rows';
import { commentOf, roleName, userSchema } from './fragments';

export const policiesQuery: CatalogQuery = {
  file: 'queries/policies.ts',
  name: 'policies',
  owned: { filter: (oids) => `p.polrelid = any(${oids})`, owner: 'q.relid', oids: ['oid', 'relid'], neutral: ['comment'], order: ['name'] },
  opensTables: true,
  sql: `
select p.oid::text as oid, p.polrelid::text as relid, n.nspname as schema, p.polname as name,
       p.polpermissive as permissive, p.polcmd as command,
       array(select case when r = 0 then 'PUBLIC' else ${roleName('r')} end from unnest(p.polroles) r) as roles,
       pg_get_expr(p.polqual, p.polrelid) as using_expr, pg_get_expr(p.polwithcheck, p.polrelid) as with_check,
       ${commentOf('pg_policy', 'p.oid')} as comment
  from pg_policy p
  join pg_class c on c.oid = p.polrelid
  join pg_namespace n on n.oid = c.relnamespace
 where ${userSchema('n')} ${OWNED_ROWS}`,
};

export function readPolicies(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const table = ctx.relations.get(r.relid);
    if (!table) continue;
    const id = ids.policy(table.schema, table.name, r.name);
    ctx.graph.define(id, key('pg_policy', r.oid));
    ctx.graph.add(id, ids.schema(table.schema));
    ctx.graph.add(id, table.id);
    const roles = sortedStrings(r.roles);
    for (const role of roles) ctx.useRole(role);
    ctx.model.policies.push(
      withComment(
        {
          id,
          kind: 'policy' as const,
          schema: table.schema,
          table: table.id,
          name: r.name,
          permissive: r.permissive,
          command: r.command,
          roles,
          using: r.using_expr ?? null,
          withCheck: r.with_check ?? null,
          dependsOn: [],
        },
        r.comment,
      ),
    );
  }
}
