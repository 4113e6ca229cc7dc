/**
 * pg_depend, normal and automatic dependencies between user objects. Objects below
 * FirstNormalObjectId (16384) were made by initdb and are never in the model; pinned objects
 * (built-in types, pg_catalog) have no rows at all. Rows the readers know better are left out:
 * a relation's, routine's or type's schema (each reader adds it), a column default on its own
 * column and a view's rule on its own view.
 */
import type { ReadContext } from '../context';
import type { DependRow } from '../graph';
import type { CatalogQuery } from '../query';

/** The pg_depend row `d` is one the model's graph takes (see above). */
export const modelDependency = `d.deptype in ('n', 'a')
   and not (d.refclassid = 'pg_namespace'::regclass and d.classid in ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass))
   and not (d.classid = 'pg_attrdef'::regclass and d.deptype = 'a'
            and exists (select from pg_attrdef ad where ad.oid = d.objid and ad.adrelid = d.refobjid and ad.adnum = d.refobjsubid))
   and not (d.classid = 'pg_rewrite'::regclass and d.refobjsubid = 0
            and exists (select from pg_rewrite rw where rw.oid = d.objid and rw.ev_class = d.refobjid))`;

/** The columns of a DependRow. */
export const dependColumns = `d.classid::regclass::text as class, d.objid::text as oid, d.objsubid as subid,
       d.refclassid::regclass::text as ref_class, d.refobjid::text as ref_oid, d.refobjsubid as ref_subid, d.deptype`;

export const dependsQuery: CatalogQuery = {
  file: 'queries/depends.ts',
  name: 'depends',
  weight: 2,
  sql: `
select ${dependColumns}
  from pg_depend d
 where d.objid >= 16384 and d.refobjid >= 16384 and ${modelDependency}`,
};

export function readDepends(ctx: ReadContext, rows: DependRow[]): void {
  ctx.graph.apply(rows);
}
