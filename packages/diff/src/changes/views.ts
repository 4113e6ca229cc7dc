/**
 * Views and materialized views. A view whose new column list starts with all the old columns
 * (same names and types) is changed with CREATE OR REPLACE VIEW; anything else — and every
 * materialized view change — is a drop and a create, and the closure takes its dependents along.
 */
import { ids, type View } from '@pgshift/catalog';
import type { Closure } from '../closure';
import { relName, type DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { viewRef } from '../objects';
import { bare, closing, qualified, quoteIdent, quoteLiteral, regclass, reparsable } from '../sql';
import type { Check } from '../types';
import { columnCommentStatements } from './comments';
import { createdMetadata, metadataNode, pairs, sameJson } from './common';
import { columnSettingStatements, newColumnExtras, storageStatements } from './columns';
import { columnAclStatements } from './privileges';
import { optionChanges, optionSql } from './tables';

function replaceable(f: View, t: View): boolean {
  if (f.kind !== 'view' || t.kind !== 'view') return false;
  if (t.columns.length < f.columns.length) return false;
  return f.columns.every((c, i) => t.columns[i]!.name === c.name && t.columns[i]!.type === c.type);
}

/** A materialized view's storage options are altered in place (matviewStatements). */
function definitionChanged(f: View, t: View): boolean {
  if (f.kind === 'materialized view') return bare(f.definition) !== bare(t.definition) || f.populated !== t.populated;
  return bare(f.definition) !== bare(t.definition) || !sameJson(f.options, t.options);
}

/**
 * What a materialized view has beyond its query, as a table has: storage options (its TOAST
 * table's too) and its columns' storage, statistics target, options and compression.
 */
function matviewStatements(v: View, f: View | null): string[] {
  if (v.kind !== 'materialized view') return [];
  const name = qualified(v.schema, v.name);
  const out: string[] = [];
  if (f !== null && !sameJson(f.options, v.options)) {
    const { reset, set } = optionChanges(f.options, v.options);
    if (reset.length) out.push(`ALTER MATERIALIZED VIEW ${name} RESET (${reset.join(', ')})`);
    if (set.length) out.push(`ALTER MATERIALIZED VIEW ${name} SET (${set.map(optionSql).join(', ')})`);
  }
  const before = new Map((f?.columns ?? []).map((c) => [c.name, c]));
  for (const c of v.columns) {
    const old = f === null ? null : (before.get(c.name) ?? null);
    out.push(...storageStatements(v, old, c, 'MATERIALIZED VIEW'), ...columnSettingStatements(v, old, c, 'MATERIALIZED VIEW'));
    if (f === null && c.compression !== undefined) out.push(`ALTER MATERIALIZED VIEW ${name} ALTER COLUMN ${quoteIdent(c.name)} SET COMPRESSION ${c.compression}`);
  }
  return out;
}

export function viewSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  for (const f of from.model.views) {
    const t = to.views.get(f.id);
    if (t && definitionChanged(f, t) && !replaceable(f, t)) closure.replaced.set(f.id, null);
  }
}

/**
 * A view that is a bare VALUES list (`CREATE VIEW v (a, b) AS VALUES …`) deparses as a SELECT from
 * `(VALUES …) "*VALUES*"`, which parses back as a subquery holding the VALUES (deparsed
 * `( VALUES …)`), not as the VALUES itself: it is written as it was made, with its column names
 * in a list. Null for any other query.
 */
export function valuesQuery(definition: string): { columns: string[]; values: string } | null {
  const m = /^\s*SELECT ([^]*?)\s+FROM \(VALUES ([^]*)\) "\*VALUES\*"$/.exec(bare(definition));
  if (!m) return null;
  const items = m[1]!.split(/,\s+/);
  const columns: string[] = [];
  for (const [i, item] of items.entries()) {
    const c = /^"\*VALUES\*"\.column(\d+)(?: AS ((?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")))?$/.exec(item);
    if (!c || Number(c[1]) !== i + 1) return null;
    columns.push(c[2] ?? `column${i + 1}`);
  }
  // The list must be the whole of the parenthesis: `(…), (…)` and nothing after it.
  if (!m[2]!.startsWith('(') || closing(`(${m[2]})`, 1, '(', ')') !== m[2]!.length + 1) return null;
  return { columns, values: m[2]! };
}


/** The view's query as SQL, with its column list when it is a bare VALUES. */
function querySql(v: View): { columns: string; query: string } {
  const values = valuesQuery(v.definition);
  if (values) return { columns: ` (${values.columns.join(', ')})`, query: `VALUES ${reparsable(values.values)}` };
  return { columns: '', query: reparsable(bare(v.definition)) };
}

function definitionSql(v: View, orReplace: boolean): string {
  const options = v.options.length ? ` WITH (${v.options.map(optionSql).join(', ')})` : '';
  const { columns, query } = querySql(v);
  if (v.kind === 'materialized view')
    return `CREATE MATERIALIZED VIEW ${qualified(v.schema, v.name)}${columns}${options} AS\n${query}\nWITH ${v.populated === false ? 'NO ' : ''}DATA`;
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${qualified(v.schema, v.name)}${columns}${options} AS\n${query}`;
}

/**
 * The view's query equals the expected one, as the server that runs the check deparses both: the
 * expected query becomes a temporary view (gone with the verify transaction), so a migration
 * generated on one PostgreSQL version verifies on another.
 */
export function viewDefinitionCheck(v: View): Check {
  return {
    description: `${v.kind} ${v.schema}.${v.name} has its definition`,
    setup: ['DROP VIEW IF EXISTS pg_temp.pgshift_expected_view', `CREATE TEMPORARY VIEW pgshift_expected_view${querySql(v).columns} AS\n${querySql(v).query}`],
    condition: `pg_catalog.pg_get_viewdef(${regclass(v.schema, v.name)}) = pg_catalog.pg_get_viewdef('pg_temp.pgshift_expected_view'::pg_catalog.regclass)`,
  };
}

function existsCheck(v: View): Check {
  return {
    description: `${v.kind} ${v.schema}.${v.name} exists`,
    condition: `EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid = ${regclass(v.schema, v.name)} AND relkind = ${v.kind === 'view' ? "'v'" : "'m'"})`,
  };
}

function columnDefaults(v: View, f: View | null): string[] {
  const before = new Map((f?.columns ?? []).map((c) => [c.name, c.default]));
  const out: string[] = [];
  for (const c of v.columns) {
    const old = before.get(c.name) ?? null;
    if (old === c.default) continue;
    out.push(`ALTER VIEW ${qualified(v.schema, v.name)} ALTER COLUMN ${quoteIdent(c.name)} ${c.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${reparsable(c.default)}`}`);
  }
  return out;
}

function createNode(ctx: DiffContext, v: View, cause: string | null, after: Node[]): void {
  const ref = viewRef(v);
  const meta = createdMetadata(ctx, ref, v, `${v.kind} ${v.schema}.${v.name}`);
  const statements = [definitionSql(v, false), ...columnDefaults(v, null), ...matviewStatements(v, null), ...meta.statements];
  // A view created from nothing is checked for existence only: a later change may redefine it, and
  // the verify of this change must keep passing then. A replaced view is checked for its definition.
  const checks = [existsCheck(v), ...(ctx.from.views.has(v.id) ? [viewDefinitionCheck(v)] : []), ...meta.checks];
  for (const c of v.columns) {
    const extras = newColumnExtras(ctx, v.schema, v.name, c);
    statements.push(...extras.statements);
    checks.push(...extras.checks);
  }
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: v.kind,
    objectId: v.id,
    statements,
    checks,
    provides: [v.id, ...v.columns.map((c) => ids.column(v.schema, v.name, c.name))],
    newDeps: ctx.to.deps(v.id),
    names: [relName(v.schema, v.name)],
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, v: View, cause: string | null): Node {
  const children = ctx.from.childrenOf(v.id);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: v.kind,
    objectId: v.id,
    statements: [`DROP ${v.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW'} ${qualified(v.schema, v.name)}`],
    checks: ctx.to.views.has(v.id) ? [] : [{ description: `${v.kind} ${v.schema}.${v.name} is gone`, condition: `NOT EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid = ${regclass(v.schema, v.name)} AND relkind = ${v.kind === 'view' ? "'v'" : "'m'"})` }],
    removes: [v.id, ...children.map((c) => c.id)],
    oldDeps: [...ctx.from.deps(v.id), ...children.flatMap((c) => c.deps)].filter((d) => d !== v.id),
    names: [relName(v.schema, v.name)],
    cause,
  });
}

export function diffViews(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.views, ctx.to.model.views)) {
    if (f && !t) dropNode(ctx, f, null);
    else if (!f && t) createNode(ctx, t, null, []);
    else if (f && t) {
      if (ctx.isReplaced(id)) {
        const cause = ctx.causeOf(id);
        createNode(ctx, t, cause, [dropNode(ctx, f, cause)]);
        continue;
      }
      if (definitionChanged(f, t))
        ctx.node({
          phase: 'alter',
          kind: 'replace',
          objectKind: 'view',
          objectId: id,
          statements: [definitionSql(t, true)],
          checks: [viewDefinitionCheck(t)],
          provides: [id, ...t.columns.map((c) => ids.column(t.schema, t.name, c.name))],
          newDeps: ctx.to.deps(id),
          oldDeps: ctx.from.deps(id),
        });
      // Owner and relation grants first: a relation-level REVOKE takes the column grants of that privilege along.
      metadataNode(ctx, t.kind, id, viewRef(t), f, t, `${t.kind} ${t.schema}.${t.name}`);
      const extra: string[] = [...columnDefaults(t, f), ...matviewStatements(t, f)];
      const checks: Check[] = [];
      const before = new Map(f.columns.map((c) => [c.name, c]));
      for (const c of t.columns) {
        const old = before.get(c.name);
        const comment = columnCommentStatements(t.schema, t.name, c.name, old?.comment, c.comment);
        const acl = columnAclStatements(ctx, t.schema, t.name, c.name, old?.acl ?? null, c.acl);
        extra.push(...comment.statements, ...acl.statements);
        checks.push(...comment.checks, ...acl.checks);
      }
      if (extra.length) ctx.node({ phase: 'alter', kind: 'alter', objectKind: t.kind, objectId: id, statements: extra, checks, newDeps: [id] });
    }
  }
}
