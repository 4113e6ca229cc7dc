/** Functions, procedures and aggregates. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids, qualified, quoteIdent, quoteLiteral } from '../ids';
import type { Routine } from '../model';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { grants, json, qualifiedPair, textArray, withComment } from '../rows';
import { aclJson, commentOf, procName, roleName, userSchema } from './fragments';

export const routinesQuery: CatalogQuery = {
  file: 'queries/routines.ts',
  name: 'routines',
  owned: { filter: (oids) => `p.oid = any(${oids})`, owner: 'q.oid', oids: ['oid'], neutral: ['owner', 'acl', 'comment'] },
  weight: 2,
  sql: `
select p.oid::text as oid, n.nspname as schema, p.proname as name, p.prokind as prokind,
       pg_get_function_identity_arguments(p.oid) as identity_arguments, pg_get_function_arguments(p.oid) as arguments,
       case when p.prokind <> 'p' then pg_get_function_result(p.oid) end as result, l.lanname as language,
       case when p.prokind <> 'a' then pg_get_functiondef(p.oid) end as definition,
       p.provolatile as volatility, p.proisstrict as strict, p.prosecdef as security_definer, p.proleakproof as leakproof,
       p.proparallel as parallel, p.procost::float8 as cost, p.prorows::float8 as rows, p.proconfig as config,
       ${roleName('p.proowner')} as owner, ${aclJson('p.proacl', { kind: 'f', owner: 'p.proowner' })} as acl, ${commentOf('pg_proc', 'p.oid')} as comment,
       case when p.prokind = 'a' then json_build_object(
         'kind', ag.aggkind, 'sfunc', ${procName('ag.aggtransfn')}, 'stype', format_type(ag.aggtranstype, null),
         'sspace', ag.aggtransspace, 'finalfunc', ${procName('ag.aggfinalfn')}, 'finalextra', ag.aggfinalextra,
         'finalmodify', ag.aggfinalmodify, 'combinefunc', ${procName('ag.aggcombinefn')},
         'serialfunc', ${procName('ag.aggserialfn')}, 'deserialfunc', ${procName('ag.aggdeserialfn')},
         'initcond', ag.agginitval, 'msfunc', ${procName('ag.aggmtransfn')}, 'minvfunc', ${procName('ag.aggminvtransfn')},
         'mstype', case when ag.aggmtranstype <> 0 then format_type(ag.aggmtranstype, null) end, 'msspace', ag.aggmtransspace,
         'mfinalfunc', ${procName('ag.aggmfinalfn')}, 'mfinalextra', ag.aggmfinalextra, 'mfinalmodify', ag.aggmfinalmodify,
         'minitcond', ag.aggminitval,
         'sortop', case when ag.aggsortop <> 0 then (
           select json_build_array(opn.nspname, o.oprname) from pg_operator o
             join pg_namespace opn on opn.oid = o.oprnamespace where o.oid = ag.aggsortop) end) end as aggregate
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_language l on l.oid = p.prolang
  left join pg_aggregate ag on ag.aggfnoid = p.oid
 where ${userSchema('n')} ${OWNED_ROWS}
   -- a range type's constructor functions are created and dropped with the type
   and not exists (select from pg_depend i where i.classid = 'pg_proc'::regclass and i.objid = p.oid and i.deptype = 'i')`,
};

interface AggregateRow {
  kind: 'n' | 'o' | 'h';
  sfunc: [string, string];
  stype: string;
  sspace: number;
  finalfunc: [string, string] | null;
  finalextra: boolean;
  finalmodify: string;
  combinefunc: [string, string] | null;
  serialfunc: [string, string] | null;
  deserialfunc: [string, string] | null;
  initcond: string | null;
  msfunc: [string, string] | null;
  minvfunc: [string, string] | null;
  mstype: string | null;
  msspace: number;
  mfinalfunc: [string, string] | null;
  mfinalextra: boolean;
  mfinalmodify: string;
  minitcond: string | null;
  sortop: [string, string] | null;
}

const MODIFY: Record<string, string> = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' };
const PARALLEL: Record<string, string> = { s: 'SAFE', r: 'RESTRICTED' };

/** CREATE AGGREGATE from pg_aggregate, naming only what differs from the defaults (as pg_dump does). */
export function aggregateDefinition(schema: string, name: string, args: string, parallel: string, agg: AggregateRow): string {
  const options: string[] = [`SFUNC = ${qualifiedPair(agg.sfunc)}`, `STYPE = ${agg.stype}`];
  const fn = (label: string, pair: [string, string] | null) => {
    if (pair) options.push(`${label} = ${qualifiedPair(pair)}`);
  };
  if (agg.sspace !== 0) options.push(`SSPACE = ${agg.sspace}`);
  fn('FINALFUNC', agg.finalfunc);
  if (agg.finalextra) options.push('FINALFUNC_EXTRA');
  const defaultModify = agg.kind === 'n' ? 'r' : 'w';
  if (agg.finalfunc && agg.finalmodify !== defaultModify) options.push(`FINALFUNC_MODIFY = ${MODIFY[agg.finalmodify]}`);
  fn('COMBINEFUNC', agg.combinefunc);
  fn('SERIALFUNC', agg.serialfunc);
  fn('DESERIALFUNC', agg.deserialfunc);
  if (agg.initcond !== null) options.push(`INITCOND = ${quoteLiteral(agg.initcond)}`);
  fn('MSFUNC', agg.msfunc);
  fn('MINVFUNC', agg.minvfunc);
  if (agg.mstype) options.push(`MSTYPE = ${agg.mstype}`);
  if (agg.msspace !== 0) options.push(`MSSPACE = ${agg.msspace}`);
  fn('MFINALFUNC', agg.mfinalfunc);
  if (agg.mfinalextra) options.push('MFINALFUNC_EXTRA');
  if (agg.mfinalfunc && agg.mfinalmodify !== 'r') options.push(`MFINALFUNC_MODIFY = ${MODIFY[agg.mfinalmodify]}`);
  if (agg.minitcond !== null) options.push(`MINITCOND = ${quoteLiteral(agg.minitcond)}`);
  if (agg.sortop) options.push(`SORTOP = OPERATOR(${quoteIdentOperator(agg.sortop)})`);
  if (PARALLEL[parallel]) options.push(`PARALLEL = ${PARALLEL[parallel]}`);
  if (agg.kind === 'h') options.push('HYPOTHETICAL');
  return `CREATE AGGREGATE ${qualified(schema, name)}(${args === '' ? '*' : args}) (\n    ${options.join(',\n    ')}\n)`;
}

/** OPERATOR(schema.op): the schema is an identifier, the operator name is not quotable. */
function quoteIdentOperator([schema, op]: [string, string]): string {
  return `${quoteIdent(schema)}.${op}`;
}

const KIND: Record<string, Routine['kind']> = { f: 'function', w: 'function', p: 'procedure', a: 'aggregate' };

export function readRoutines(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_proc', r.oid)) continue;
    const kind = KIND[r.prokind]!;
    const id = ids.routine(kind, r.schema, r.name, r.identity_arguments);
    ctx.graph.define(id, key('pg_proc', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    const acl = grants(r.acl);
    ctx.useRoles(r.owner, acl);
    const aggregate = json<AggregateRow | null>(r.aggregate);
    const routine: Routine = {
      id,
      kind,
      schema: r.schema,
      name: r.name,
      owner: r.owner,
      acl,
      identityArguments: r.identity_arguments,
      arguments: r.arguments,
      result: r.result ?? null,
      language: r.language,
      definition: aggregate ? aggregateDefinition(r.schema, r.name, r.arguments, r.parallel, aggregate) : r.definition,
      volatility: r.volatility,
      strict: r.strict,
      securityDefiner: r.security_definer,
      leakproof: r.leakproof,
      parallel: r.parallel,
      cost: Number(r.cost),
      rows: Number(r.rows),
      config: textArray(r.config),
      dependsOn: [],
    };
    ctx.model.routines.push(withComment(routine, r.comment));
  }
}
