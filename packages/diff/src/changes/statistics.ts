/**
 * Extended statistics. A change of kinds, columns or expressions is a drop and a create. The statistics target, owner and comment change in place.
 * ALTER COLUMN … TYPE rebuilds the statistics on the column by itself, and they go with their table.
 */
import type { Statistics } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { statisticsRef } from '../objects';
import { qualified, quoteIdent, quoteLiteral, reparsable } from '../sql';
import type { Check } from '../types';
import { createdMetadata, metadataNode, pairs, sameJson } from './common';

export function statisticsSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.statistics.map((s) => [s.id, s]));
  for (const f of from.model.statistics) {
    const t = after.get(f.id);
    if (t && (t.table !== f.table || !sameJson(t.kinds, f.kinds) || !sameJson(t.columns, f.columns) || !sameJson(t.expressions, f.expressions)))
      closure.replaced.set(f.id, null);
  }
}

function what(s: Statistics): string {
  return `statistics ${s.schema}.${s.name}`;
}

/** As pg_get_statisticsobjdef prints it: the kinds are left out when all are on, or for a single expression. */
function createSql(ctx: DiffContext, s: Statistics): string {
  const relation = ctx.to.tables.get(s.table) ?? ctx.to.views.get(s.table);
  const on = relation ? qualified(relation.schema, relation.name) : s.table;
  const items = [...s.columns.map(quoteIdent), ...s.expressions.map((e) => `(${reparsable(e)})`)];
  const kinds = s.kinds.length < 3 && items.length > 1 ? ` (${s.kinds.join(', ')})` : '';
  return `CREATE STATISTICS ${statisticsRef(s.schema, s.name).name}${kinds} ON ${items.join(', ')} FROM ${on}`;
}

function definitionCheck(s: Statistics): Check {
  const ref = statisticsRef(s.schema, s.name);
  const letters = s.kinds.map((k) => ({ ndistinct: 'd', dependencies: 'f', mcv: 'm' })[k]).join('');
  return {
    description: `${what(s)} exists with its kinds`,
    condition: `(SELECT pg_catalog.string_agg(k::text, '' ORDER BY k::text) FROM pg_catalog.pg_statistic_ext s, pg_catalog.unnest(s.stxkind) k WHERE s.oid = ${ref.oid} AND k <> 'e') IS NOT DISTINCT FROM ${letters ? quoteLiteral(letters) : 'NULL'} AND ${ref.oid} IS NOT NULL`,
  };
}

function targetSql(s: Statistics): string {
  return `ALTER STATISTICS ${statisticsRef(s.schema, s.name).name} SET STATISTICS ${s.target ?? -1}`;
}

function targetCheck(s: Statistics): Check {
  const ref = statisticsRef(s.schema, s.name);
  const want = s.target === undefined ? 'NULL' : String(s.target);
  return {
    description: `${what(s)} has statistics target ${s.target ?? 'default'}`,
    condition: `(SELECT CASE WHEN stxstattarget >= 0 THEN stxstattarget::int END FROM pg_catalog.pg_statistic_ext WHERE oid = ${ref.oid}) IS NOT DISTINCT FROM ${want}`,
  };
}

function createNode(ctx: DiffContext, s: Statistics, cause: string | null, after: Node[]): void {
  const ref = statisticsRef(s.schema, s.name);
  const meta = createdMetadata(ctx, ref, s, what(s));
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'statistics',
    objectId: s.id,
    statements: [createSql(ctx, s), ...(s.target === undefined ? [] : [targetSql(s)]), ...meta.statements],
    checks: [
      definitionCheck(s),
      ...(s.target === undefined ? [] : [targetCheck(s)]),
      ...meta.checks,
    ],
    provides: [s.id],
    newDeps: ctx.to.deps(s.id),
    cause,
    after,
  });
}

/** Null when the statistics go with their table. */
function dropNode(ctx: DiffContext, s: Statistics, cause: string | null): Node | null {
  if (ctx.parentGoes(s.table)) return null;
  const ref = statisticsRef(s.schema, s.name);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'statistics',
    objectId: s.id,
    statements: [`DROP STATISTICS ${ref.name}`],
    checks: ctx.to.has(s.id) ? [] : [{ description: `${what(s)} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [s.id],
    oldDeps: ctx.from.deps(s.id),
    cause,
  });
}

export function diffStatistics(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.statistics, ctx.to.model.statistics)) {
    if (f && !t) dropNode(ctx, f, null);
    else if (!f && t) createNode(ctx, t, ctx.parentComes(t.table) ? ctx.causeOf(t.table) : null, []);
    else if (f && t) {
      if (ctx.isReplaced(id) || ctx.parentComes(t.table)) {
        const cause = ctx.isReplaced(id) ? ctx.causeOf(id) : ctx.causeOf(t.table);
        const drop = dropNode(ctx, f, cause);
        createNode(ctx, t, cause, drop ? [drop] : []);
        continue;
      }
      if (f.target !== t.target)
        ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'statistics', objectId: id, statements: [targetSql(t)], checks: [targetCheck(t)], newDeps: [id] });
      metadataNode(ctx, 'statistics', id, statisticsRef(t.schema, t.name), f, t, what(t));
    }
  }
}
