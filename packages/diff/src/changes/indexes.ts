/**
 * Indexes that are not created by a constraint nor attached to a partitioned parent's index.
 * pg_get_indexdef is the whole statement; a changed definition is a drop and a create.
 */
import type { Index } from '@pgshift/catalog';
import type { Closure } from '../closure';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { indexRef } from '../objects';
import { bare, quoteLiteral } from '../sql';
import { commentNode, pairs } from './common';
import { commentStatements } from './comments';

function own(index: ModelIndex): Index[] {
  return index.model.indexes.filter((i) => i.constraint === null && i.partitionOf === null);
}

export function indexSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(own(to).map((i) => [i.id, i]));
  for (const i of own(from)) {
    const t = after.get(i.id);
    if (t && (bare(t.definition) !== bare(i.definition) || t.table !== i.table)) closure.replaced.set(i.id, null);
  }
}

function createNode(ctx: DiffContext, i: Index, cause: string | null, after: Node[]): void {
  const ref = indexRef(i.schema, i.name);
  const comment = commentStatements(ref, undefined, i.comment, `index ${i.schema}.${i.name}`);
  const existing = !ctx.parentComes(i.table);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'index',
    objectId: i.id,
    statements: [bare(i.definition), ...comment.statements],
    hazards: existing ? [{ code: 'long-lock', message: `CREATE INDEX ${i.schema}.${i.name} blocks writes to its table while it builds` }] : [],
    checks: [{ description: `index ${i.schema}.${i.name}`, condition: `pg_catalog.pg_get_indexdef(${ref.oid}) = ${quoteLiteral(bare(i.definition))}` }, ...comment.checks],
    provides: [i.id],
    newDeps: ctx.to.deps(i.id),
    names: [relName(i.schema, i.name)],
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, i: Index, cause: string | null): Node | null {
  if (ctx.parentGoes(i.table)) return null;
  const ref = indexRef(i.schema, i.name);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'index',
    objectId: i.id,
    statements: [`DROP INDEX ${ref.name}`],
    checks: ctx.to.has(i.id) ? [] : [{ description: `index ${i.schema}.${i.name} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [i.id],
    oldDeps: ctx.from.deps(i.id),
    names: [relName(i.schema, i.name)],
    cause,
  });
}

export function diffIndexes(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(own(ctx.from), own(ctx.to))) {
    if (f && !t) dropNode(ctx, f, null);
    else if (!f && t) createNode(ctx, t, ctx.parentComes(t.table) ? ctx.causeOf(t.table) : null, []);
    else if (f && t) {
      if (ctx.isReplaced(id) || ctx.parentComes(t.table)) {
        const cause = ctx.isReplaced(id) ? ctx.causeOf(id) : ctx.causeOf(t.table);
        const drop = dropNode(ctx, f, cause);
        createNode(ctx, t, cause, drop ? [drop] : []);
        continue;
      }
      commentNode(ctx, 'index', id, indexRef(t.schema, t.name), f.comment, t.comment, `index ${t.schema}.${t.name}`);
    }
  }
}
