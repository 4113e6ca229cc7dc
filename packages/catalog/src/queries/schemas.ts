/** Schemas and collations. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Collation } from '../model';
import type { CatalogQuery } from '../query';
import { grants, withComment } from '../rows';
import { aclJson, commentOf, roleName, userSchema } from './fragments';

const file = 'queries/schemas.ts';

export const schemasQuery: CatalogQuery = {
  file,
  name: 'schemas',
  sql: `
select n.oid::text as oid, n.nspname as name, ${roleName('n.nspowner')} as owner,
       ${aclJson('n.nspacl', { kind: 'n', owner: 'n.nspowner' })} as acl, ${commentOf('pg_namespace', 'n.oid')} as comment
  from pg_namespace n
 where ${userSchema('n')}`,
};

export function readSchemas(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.name, 'pg_namespace', r.oid)) continue;
    const id = ids.schema(r.name);
    ctx.graph.define(id, key('pg_namespace', r.oid));
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    ctx.model.schemas.push(withComment({ id, kind: 'schema' as const, name: r.name, owner: r.owner, acl, dependsOn: [] }, r.comment));
  }
}

/** The ICU/builtin locale column moved: colliculocale in 15–16, colllocale from 17, none in 14. */
export function collationsQuery(version: number): CatalogQuery {
  const locale = version >= 170000 ? 'c.colllocale' : version >= 150000 ? 'c.colliculocale' : 'null::text';
  const rules = version >= 160000 ? 'c.collicurules' : 'null::text';
  return {
    file,
    name: 'collations',
    sql: `
select c.oid::text as oid, n.nspname as schema, c.collname as name, ${roleName('c.collowner')} as owner,
       c.collprovider as provider, c.collisdeterministic as deterministic,
       c.collcollate as lc_collate, c.collctype as lc_ctype, ${locale} as locale, ${rules} as rules,
       ${commentOf('pg_collation', 'c.oid')} as comment
  from pg_collation c
  join pg_namespace n on n.oid = c.collnamespace
 where ${userSchema('n')}`,
  };
}

export function readCollations(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_collation', r.oid)) continue;
    const id = ids.collation(r.schema, r.name);
    ctx.graph.define(id, key('pg_collation', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.useRoles(r.owner, null);
    const libc = r.provider === 'c';
    // Before 15 an ICU collation kept its locale in collcollate.
    const locale = libc || r.provider === 'd' ? null : (r.locale ?? r.lc_collate ?? null);
    const collation: Collation = {
      id,
      kind: 'collation',
      schema: r.schema,
      name: r.name,
      owner: r.owner,
      acl: null,
      provider: r.provider,
      deterministic: r.deterministic,
      lcCollate: libc ? r.lc_collate : null,
      lcCtype: libc ? r.lc_ctype : null,
      locale,
      rules: r.rules ?? null,
      dependsOn: [],
    };
    ctx.model.collations.push(withComment(collation, r.comment));
  }
}
