/**
 * pg_depend, normal and automatic dependencies between user objects. Objects below
 * FirstNormalObjectId (16384) were made by initdb and are never in the model; pinned objects
 * (built-in types, pg_catalog) have no rows at all.
 */
import type { ReadContext } from '../context';
import type { DependRow } from '../graph';
import type { CatalogQuery } from '../query';

export const dependsQuery: CatalogQuery = {
  file: 'queries/depends.ts',
  name: 'depends',
  weight: 2,
  sql: `
select d.classid::regclass::text as class, d.objid::text as oid, d.objsubid as subid,
       d.refclassid::regclass::text as ref_class, d.refobjid::text as ref_oid, d.refobjsubid as ref_subid, d.deptype
  from pg_depend d
 where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384`,
};

export function readDepends(ctx: ReadContext, rows: DependRow[]): void {
  ctx.graph.apply(rows);
}
