/**
 * Row level security policies. Roles, USING and WITH CHECK change in place with ALTER POLICY;
 * a different command or permissive/restrictive flag, or an expression that disappears, cannot
 * be altered: drop and create.
 */
import type { Policy } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { onTableRef } from '../objects';
import { qualified, quoteIdent, quoteLiteral, reparsable, roleOid, roleSql } from '../sql';
import type { Check } from '../types';
import { commentNode, sameJson } from './common';
import { commentStatements } from './comments';
import { goesWithRelation } from './tables';
import { pairs } from './common';

export function policySeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.policies.map((p) => [p.id, p]));
  for (const f of from.model.policies) {
    const t = after.get(f.id);
    if (!t) continue;
    if (f.command !== t.command || f.permissive !== t.permissive || (f.using !== null && t.using === null) || (f.withCheck !== null && t.withCheck === null))
      closure.replaced.set(f.id, null);
  }
}

const COMMANDS: Record<Policy['command'], string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };

function tableOf(ctx: DiffContext, id: string): { schema: string; name: string } {
  return ctx.to.tables.get(id) ?? ctx.from.tables.get(id) ?? { schema: '', name: id };
}

function roles(p: Policy): string {
  return p.roles.map(roleSql).join(', ');
}

function policyChecks(ctx: DiffContext, p: Policy): Check[] {
  const t = tableOf(ctx, p.table);
  const ref = onTableRef('POLICY', p.name, t.schema, t.name);
  const expr = (col: string, value: string | null) => `pg_catalog.pg_get_expr(${col}, polrelid) IS NOT DISTINCT FROM ${value === null ? 'NULL' : quoteLiteral(value)}`;
  const roleList = p.roles.map((r) => roleOid(r)).join(', ');
  return [
    {
      description: `policy ${p.name} on ${t.schema}.${t.name}`,
      condition: `EXISTS (SELECT FROM pg_catalog.pg_policy WHERE oid = ${ref.oid} AND polcmd = ${quoteLiteral(p.command)} AND polpermissive = ${p.permissive} AND ${expr('polqual', p.using)} AND ${expr('polwithcheck', p.withCheck)} AND polroles::pg_catalog.oid[] @> ARRAY[${roleList}]::pg_catalog.oid[] AND pg_catalog.cardinality(polroles) = ${p.roles.length})`,
    },
  ];
}

function createNode(ctx: DiffContext, p: Policy, cause: string | null, after: Node[]): void {
  const t = tableOf(ctx, p.table);
  let sql = `CREATE POLICY ${quoteIdent(p.name)} ON ${qualified(t.schema, t.name)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${COMMANDS[p.command]} TO ${roles(p)}`;
  if (p.using !== null) sql += ` USING (${reparsable(p.using)})`;
  if (p.withCheck !== null) sql += ` WITH CHECK (${reparsable(p.withCheck)})`;
  const comment = commentStatements(onTableRef('POLICY', p.name, t.schema, t.name), undefined, p.comment, `policy ${p.name}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'policy',
    objectId: p.id,
    statements: [sql, ...comment.statements],
    checks: [...policyChecks(ctx, p), ...comment.checks],
    provides: [p.id],
    newDeps: ctx.to.deps(p.id),
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, p: Policy, cause: string | null): Node | null {
  if (goesWithRelation(ctx, p.table, p.id)) return null;
  const t = tableOf(ctx, p.table);
  const ref = onTableRef('POLICY', p.name, t.schema, t.name);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'policy',
    objectId: p.id,
    statements: [`DROP POLICY ${ref.name}`],
    checks: ctx.to.has(p.id) ? [] : [{ description: `policy ${p.name} on ${t.schema}.${t.name} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [p.id],
    oldDeps: ctx.from.deps(p.id),
    cause,
  });
}

export function diffPolicies(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.policies, ctx.to.model.policies)) {
    if (f && !t) dropNode(ctx, f, null);
    else if (!f && t) createNode(ctx, t, ctx.parentComes(t.table) ? ctx.causeOf(t.table) : null, []);
    else if (f && t) {
      if (ctx.isReplaced(id) || ctx.parentComes(t.table)) {
        const cause = ctx.isReplaced(id) ? ctx.causeOf(id) : ctx.causeOf(t.table);
        const drop = dropNode(ctx, f, cause);
        createNode(ctx, t, cause, drop ? [drop] : []);
        continue;
      }
      const parts: string[] = [];
      if (!sameJson(f.roles, t.roles)) parts.push(`TO ${roles(t)}`);
      if (f.using !== t.using && t.using !== null) parts.push(`USING (${reparsable(t.using)})`);
      if (f.withCheck !== t.withCheck && t.withCheck !== null) parts.push(`WITH CHECK (${reparsable(t.withCheck)})`);
      const rel = tableOf(ctx, t.table);
      if (parts.length)
        ctx.node({
          phase: 'alter',
          kind: 'alter',
          objectKind: 'policy',
          objectId: id,
          statements: [`ALTER POLICY ${quoteIdent(t.name)} ON ${qualified(rel.schema, rel.name)} ${parts.join(' ')}`],
          checks: policyChecks(ctx, t),
          provides: [id],
          newDeps: ctx.to.deps(id),
          oldDeps: ctx.from.deps(id),
        });
      commentNode(ctx, 'policy', id, onTableRef('POLICY', t.name, rel.schema, rel.name), f.comment, t.comment, `policy ${t.name}`);
    }
  }
}
