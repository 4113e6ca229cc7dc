/**
 * User-defined operators. Owner and comment change in place; any other change is a drop and a
 * create (ALTER OPERATOR … SET reaches only some of the options, and only on recent servers), and
 * what uses the operator goes and comes back with it.
 */
import { ids, type Operator, type QualifiedName } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import type { ObjectRef } from '../objects';
import { quoteIdent, quoteLiteral } from '../sql';
import type { Check } from '../types';
import { createdMetadata, diffObjects, metadataNode, sameJson } from './common';

export function operatorSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.operators.map((o) => [o.id, o]));
  for (const f of from.model.operators) {
    const t = after.get(f.id);
    if (t && !sameJson({ ...f, owner: '', comment: undefined, dependsOn: [] }, { ...t, owner: '', comment: undefined, dependsOn: [] })) closure.replaced.set(f.id, null);
  }
}

/** `"s".===(integer,integer)`, as to_regoperator() reads it. */
function signature(o: Operator): string {
  return `${quoteIdent(o.schema)}.${o.name}(${o.left ?? 'NONE'},${o.right})`;
}

export function operatorRef(o: Operator): ObjectRef {
  return {
    keyword: 'OPERATOR',
    grantKeyword: 'OPERATOR',
    name: `${quoteIdent(o.schema)}.${o.name} (${o.left ?? 'NONE'}, ${o.right})`,
    oid: `pg_catalog.to_regoperator(${quoteLiteral(signature(o))})`,
    catalog: 'pg_operator',
  };
}

/** `s.f(integer,integer)` → `s.f`: the name before the first parenthesis outside double quotes. */
function functionName(regprocedure: string): string {
  let quoted = false;
  for (let i = 0; i < regprocedure.length; i++) {
    if (regprocedure[i] === '"') quoted = !quoted;
    else if (regprocedure[i] === '(' && !quoted) return regprocedure.slice(0, i);
  }
  return regprocedure;
}

const operatorSql = (q: QualifiedName) => `OPERATOR(${quoteIdent(q.schema)}.${q.name})`;

function createSql(o: Operator): string {
  const options = [
    `FUNCTION = ${functionName(o.function)}`,
    ...(o.left === null ? [] : [`LEFTARG = ${o.left}`]),
    `RIGHTARG = ${o.right}`,
    ...(o.commutator ? [`COMMUTATOR = ${operatorSql(o.commutator)}`] : []),
    ...(o.negator ? [`NEGATOR = ${operatorSql(o.negator)}`] : []),
    ...(o.restrict ? [`RESTRICT = ${o.restrict}`] : []),
    ...(o.join ? [`JOIN = ${o.join}`] : []),
    ...(o.hashes ? ['HASHES'] : []),
    ...(o.merges ? ['MERGES'] : []),
  ];
  return `CREATE OPERATOR ${quoteIdent(o.schema)}.${o.name} (${options.join(', ')})`;
}

function check(o: Operator): Check {
  return {
    description: `operator ${signature(o)} exists with its function`,
    condition: `(SELECT oprcode::pg_catalog.regprocedure::text FROM pg_catalog.pg_operator WHERE oid = ${operatorRef(o).oid}) = ${quoteLiteral(o.function)}`,
  };
}

function createNode(ctx: DiffContext, o: Operator, cause: string | null, after: Node[]): void {
  const ref = operatorRef(o);
  const meta = createdMetadata(ctx, ref, o, `operator ${signature(o)}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'operator',
    objectId: o.id,
    statements: [createSql(o), ...meta.statements],
    checks: [check(o), ...meta.checks],
    provides: [o.id],
    newDeps: ctx.to.deps(o.id),
    cause,
    after,
  });
}

/**
 * The shell operators that CREATE OPERATOR made for a commutator or negator that was not defined
 * (`NEGATOR = <>`): the model leaves them out, they outlive the operator, and they hold on to its
 * argument types. Dropped with an operator that goes for good, unless an operator of the target
 * is or names them.
 */
function shellsLeft(ctx: DiffContext, o: Operator): string[] {
  if (ctx.to.has(o.id)) return [];
  const shells = [
    ...(o.negator ? [{ ...o.negator, left: o.left, right: o.right }] : []),
    ...(o.commutator && o.left !== null ? [{ ...o.commutator, left: o.right, right: o.left }] : []),
  ];
  const same = (q: QualifiedName, x: { schema: string; name: string }) => q.schema === x.schema && q.name === x.name;
  return shells
    .filter((s) => {
      const id = ids.operator(s.schema, s.name, s.left, s.right);
      if (ctx.from.has(id) || ctx.to.has(id)) return false;
      return !ctx.to.model.operators.some((t) => (t.negator && same(t.negator, s)) || (t.commutator && same(t.commutator, s)));
    })
    .map((s) => `DROP OPERATOR IF EXISTS ${quoteIdent(s.schema)}.${s.name} (${s.left ?? 'NONE'}, ${s.right})`);
}

function dropNode(ctx: DiffContext, o: Operator, cause: string | null): Node {
  const ref = operatorRef(o);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'operator',
    objectId: o.id,
    statements: [`DROP OPERATOR ${ref.name}`, ...shellsLeft(ctx, o)],
    checks: ctx.to.has(o.id) ? [] : [{ description: `operator ${signature(o)} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [o.id],
    oldDeps: ctx.from.deps(o.id),
    cause,
  });
}

export function diffOperators(ctx: DiffContext): void {
  diffObjects(ctx, ctx.from.model.operators, ctx.to.model.operators, {
    create: createNode,
    drop: dropNode,
    alter: (ctx, f, t, id) => metadataNode(ctx, 'operator', id, operatorRef(t), f, t, `operator ${signature(t)}`),
  });
}
