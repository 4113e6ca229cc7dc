/**
 * Subscriptions. They are created without connecting (`connect = false`, as pg_dump does): a
 * migration must not depend on the publisher being reachable, and a throwaway database never
 * reaches it. Connection, publications and settings change in place (publications with
 * `refresh = false`); two_phase cannot be altered, so a change of it creates the subscription
 * anew. A slot name changes only while the subscription is disabled, and a subscription with a
 * slot is dropped after letting go of it, so that DROP does not try to reach the publisher.
 */
import type { Subscription } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { subscriptionRef } from '../objects';
import { quoteIdent, quoteLiteral } from '../sql';
import type { Check } from '../types';
import { createdMetadata, diffObjects, metadataNode, sameJson, splitOption } from './common';

const valueSql = (key: string, value: string) => (key === 'synchronous_commit' || key === 'origin' || key === 'streaming' ? quoteLiteral(value) : value);
const slotSql = (slot: string | null) => (slot === null ? 'NONE' : quoteLiteral(slot));

export function subscriptionSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.subscriptions.map((s) => [s.id, s]));
  const twoPhase = (s: Subscription) => s.options.find((o) => o.startsWith('two_phase='));
  for (const f of from.model.subscriptions) {
    const t = after.get(f.id);
    if (t && twoPhase(f) !== twoPhase(t)) closure.replaced.set(f.id, null);
  }
}

function checks(s: Subscription): Check[] {
  const ref = subscriptionRef(s.name);
  return [
    { description: `subscription ${s.name} exists`, condition: `${ref.oid} IS NOT NULL` },
    {
      description: `subscription ${s.name} is ${s.enabled ? 'enabled' : 'disabled'} with its publications and slot`,
      condition: `(SELECT subenabled = ${s.enabled} AND subpublications = ARRAY[${s.publications.map(quoteLiteral).join(', ')}]::text[] AND subslotname IS NOT DISTINCT FROM ${s.slotName === null ? 'NULL' : quoteLiteral(s.slotName)} FROM pg_catalog.pg_subscription WHERE oid = ${ref.oid})`,
    },
  ];
}

function createNode(ctx: DiffContext, s: Subscription, cause: string | null, after: Node[]): void {
  const ref = subscriptionRef(s.name);
  const settings = ['connect = false', `slot_name = ${slotSql(s.slotName)}`, ...s.options.map(splitOption).map(([k, v]) => `${k} = ${valueSql(k, v)}`)];
  const statements = [`CREATE SUBSCRIPTION ${ref.name} CONNECTION ${quoteLiteral(s.connection ?? '')} PUBLICATION ${s.publications.map(quoteIdent).join(', ')} WITH (${settings.join(', ')})`];
  if (s.enabled) statements.push(`ALTER SUBSCRIPTION ${ref.name} ENABLE`);
  const meta = createdMetadata(ctx, ref, s, `subscription ${s.name}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'subscription',
    objectId: s.id,
    statements: [...statements, ...meta.statements],
    checks: [...checks(s), ...meta.checks],
    provides: [s.id],
    newDeps: ctx.to.deps(s.id),
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, s: Subscription, cause: string | null): Node {
  const ref = subscriptionRef(s.name);
  const statements: string[] = [];
  if (s.enabled) statements.push(`ALTER SUBSCRIPTION ${ref.name} DISABLE`);
  if (s.slotName !== null) statements.push(`ALTER SUBSCRIPTION ${ref.name} SET (slot_name = NONE)`);
  statements.push(`DROP SUBSCRIPTION ${ref.name}`);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'subscription',
    objectId: s.id,
    statements,
    checks: ctx.to.has(s.id) ? [] : [{ description: `subscription ${s.name} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [s.id],
    oldDeps: ctx.from.deps(s.id),
    cause,
  });
}

function alterStatements(f: Subscription, t: Subscription): string[] {
  const name = subscriptionRef(t.name).name;
  const out: string[] = [];
  const slotChanges = f.slotName !== t.slotName;
  const pause = f.enabled && (!t.enabled || slotChanges);
  if (pause) out.push(`ALTER SUBSCRIPTION ${name} DISABLE`);
  if (f.connection !== null && t.connection !== null && f.connection !== t.connection) out.push(`ALTER SUBSCRIPTION ${name} CONNECTION ${quoteLiteral(t.connection)}`);
  if (!sameJson(f.publications, t.publications)) out.push(`ALTER SUBSCRIPTION ${name} SET PUBLICATION ${t.publications.map(quoteIdent).join(', ')} WITH (refresh = false)`);
  const before = new Map(f.options.map(splitOption));
  const settings = t.options.map(splitOption).filter(([k, v]) => k !== 'two_phase' && before.get(k) !== v).map(([k, v]) => `${k} = ${valueSql(k, v)}`);
  if (slotChanges) settings.unshift(`slot_name = ${slotSql(t.slotName)}`);
  if (settings.length) out.push(`ALTER SUBSCRIPTION ${name} SET (${settings.join(', ')})`);
  if (t.enabled && (!f.enabled || pause)) out.push(`ALTER SUBSCRIPTION ${name} ENABLE`);
  return out;
}

export function diffSubscriptions(ctx: DiffContext): void {
  diffObjects(ctx, ctx.from.model.subscriptions, ctx.to.model.subscriptions, {
    create: createNode,
    drop: dropNode,
    alter: (ctx, f, t, id) => {
      const statements = alterStatements(f, t);
      if (statements.length)
        ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'subscription', objectId: id, statements, checks: checks(t), provides: [id], newDeps: ctx.to.deps(id), oldDeps: ctx.from.deps(id) });
      metadataNode(ctx, 'subscription', id, subscriptionRef(t.name), f, t, `subscription ${t.name}`);
    },
  });
}
