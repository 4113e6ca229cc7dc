/** User-defined operators (PostgreSQL 14 and later have only infix and prefix ones). */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Operator, QualifiedName } from '../model';
import type { CatalogQuery } from '../query';
import { json, withComment } from '../rows';
import { commentOf, roleName, userSchema } from './fragments';

const operatorName = (oid: string) => `case when ${oid} <> 0 then (select json_build_array(xn.nspname, x.oprname)
    from pg_operator x join pg_namespace xn on xn.oid = x.oprnamespace where x.oid = ${oid}) end`;

export const operatorsQuery: CatalogQuery = {
  file: 'queries/operators.ts',
  name: 'operators',
  sql: `
select o.oid::text as oid, n.nspname as schema, o.oprname as name,
       case when o.oprleft <> 0 then format_type(o.oprleft, null) end as left_type, format_type(o.oprright, null) as right_type,
       o.oprcode::regprocedure::text as function, ${operatorName('o.oprcom')} as commutator, ${operatorName('o.oprnegate')} as negator,
       case when o.oprrest <> 0 then o.oprrest::regproc::text end as restrict, case when o.oprjoin <> 0 then o.oprjoin::regproc::text end as join_estimator,
       o.oprcanhash as hashes, o.oprcanmerge as merges, ${roleName('o.oprowner')} as owner, ${commentOf('pg_operator', 'o.oid')} as comment
  from pg_operator o
  join pg_namespace n on n.oid = o.oprnamespace
 where o.oid >= 16384 and o.oprcode <> 0 and o.oprright <> 0 and ${userSchema('n')}`,
};

const qualifiedName = (pair: [string, string] | null): QualifiedName | null => (pair ? { schema: pair[0], name: pair[1] } : null);

export function readOperators(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_operator', r.oid)) continue;
    const id = ids.operator(r.schema, r.name, r.left_type ?? null, r.right_type);
    ctx.graph.define(id, key('pg_operator', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.useRoles(r.owner, null);
    const operator: Operator = {
      id,
      kind: 'operator',
      schema: r.schema,
      name: r.name,
      left: r.left_type ?? null,
      right: r.right_type,
      function: r.function,
      commutator: qualifiedName(json(r.commutator)),
      negator: qualifiedName(json(r.negator)),
      restrict: r.restrict ?? null,
      join: r.join_estimator ?? null,
      hashes: r.hashes,
      merges: r.merges,
      owner: r.owner,
      acl: null,
      dependsOn: [],
    };
    ctx.model.operators.push(withComment(operator, r.comment));
  }
}
