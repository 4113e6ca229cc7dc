/**
 * User-defined casts: pg_cast rows made after initdb that no extension owns and that are not part
 * of another object (a range type's cast to its multirange).
 */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Cast } from '../model';
import type { CatalogQuery } from '../query';
import { withComment } from '../rows';
import { commentOf } from './fragments';

export const castsQuery: CatalogQuery = {
  file: 'queries/casts.ts',
  name: 'casts',
  sql: `
select c.oid::text as oid, format_type(c.castsource, null) as source, format_type(c.casttarget, null) as target,
       case when c.castfunc <> 0 then c.castfunc::regprocedure::text end as function,
       c.castmethod as method, c.castcontext as context, ${commentOf('pg_cast', 'c.oid')} as comment
  from pg_cast c
 where c.oid >= 16384
   and not exists (select from pg_depend d where d.classid = 'pg_cast'::regclass and d.objid = c.oid and d.deptype = 'i')`,
};

export function readCasts(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (ctx.graph.isExtensionMember(key('pg_cast', r.oid))) continue;
    const id = ids.cast(r.source, r.target);
    ctx.graph.define(id, key('pg_cast', r.oid));
    const cast: Cast = { id, kind: 'cast', source: r.source, target: r.target, function: r.function ?? null, method: r.method, context: r.context, dependsOn: [] };
    ctx.model.casts.push(withComment(cast, r.comment));
  }
}
