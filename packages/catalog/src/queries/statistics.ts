/** Extended statistics (CREATE STATISTICS) on tables, foreign tables and materialized views. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Statistics } from '../model';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { json, textArray, withComment } from '../rows';
import { commentOf, roleName, userSchema } from './fragments';

/**
 * The statistics target is -1 for the default up to PostgreSQL 16 and NULL from 17 on; both read
 * as null. Expression statistics came with PostgreSQL 14.
 */
export function statisticsQuery(version: number): CatalogQuery {
  return {
    file: 'queries/statistics.ts',
    name: 'statistics',
    owned: { filter: (oids) => `s.stxrelid = any(${oids})`, owner: 'q.relid', oids: ['oid', 'relid'], neutral: ['owner', 'comment'], order: ['schema', 'name'] },
    opensTables: true,
    sql: `
select s.oid::text as oid, n.nspname as schema, s.stxname as name, s.stxrelid::text as relid, s.stxkind::text[] as kinds,
       (select json_agg(a.attname) from unnest(s.stxkeys) k join pg_attribute a on a.attrelid = s.stxrelid and a.attnum = k) as columns,
       ${version >= 140000 ? 'to_json(pg_get_statisticsobjdef_expressions(s.oid))' : 'null::json'} as expressions,
       case when s.stxstattarget >= 0 then s.stxstattarget::int end as target,
       ${roleName('s.stxowner')} as owner, ${commentOf('pg_statistic_ext', 's.oid')} as comment
  from pg_statistic_ext s
  join pg_namespace n on n.oid = s.stxnamespace
 where ${userSchema('n')} ${OWNED_ROWS}`,
  };
}

const KINDS = { d: 'ndistinct', f: 'dependencies', m: 'mcv' } as const;

export function readStatistics(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const relation = ctx.relations.get(r.relid);
    if (!relation || !ctx.keep(r.schema, 'pg_statistic_ext', r.oid)) continue;
    const id = ids.statistics(r.schema, r.name);
    ctx.graph.define(id, key('pg_statistic_ext', r.oid));
    ctx.graph.add(id, relation.id);
    ctx.useRoles(r.owner, null);
    const kinds: string[] = Array.isArray(r.kinds) ? r.kinds : String(r.kinds).replace(/^\{|\}$/g, '').split(',');
    const statistics: Statistics = {
      id,
      kind: 'statistics',
      schema: r.schema,
      name: r.name,
      table: relation.id,
      kinds: (['d', 'f', 'm'] as const).filter((k) => kinds.includes(k)).map((k) => KINDS[k]),
      columns: textArray(r.columns),
      expressions: json<string[] | null>(r.expressions) ?? [],
      owner: r.owner,
      acl: null,
      dependsOn: [],
    };
    if (r.target !== null) statistics.target = r.target;
    ctx.model.statistics.push(withComment(statistics, r.comment));
  }
}
