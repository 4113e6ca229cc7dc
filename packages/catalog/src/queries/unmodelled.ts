/**
 * Objects of kinds the model does not hold (operator classes and families, conversions,
 * procedural languages, access methods, transforms, text search parsers and templates), made
 * after initdb and not by an extension: named, so that a migration that cannot carry them says so.
 */
import type { ReadContext } from '../context';
import type { CatalogQuery } from '../query';
import { compareText } from '../rows';

const notExtension = (catalog: string, oid: string) =>
  `not exists (select from pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;

export const unmodelledQuery: CatalogQuery = {
  file: 'queries/unmodelled.ts',
  name: 'unmodelled objects',
  sql: `
select 'operator class ' || quote_ident(n.nspname) || '.' || quote_ident(c.opcname) || ' using ' || am.amname as name
  from pg_opclass c join pg_namespace n on n.oid = c.opcnamespace join pg_am am on am.oid = c.opcmethod
 where c.oid >= 16384 and ${notExtension('pg_opclass', 'c.oid')}
union all
select 'operator family ' || quote_ident(n.nspname) || '.' || quote_ident(f.opfname) || ' using ' || am.amname
  from pg_opfamily f join pg_namespace n on n.oid = f.opfnamespace join pg_am am on am.oid = f.opfmethod
 where f.oid >= 16384 and ${notExtension('pg_opfamily', 'f.oid')}
union all
select 'conversion ' || quote_ident(n.nspname) || '.' || quote_ident(c.conname)
  from pg_conversion c join pg_namespace n on n.oid = c.connamespace where c.oid >= 16384 and ${notExtension('pg_conversion', 'c.oid')}
union all
select 'language ' || quote_ident(l.lanname) from pg_language l where l.oid >= 16384 and ${notExtension('pg_language', 'l.oid')}
union all
select 'access method ' || quote_ident(a.amname) from pg_am a where a.oid >= 16384 and ${notExtension('pg_am', 'a.oid')}
union all
select 'transform for ' || format_type(t.trftype, null) || ' language ' || quote_ident(l.lanname)
  from pg_transform t join pg_language l on l.oid = t.trflang where t.oid >= 16384 and ${notExtension('pg_transform', 't.oid')}
union all
select 'text search parser ' || quote_ident(n.nspname) || '.' || quote_ident(p.prsname)
  from pg_ts_parser p join pg_namespace n on n.oid = p.prsnamespace where p.oid >= 16384 and ${notExtension('pg_ts_parser', 'p.oid')}
union all
select 'text search template ' || quote_ident(n.nspname) || '.' || quote_ident(t.tmplname)
  from pg_ts_template t join pg_namespace n on n.oid = t.tmplnamespace where t.oid >= 16384 and ${notExtension('pg_ts_template', 't.oid')}`,
};

export function readUnmodelled(ctx: ReadContext, rows: any[]): void {
  ctx.model.unmodelled = rows.map((r) => String(r.name)).sort(compareText);
}
