/**
 * Triggers (pg_get_triggerdef is the whole CREATE [CONSTRAINT] TRIGGER statement; a change is a
 * drop and a create, enabled state is ALTER TABLE … ENABLE/DISABLE TRIGGER) and event triggers.
 * Triggers cloned onto partitions come with the partition and are skipped.
 */
import type { EventTrigger, Trigger } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { eventTriggerRef, onTableRef } from '../objects';
import { bare, qualified, quoteIdent, quoteLiteral } from '../sql';
import type { Check } from '../types';
import { commentNode, createdMetadata, metadataNode, pairs } from './common';
import { commentStatements } from './comments';

function own(index: ModelIndex): Trigger[] {
  return index.model.triggers.filter((t) => !index.clonedTriggers.has(t.id));
}

export function triggerSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(own(to).map((t) => [t.id, t]));
  for (const f of own(from)) {
    const t = after.get(f.id);
    if (t && bare(t.definition) !== bare(f.definition)) closure.replaced.set(f.id, null);
  }
  const events = new Map(to.model.eventTriggers.map((e) => [e.id, e]));
  for (const f of from.model.eventTriggers) {
    const t = events.get(f.id);
    if (t && (f.event !== t.event || JSON.stringify(f.tags) !== JSON.stringify(t.tags) || f.function !== t.function)) closure.replaced.set(f.id, null);
  }
}

function relationOf(ctx: DiffContext, id: string): { schema: string; name: string } {
  const rel = ctx.to.tables.get(id) ?? ctx.to.views.get(id) ?? ctx.from.tables.get(id) ?? ctx.from.views.get(id);
  return rel ?? { schema: '', name: id };
}

const ENABLE: Record<Trigger['enabled'], string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

function enabledStatement(ctx: DiffContext, t: Trigger): string {
  const rel = relationOf(ctx, t.table);
  return `ALTER TABLE ${qualified(rel.schema, rel.name)} ${ENABLE[t.enabled]} TRIGGER ${quoteIdent(t.name)}`;
}

function triggerChecks(ctx: DiffContext, t: Trigger): Check[] {
  const rel = relationOf(ctx, t.table);
  const ref = onTableRef('TRIGGER', t.name, rel.schema, rel.name);
  return [
    { description: `trigger ${t.name} on ${rel.schema}.${rel.name}`, condition: `pg_catalog.pg_get_triggerdef(${ref.oid}) = ${quoteLiteral(bare(t.definition))}` },
    { description: `trigger ${t.name} on ${rel.schema}.${rel.name} is ${ENABLE[t.enabled].toLowerCase()}d`, condition: `(SELECT tgenabled FROM pg_catalog.pg_trigger WHERE oid = ${ref.oid}) = ${quoteLiteral(t.enabled)}` },
  ];
}

function createNode(ctx: DiffContext, t: Trigger, cause: string | null, after: Node[]): void {
  const rel = relationOf(ctx, t.table);
  const comment = commentStatements(onTableRef('TRIGGER', t.name, rel.schema, rel.name), undefined, t.comment, `trigger ${t.name}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'trigger',
    objectId: t.id,
    statements: [bare(t.definition), ...(t.enabled === 'O' ? [] : [enabledStatement(ctx, t)]), ...comment.statements],
    checks: [...triggerChecks(ctx, t), ...comment.checks],
    provides: [t.id],
    newDeps: ctx.to.deps(t.id),
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, t: Trigger, cause: string | null): Node | null {
  if (ctx.parentGoes(t.table)) return null;
  const rel = relationOf(ctx, t.table);
  const ref = onTableRef('TRIGGER', t.name, rel.schema, rel.name);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'trigger',
    objectId: t.id,
    statements: [`DROP TRIGGER ${ref.name}`],
    checks: ctx.to.has(t.id) ? [] : [{ description: `trigger ${t.name} on ${rel.schema}.${rel.name} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [t.id],
    oldDeps: ctx.from.deps(t.id),
    cause,
  });
}

export function diffTriggers(ctx: DiffContext): void {
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
      if (f.enabled !== t.enabled)
        ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'trigger', objectId: id, statements: [enabledStatement(ctx, t)], checks: triggerChecks(ctx, t).slice(1), newDeps: [id] });
      const rel = relationOf(ctx, t.table);
      commentNode(ctx, 'trigger', id, onTableRef('TRIGGER', t.name, rel.schema, rel.name), f.comment, t.comment, `trigger ${t.name}`);
    }
  }
}

const EVENT_ENABLE: Record<EventTrigger['enabled'], string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

function eventTriggerSql(ctx: DiffContext, e: EventTrigger): string {
  const fn = ctx.to.model.routines.find((r) => r.id === e.function);
  const target = fn ? `${qualified(fn.schema, fn.name)}()` : e.function;
  const when = e.tags && e.tags.length ? ` WHEN TAG IN (${e.tags.map(quoteLiteral).join(', ')})` : '';
  return `CREATE EVENT TRIGGER ${quoteIdent(e.name)} ON ${quoteIdent(e.event)}${when} EXECUTE FUNCTION ${target}`;
}

export function diffEventTriggers(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.eventTriggers, ctx.to.model.eventTriggers)) {
    const ref = eventTriggerRef((t ?? f)!.name);
    const what = `event trigger ${(t ?? f)!.name}`;
    const enabledCheck = (e: EventTrigger): Check => ({ description: `${what} is ${EVENT_ENABLE[e.enabled].toLowerCase()}d`, condition: `(SELECT evtenabled FROM pg_catalog.pg_event_trigger WHERE oid = ${ref.oid}) = ${quoteLiteral(e.enabled)}` });
    const drop = (e: EventTrigger, cause: string | null) =>
      ctx.node({ phase: 'drop', kind: 'drop', objectKind: 'event trigger', objectId: id, statements: [`DROP EVENT TRIGGER ${ref.name}`], checks: ctx.to.has(id) ? [] : [{ description: `${what} is gone`, condition: `${ref.oid} IS NULL` }], removes: [id], oldDeps: ctx.from.deps(id), cause });
    const create = (e: EventTrigger, cause: string | null, after: Node[]) => {
      const meta = createdMetadata(ctx, ref, e, what);
      ctx.node({
        phase: 'create',
        kind: 'create',
        objectKind: 'event trigger',
        objectId: id,
        statements: [eventTriggerSql(ctx, e), ...(e.enabled === 'O' ? [] : [`ALTER EVENT TRIGGER ${ref.name} ${EVENT_ENABLE[e.enabled]}`]), ...meta.statements],
        checks: [{ description: `${what} exists`, condition: `${ref.oid} IS NOT NULL` }, enabledCheck(e), ...meta.checks],
        provides: [id],
        newDeps: ctx.to.deps(id),
        cause,
        after,
      });
    };
    if (f && !t) drop(f, null);
    else if (!f && t) create(t, null, []);
    else if (f && t) {
      if (ctx.isReplaced(id)) {
        const cause = ctx.causeOf(id);
        create(t, cause, [drop(f, cause)]);
        continue;
      }
      if (f.enabled !== t.enabled) ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'event trigger', objectId: id, statements: [`ALTER EVENT TRIGGER ${ref.name} ${EVENT_ENABLE[t.enabled]}`], checks: [enabledCheck(t)], newDeps: [id] });
      metadataNode(ctx, 'event trigger', id, ref, { ...f, acl: null }, { ...t, acl: null }, what);
    }
  }
}
