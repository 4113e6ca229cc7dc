/** Sequences, with OWNED BY and the identity flag. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { grants, withComment } from '../rows';
import { aclJson, commentOf, roleName, userSchema } from './fragments';

export const sequencesQuery: CatalogQuery = {
  file: 'queries/sequences.ts',
  name: 'sequences',
  owned: { filter: (oids) => `c.oid = any(${oids})`, owner: 'q.oid', oids: ['oid'], neutral: ['owner', 'acl', 'comment'] },
  sql: `
select c.oid::text as oid, n.nspname as schema, c.relname as name, ${roleName('c.relowner')} as owner,
       ${aclJson('c.relacl', { kind: 's', owner: 'c.relowner' })} as acl, ${commentOf('pg_class', 'c.oid')} as comment,
       format_type(s.seqtypid, null) as data_type, s.seqstart::text as start, s.seqincrement::text as increment,
       s.seqmin::text as min, s.seqmax::text as max, s.seqcache::text as cache, s.seqcycle as cycle,
       c.relpersistence as persistence,
       o.deptype as owned_deptype, on_.nspname as owned_schema, oc.relname as owned_table, oa.attname as owned_column
  from pg_sequence s
  join pg_class c on c.oid = s.seqrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_depend o on o.classid = 'pg_class'::regclass and o.objid = c.oid
        and o.refclassid = 'pg_class'::regclass and o.refobjsubid > 0 and o.deptype in ('a', 'i')
  left join pg_class oc on oc.oid = o.refobjid
  left join pg_namespace on_ on on_.oid = oc.relnamespace
  left join pg_attribute oa on oa.attrelid = o.refobjid and oa.attnum = o.refobjsubid
 where ${userSchema('n')} ${OWNED_ROWS}`,
};

export function readSequences(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_class', r.oid)) continue;
    const id = ids.sequence(r.schema, r.name);
    const k = key('pg_class', r.oid);
    ctx.graph.define(id, k);
    ctx.graph.markSequence(k);
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.relations.set(r.oid, { schema: r.schema, name: r.name, kind: 'S', id });
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    ctx.model.sequences.push(
      withComment(
        {
          id,
          kind: 'sequence' as const,
          schema: r.schema,
          name: r.name,
          owner: r.owner,
          acl,
          dataType: r.data_type,
          start: r.start,
          increment: r.increment,
          min: r.min,
          max: r.max,
          cache: r.cache,
          cycle: r.cycle,
          persistence: r.persistence,
          ownedBy: r.owned_column ? ids.column(r.owned_schema, r.owned_table, r.owned_column) : null,
          identity: r.owned_deptype === 'i',
          dependsOn: [],
        },
        r.comment,
      ),
    );
  }
}
