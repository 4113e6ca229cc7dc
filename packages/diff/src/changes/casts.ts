/**
 * User-defined casts. Nothing of a cast can be altered but its comment: any other change is a drop
 * and a create, and a cast goes and comes back with a function or type created anew under it.
 */
import type { Cast } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import type { ObjectRef } from '../objects';
import { quoteLiteral } from '../sql';
import type { Check } from '../types';
import { commentNode, diffObjects } from './common';
import { commentStatements } from './comments';

export function castSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.casts.map((c) => [c.id, c]));
  for (const f of from.model.casts) {
    const t = after.get(f.id);
    if (t && (t.function !== f.function || t.method !== f.method || t.context !== f.context)) closure.replaced.set(f.id, null);
  }
}

export function castRef(c: Pick<Cast, 'source' | 'target'>): ObjectRef {
  return {
    keyword: 'CAST',
    grantKeyword: 'CAST',
    name: `(${c.source} AS ${c.target})`,
    oid: `(SELECT oid FROM pg_catalog.pg_cast WHERE castsource = ${quoteLiteral(c.source)}::pg_catalog.regtype AND casttarget = ${quoteLiteral(c.target)}::pg_catalog.regtype)`,
    catalog: 'pg_cast',
  };
}

function what(c: Cast): string {
  return `cast (${c.source} AS ${c.target})`;
}

function check(c: Cast): Check {
  const ref = castRef(c);
  const fn = c.function === null ? '0' : `${quoteLiteral(c.function)}::pg_catalog.regprocedure`;
  return {
    description: `${what(c)} exists`,
    condition: `(SELECT castmethod::text || castcontext::text || (castfunc = ${fn})::text FROM pg_catalog.pg_cast WHERE oid = ${ref.oid}) = ${quoteLiteral(`${c.method}${c.context}true`)}`,
  };
}

function createSql(c: Cast): string {
  const how = c.method === 'f' ? `WITH FUNCTION ${c.function}` : c.method === 'i' ? 'WITH INOUT' : 'WITHOUT FUNCTION';
  const context = c.context === 'a' ? ' AS ASSIGNMENT' : c.context === 'i' ? ' AS IMPLICIT' : '';
  return `CREATE CAST ${castRef(c).name} ${how}${context}`;
}

function createNode(ctx: DiffContext, c: Cast, cause: string | null, after: Node[]): void {
  const comment = commentStatements(castRef(c), undefined, c.comment, what(c));
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'cast',
    objectId: c.id,
    statements: [createSql(c), ...comment.statements],
    checks: [check(c), ...comment.checks],
    provides: [c.id],
    newDeps: ctx.to.deps(c.id),
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, c: Cast, cause: string | null): Node {
  const ref = castRef(c);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'cast',
    objectId: c.id,
    statements: [`DROP CAST ${ref.name}`],
    checks: ctx.to.has(c.id) ? [] : [{ description: `${what(c)} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [c.id],
    oldDeps: ctx.from.deps(c.id),
    cause,
  });
}

export function diffCasts(ctx: DiffContext): void {
  diffObjects(ctx, ctx.from.model.casts, ctx.to.model.casts, {
    create: createNode,
    drop: dropNode,
    alter: (ctx, f, t, id) => commentNode(ctx, 'cast', id, castRef(t), f.comment, t.comment, what(t)),
  });
}
