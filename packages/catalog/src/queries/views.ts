/** Views and materialized views; their columns come with the table columns. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { View } from '../model';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { grants, textList, withComment } from '../rows';
import { aclJson, commentOf, roleName, userSchema } from './fragments';

/**
 * The page of views is chosen before anything is deparsed: whatever plan the catalog's statistics
 * lead to (in a database just loaded they can be far off), one statement deparses, and locks what
 * pg_get_viewdef locks for, at most a page of views.
 */
export const viewsQuery: CatalogQuery = {
  file: 'queries/views.ts',
  name: 'views',
  owned: { filter: (oids) => `pc.oid = any(${oids})`, owner: 'q.oid', oids: ['oid', 'rowtype', 'rowtype_array', 'rule_oid'], neutral: ['owner', 'acl', 'comment'] },
  opensTables: true,
  weight: 2,
  pageSize: 500,
  sql: `
select c.oid::text as oid, c.relkind as relkind, c.reltype::text as rowtype, rt.typarray::text as rowtype_array,
       n.nspname as schema, c.relname as name, ${roleName('c.relowner')} as owner,
       ${aclJson('c.relacl', { kind: 'r', owner: 'c.relowner' })} as acl, ${commentOf('pg_class', 'c.oid')} as comment,
       pg_get_viewdef(c.oid) as definition,
       case when c.relkind = 'm' and c.reltoastrelid <> 0 then
         array_cat(c.reloptions, (select array_agg('toast.' || o order by n) from pg_class tc, unnest(tc.reloptions) with ordinality u(o, n)
                                   where tc.oid = c.reltoastrelid))
       else c.reloptions end as options, c.relispopulated as populated,
       (select r.oid::text from pg_rewrite r where r.ev_class = c.oid and r.rulename = '_RETURN') as rule_oid
  from (select pc.oid from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace
         where pc.relkind in ('v', 'm') and ${userSchema('pn')} and pc.oid > $1::oid ${OWNED_ROWS}
         order by pc.oid
         limit $2) page
  join pg_class c on c.oid = page.oid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_type rt on rt.oid = c.reltype
 order by c.oid`,
};

export function readViews(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_class', r.oid)) continue;
    const materialized = r.relkind === 'm';
    const id = materialized ? ids.materializedView(r.schema, r.name) : ids.view(r.schema, r.name);
    ctx.graph.define(id, key('pg_class', r.oid));
    // The view's query is its _RETURN rule: what the rule uses, the view uses.
    if (r.rule_oid) ctx.graph.holdFor(key('pg_rewrite', r.rule_oid), id);
    for (const t of [r.rowtype, r.rowtype_array]) if (t && t !== '0') ctx.graph.alias(key('pg_type', t), id);
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.relations.set(r.oid, { schema: r.schema, name: r.name, kind: r.relkind, id });
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    const view: View = {
      id,
      kind: materialized ? 'materialized view' : 'view',
      schema: r.schema,
      name: r.name,
      owner: r.owner,
      acl,
      definition: String(r.definition).trimEnd().replace(/;$/, ''),
      options: textList(r.options),
      columns: [],
      dependsOn: [],
    };
    if (materialized) view.populated = r.populated;
    ctx.views.set(r.oid, view);
    ctx.model.views.push(withComment(view, r.comment));
  }
}
