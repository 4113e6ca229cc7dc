/**
 * Functions, procedures and aggregates. pg_get_functiondef is a complete CREATE OR REPLACE
 * statement carrying every attribute (SECURITY DEFINER, SET search_path, volatility, BEGIN ATOMIC
 * bodies), so an in-place change simply runs the new text. PostgreSQL refuses CREATE OR REPLACE
 * when the result type or the parameter names/defaults change: then it is a drop and a create.
 */
import type { Routine } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { routineRef } from '../objects';
import { bare, quoteLiteral, reparsable, topLevelItems } from '../sql';
import type { Check } from '../types';
import { createdMetadata, diffObjects, metadataNode } from './common';

export function routineSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.routines.map((r) => [r.id, r]));
  for (const f of from.model.routines) {
    const t = after.get(f.id);
    if (!t) continue;
    const signatureChanged = f.result !== t.result || f.arguments !== t.arguments || f.kind !== t.kind;
    if (signatureChanged || (f.kind === 'aggregate' && bare(f.definition) !== bare(t.definition))) closure.replaced.set(f.id, null);
  }
}

/**
 * The CREATE statement of a routine, written so that it parses back the same: the header
 * (argument defaults) and a body in SQL-standard form (BEGIN ATOMIC, RETURN) are deparsed; a
 * quoted body (`AS $function$…`) is the user's text and stays as it is.
 */
/** Where a quoted body (`AS $function$…`, `AS 'module', 'symbol'`) starts in a definition, or -1 for a SQL-standard one. */
function quotedBodyAt(sql: string): number {
  return sql.search(/\nAS /);
}

function routineSql(r: Routine): string {
  const sql = bare(r.definition);
  const body = quotedBodyAt(sql);
  return body < 0 ? reparsable(sql, parameterNames(r)) : reparsable(sql.slice(0, body)) + sql.slice(body);
}

/**
 * The names of a routine's parameters as pg_get_function_arguments prints them: an argument of
 * two words or more after its mode, without its default, starts with its name (a type of two
 * words, `double precision`, reads as a name too, which costs nothing here).
 */
function parameterNames(r: Routine): string[] {
  const names: string[] = [];
  for (const arg of topLevelItems(r.arguments)) {
    const words = arg.replace(/ DEFAULT .*$/s, '').trim().replace(/^(?:IN|OUT|INOUT|VARIADIC) /, '').match(/"(?:[^"]|"")+"|\S+/g) ?? [];
    if (words.length >= 2) names.push(words[0]!);
  }
  return names;
}

function routineChecks(r: Routine): Check[] {
  const ref = routineRef(r);
  const checks: Check[] = [{ description: `${r.kind} ${r.schema}.${r.name}(${r.identityArguments}) exists`, condition: `${ref.oid} IS NOT NULL` }];
  if (r.kind !== 'aggregate')
    checks.push({
      description: `${r.kind} ${r.schema}.${r.name}(${r.identityArguments}) has its definition`,
      condition: `pg_catalog.btrim(pg_catalog.pg_get_functiondef(${ref.oid}), E' \\n\\t;') = ${quoteLiteral(bare(r.definition))}`,
    });
  return checks;
}

const sqlBodies = new WeakMap<ModelIndex, Set<string>>();

/**
 * Ids of the routines whose body is in SQL-standard form (BEGIN ATOMIC, RETURN): PostgreSQL keeps
 * it parsed, with its dependencies, and refuses to change a row type or composite it uses.
 */
export function sqlBodyRoutines(index: ModelIndex): Set<string> {
  let found = sqlBodies.get(index);
  if (!found) sqlBodies.set(index, (found = new Set(index.model.routines.filter((r) => r.kind !== 'aggregate' && quotedBodyAt(bare(r.definition)) < 0).map((r) => r.id))));
  return found;
}

/**
 * A column whose change (a new type, a new column with a default) forced this routine out, as
 * PostgreSQL refuses that change while a routine's parsed body uses the table's row type: it
 * goes before the change and comes back after it.
 */
function causeColumn(ctx: DiffContext, cause: string | null): string[] {
  return cause !== null && (ctx.from.get(cause) ?? ctx.to.get(cause))?.kind === 'column' ? [cause] : [];
}

function createNode(ctx: DiffContext, r: Routine, cause: string | null, after: Node[]): void {
  const ref = routineRef(r);
  const meta = createdMetadata(ctx, ref, r, `${r.kind} ${r.schema}.${r.name}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: r.kind,
    objectId: r.id,
    statements: [routineSql(r), ...meta.statements],
    // Created from nothing: existence only, so that a later redefinition keeps this verify passing.
    checks: [...routineChecks(r).slice(0, ctx.from.has(r.id) ? undefined : 1), ...meta.checks],
    provides: [r.id],
    newDeps: [...ctx.to.deps(r.id), ...causeColumn(ctx, cause)],
    names: [`routine:${r.schema}.${r.name}(${r.identityArguments})`],
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, r: Routine, cause: string | null): Node {
  const ref = routineRef(r);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: r.kind,
    objectId: r.id,
    statements: [`DROP ${ref.keyword} ${ref.name}`],
    checks: ctx.to.has(r.id) ? [] : [{ description: `${r.kind} ${r.schema}.${r.name}(${r.identityArguments}) is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [r.id],
    oldDeps: [...ctx.from.deps(r.id), ...causeColumn(ctx, cause)],
    names: [`routine:${r.schema}.${r.name}(${r.identityArguments})`],
    cause,
  });
}

export function diffRoutines(ctx: DiffContext): void {
  diffObjects(ctx, ctx.from.model.routines, ctx.to.model.routines, {
    create: createNode,
    drop: dropNode,
    alter: (ctx, f, t, id) => {
      if (bare(f.definition) !== bare(t.definition))
        ctx.node({
          phase: 'alter',
          kind: 'replace',
          objectKind: t.kind,
          objectId: id,
          statements: [routineSql(t)],
          checks: routineChecks(t).slice(1),
          provides: [id],
          newDeps: ctx.to.deps(id),
          oldDeps: ctx.from.deps(id),
        });
      metadataNode(ctx, t.kind, id, routineRef(t), f, t, `${t.kind} ${t.schema}.${t.name}`);
    },
  });
}
