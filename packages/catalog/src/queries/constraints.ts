/**
 * Table constraints (PK, UNIQUE, CHECK, FK, EXCLUDE) and domain CHECK constraints. NOT NULL
 * constraints (contype 'n', PostgreSQL 18) are column properties in the model; constraint
 * triggers (contype 't') are triggers.
 */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { Constraint } from '../model';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { json, withComment } from '../rows';
import { commentOf, userSchema } from './fragments';

export const constraintsQuery: CatalogQuery = {
  file: 'queries/constraints.ts',
  name: 'constraints',
  owned: {
    // A domain's constraints are read with the domain, which is always read.
    filter: (oids) => `(co.conrelid = any(${oids}) or co.contypid <> 0)`,
    owner: `nullif(q.relid, '0')`,
    oids: ['oid', 'relid', 'typid', 'index_oid'],
    neutral: ['comment'],
    order: ['name'],
  },
  opensTables: true,
  sql: `
select co.oid::text as oid, co.conname as name, co.contype as type, pg_get_constraintdef(co.oid) as definition,
       co.convalidated as validated, co.condeferrable as deferrable, co.condeferred as deferred,
       co.conislocal as is_local, co.conrelid::text as relid, co.contypid::text as typid, n.nspname as schema,
       case when co.contype = 'f' then json_build_array(fn.nspname, fc.relname) end as ref_table,
       case when co.contype in ('p', 'u', 'x') then ic.relname::text end as index_name,
       co.conindid::text as index_oid, ${commentOf('pg_constraint', 'co.oid')} as comment
  from pg_constraint co
  join pg_namespace n on n.oid = co.connamespace
  left join pg_class fc on fc.oid = co.confrelid
  left join pg_namespace fn on fn.oid = fc.relnamespace
  left join pg_class ic on ic.oid = co.conindid
 where co.contype in ('p', 'u', 'c', 'f', 'x') and ${userSchema('n')} ${OWNED_ROWS}`,
};

export function readConstraints(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const domain = ctx.domains.get(r.typid);
    if (domain) {
      ctx.graph.holdFor(key('pg_constraint', r.oid), domain.id);
      ctx.graph.alias(key('pg_constraint', r.oid), domain.id);
      domain.constraints.push(withComment({ name: r.name, definition: r.definition, validated: r.validated }, r.comment));
      continue;
    }
    const table = ctx.tables.get(r.relid);
    if (!table) continue;
    const id = ids.constraint(table.schema, table.name, r.name);
    ctx.graph.define(id, key('pg_constraint', r.oid));
    // Foreign keys record a dependency on the referenced index: it stands for its constraint.
    if (r.index_name) ctx.graph.alias(key('pg_class', r.index_oid), id);
    const refTable = json<[string, string] | null>(r.ref_table);
    const constraint: Constraint = {
      name: r.name,
      type: r.type,
      definition: r.definition,
      validated: r.validated,
      deferrable: r.deferrable,
      deferred: r.deferred,
      inherited: !r.is_local,
      dependsOn: [],
    };
    ctx.nested.push({ object: constraint, id });
    if (refTable) constraint.references = ids.table(refTable[0], refTable[1]);
    else if (r.index_name) constraint.references = r.index_name;
    table.constraints.push(withComment(constraint, r.comment));
  }
}
