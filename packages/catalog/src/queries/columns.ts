/** Columns of tables, views and materialized views. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Column, ViewColumn } from '../model';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { grants, json, qualifiedPair, textArray, withComment } from '../rows';
import { aclJson, collationName, commentOf, userSchema } from './fragments';

/**
 * PostgreSQL 18 keeps NOT NULL as named constraints (contype 'n'). An inherited one (a partition's)
 * carries its parent's name and comes with the parent, so only local names are read.
 * Of attoptions only the keys ALTER COLUMN … SET accepts are read: a server build may keep
 * entries of its own there (Debian's keeps one on every column), so the array is unnested only
 * when its text holds one of those keys.
 * A default cannot refer to columns (a generated column's expression can), so it is deparsed
 * without its table: pg_get_expr given a relation opens it, and on a new connection that loads
 * every table into the backend's cache, which costs more than the rest of the query.
 */
export function columnsQuery(version: number): CatalogQuery {
  const notNullName =
    version >= 180000
      ? `(select nn.conname::text from pg_constraint nn
           where nn.conrelid = a.attrelid and nn.contype = 'n' and nn.conkey[1] = a.attnum and nn.coninhcount = 0)`
      : 'null::text';
  return {
    file: 'queries/columns.ts',
    name: 'columns',
  owned: { filter: (oids) => `a.attrelid = any(${oids})`, owner: 'q.relid', oids: ['relid', 'attrdef_oid'], neutral: ['acl', 'comment'], order: ['num'] },
    weight: 3,
    sql: `
select a.attrelid::text as relid, a.attnum as num, a.attname as name,
       format_type(a.atttypid, a.atttypmod) as type,
       case when a.attcollation <> t.typcollation then ${collationName('a.attcollation')} end as collation,
       a.attnotnull as not_null, ${notNullName} as not_null_name, a.attislocal as local,
       a.attidentity as identity, a.attgenerated as generated,
       ad.oid::text as attrdef_oid, pg_get_expr(ad.adbin, case when a.attgenerated <> '' then ad.adrelid else 0 end) as expr,
       case when a.attstorage <> t.typstorage then a.attstorage end as storage,
       case when a.attstattarget >= 0 then a.attstattarget::int end as statistics,
       case when a.attoptions::text like '%n\\_distinct%' then (select array_agg(o order by o) from unnest(a.attoptions) o
         where split_part(o, '=', 1) in ('n_distinct', 'n_distinct_inherited')) end as attribute_options,
       case a.attcompression when 'p' then 'pglz' when 'l' then 'lz4' end as compression, a.attfdwoptions as fdw_options,
       ${aclJson('a.attacl', { kind: 'c', owner: 'c.relowner' })} as acl, ${commentOf('pg_class', 'a.attrelid', 'a.attnum')} as comment,
       case when a.attidentity <> '' then (
         select json_build_object('name', sc.relname, 'dataType', format_type(s.seqtypid, null),
                  'start', s.seqstart::text, 'increment', s.seqincrement::text, 'min', s.seqmin::text,
                  'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle)
           from pg_depend sd join pg_class sc on sc.oid = sd.objid join pg_sequence s on s.seqrelid = sc.oid
          where sd.classid = 'pg_class'::regclass and sd.refclassid = 'pg_class'::regclass
            and sd.refobjid = a.attrelid and sd.refobjsubid = a.attnum and sd.deptype = 'i') end as identity_sequence
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
 where c.relkind in ('r', 'p', 'f', 'v', 'm') and a.attnum > 0 and not a.attisdropped and ${userSchema('n')} ${OWNED_ROWS}`,
  };
}

/**
 * The default name of a NOT NULL constraint, as ChooseConstraintName() makes it:
 * `<table>_<column>_not_null`, the two names shortened in turn to fit 63 bytes.
 */
export function defaultNotNullName(table: string, column: string): string {
  const limit = 63 - 'not_null'.length - 2;
  let a = Buffer.from(table);
  let b = Buffer.from(column);
  let la = a.length;
  let lb = b.length;
  while (la + lb > limit) {
    if (la > lb) la--;
    else lb--;
  }
  return `${clip(a, la)}_${clip(b, lb)}_not_null`;
}

/** Cuts UTF-8 bytes to at most n without splitting a character, as pg_mbcliplen does. */
function clip(bytes: Buffer, n: number): string {
  let end = n;
  while (end > 0 && end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString();
}

/** Storage, statistics target, attribute options and compression: a table's or a materialized view's column. */
function settings<C extends ViewColumn>(column: C, r: any): C {
  if (r.storage) column.storage = r.storage;
  if (r.statistics !== null) column.statistics = r.statistics;
  if (r.attribute_options) column.options = textArray(r.attribute_options);
  if (r.compression) column.compression = r.compression;
  return column;
}

export function readColumns(ctx: ReadContext, rows: any[]): void {
  const positions = new Map<string, number>();
  for (const r of [...rows].sort((x, y) => x.num - y.num)) {
    const position = (positions.get(r.relid) ?? 0) + 1;
    positions.set(r.relid, position);
    const expr: string | null = r.expr ?? null;
    const acl = grants(r.acl);
    const table = ctx.tables.get(r.relid);
    if (table) {
      const id = ids.column(table.schema, table.name, r.name);
      ctx.graph.define(id, key('pg_class', r.relid, r.num));
      if (r.attrdef_oid) ctx.graph.holdFor(key('pg_attrdef', r.attrdef_oid), id);
      ctx.useRoles(null, acl);
      const column: Column = {
        name: r.name,
        position,
        type: r.type,
        collation: qualifiedPair(r.collation),
        notNull: r.not_null,
        default: r.generated === '' ? expr : null,
        identity: r.identity === '' ? null : r.identity,
        generated: r.generated === '' ? null : expr,
        acl,
        dependsOn: [],
      };
      if (r.not_null_name && r.not_null_name !== defaultNotNullName(table.name, r.name)) column.notNullName = r.not_null_name;
      if (r.generated === 'v') column.virtual = true;
      if (r.identity !== '' && r.identity_sequence) column.identitySequence = json(r.identity_sequence);
      settings(column, r);
      if (r.fdw_options) column.fdwOptions = textArray(r.fdw_options);
      // A partition's columns all come from its parent; only INHERITS children can mix both kinds.
      if (!r.local && table.partitionOf === null) column.inheritedOnly = true;
      table.columns.push(withComment(column, r.comment));
      ctx.nested.push({ object: column, id });
      continue;
    }
    const view = ctx.views.get(r.relid);
    if (view) {
      if (r.attrdef_oid) ctx.graph.holdFor(key('pg_attrdef', r.attrdef_oid), view.id);
      ctx.useRoles(null, acl);
      view.columns.push(withComment(settings({ name: r.name, type: r.type, default: expr, acl }, r), r.comment));
    }
  }
}
