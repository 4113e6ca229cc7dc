/**
 * Triggers and rules (pg_get_triggerdef / pg_get_ruledef is the whole CREATE statement; a change
 * is a drop and a create, enabled state is ALTER TABLE … ENABLE/DISABLE TRIGGER|RULE) and event triggers.
 * Triggers cloned onto partitions come with the partition and are skipped.
 */
import { ids, type EventTrigger, type Rule, type Trigger } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import { cmp, type ModelIndex } from '../model-index';
import { eventTriggerRef, onTableRef } from '../objects';
import { bare, qualified, quoteIdent, quoteLiteral, reparsable } from '../sql';
import type { Check } from '../types';
import { commentNode, createdMetadata, metadataNode, pairs } from './common';
import { commentStatements } from './comments';
import { goesWithRelation } from './tables';

function own(index: ModelIndex): Trigger[] {
  return index.model.triggers.filter((t) => !index.clonedTriggers.has(t.id));
}

export function triggerSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(own(to).map((t) => [t.id, t]));
  for (const f of own(from)) {
    const t = after.get(f.id);
    if (t && bare(t.definition) !== bare(f.definition)) closure.replaced.set(f.id, null);
  }
  const rules = new Map(to.model.rules.map((r) => [r.id, r]));
  for (const f of from.model.rules) {
    const t = rules.get(f.id);
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

/**
 * Triggers and rules change the same way: each is one object on a table or view whose deparsed
 * definition is its whole CREATE statement, with an enabled state set by ALTER TABLE.
 */
type OnTable = Trigger | Rule;

interface Flavor {
  keyword: 'TRIGGER' | 'RULE';
  objectKind: 'trigger' | 'rule';
  /** The deparser call that reproduces the definition, given the object's oid. */
  deparse: (oid: string) => string;
  enabledColumn: string;
}

const TRIGGER: Flavor = { keyword: 'TRIGGER', objectKind: 'trigger', deparse: (oid) => `pg_catalog.pg_get_triggerdef(${oid})`, enabledColumn: 'tgenabled' };
const RULE: Flavor = { keyword: 'RULE', objectKind: 'rule', deparse: (oid) => `pg_catalog.pg_get_ruledef(${oid})`, enabledColumn: 'ev_enabled' };

function refOf(ctx: DiffContext, flavor: Flavor, t: OnTable) {
  const rel = relationOf(ctx, t.table);
  return { rel, ref: onTableRef(flavor.keyword, t.name, rel.schema, rel.name), what: `${flavor.objectKind} ${t.name} on ${rel.schema}.${rel.name}` };
}

function enabledStatement(ctx: DiffContext, flavor: Flavor, t: OnTable): string {
  const rel = relationOf(ctx, t.table);
  return `ALTER TABLE ${qualified(rel.schema, rel.name)} ${ENABLE[t.enabled]} ${flavor.keyword} ${quoteIdent(t.name)}`;
}

function definitionChecks(ctx: DiffContext, flavor: Flavor, t: OnTable): Check[] {
  const { ref, what } = refOf(ctx, flavor, t);
  return [
    { description: what, condition: `${flavor.deparse(ref.oid)} = ${quoteLiteral(t.definition)}` },
    { description: `${what} is ${ENABLE[t.enabled].toLowerCase()}d`, condition: `(SELECT ${flavor.enabledColumn} FROM pg_catalog.${ref.catalog} WHERE oid = ${ref.oid}) = ${quoteLiteral(t.enabled)}` },
  ];
}

function createNode(ctx: DiffContext, flavor: Flavor, t: OnTable, cause: string | null, after: Node[]): void {
  const { ref } = refOf(ctx, flavor, t);
  const comment = commentStatements(ref, undefined, t.comment, `${flavor.objectKind} ${t.name}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: flavor.objectKind,
    objectId: t.id,
    statements: [reparsable(bare(t.definition)), ...(t.enabled === 'O' ? [] : [enabledStatement(ctx, flavor, t)]), ...comment.statements],
    checks: [...definitionChecks(ctx, flavor, t), ...comment.checks],
    provides: [t.id],
    newDeps: ctx.to.deps(t.id),
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, flavor: Flavor, t: OnTable, cause: string | null): Node | null {
  if (goesWithRelation(ctx, t.table, t.id)) return null;
  const { ref, what } = refOf(ctx, flavor, t);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: flavor.objectKind,
    objectId: t.id,
    statements: [`DROP ${flavor.keyword} ${ref.name}`],
    checks: ctx.to.has(t.id) ? [] : [{ description: `${what} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [t.id],
    oldDeps: ctx.from.deps(t.id),
    cause,
  });
}

function diffOnTable(ctx: DiffContext, flavor: Flavor, before: OnTable[], after: OnTable[]): void {
  for (const [id, f, t] of pairs(before, after)) {
    if (f && !t) dropNode(ctx, flavor, f, null);
    else if (!f && t) createNode(ctx, flavor, t, ctx.parentComes(t.table) ? ctx.causeOf(t.table) : null, []);
    else if (f && t) {
      if (ctx.isReplaced(id) || ctx.parentComes(t.table)) {
        const cause = ctx.isReplaced(id) ? ctx.causeOf(id) : ctx.causeOf(t.table);
        const drop = dropNode(ctx, flavor, f, cause);
        createNode(ctx, flavor, t, cause, drop ? [drop] : []);
        continue;
      }
      // It provides the trigger's state, which its partitions' own states are set after (diffClonedTriggerStates).
      if (f.enabled !== t.enabled)
        ctx.node({ phase: 'alter', kind: 'alter', objectKind: flavor.objectKind, objectId: id, statements: [enabledStatement(ctx, flavor, t)], checks: definitionChecks(ctx, flavor, t).slice(1), provides: [id], newDeps: [id] });
      commentNode(ctx, flavor.objectKind, id, refOf(ctx, flavor, t).ref, f.comment, t.comment, `${flavor.objectKind} ${t.name}`);
    }
  }
}

export function diffTriggers(ctx: DiffContext): void {
  diffOnTable(ctx, TRIGGER, own(ctx.from), own(ctx.to));
  diffClonedTriggerStates(ctx);
}

type State = Trigger['enabled'];

/**
 * The state of a trigger cloned onto a partition, when it is not its parent's. ALTER TABLE …
 * ENABLE/DISABLE TRIGGER recurses to the partitions, and a new partition's clone takes its
 * parent's state: in a tree where anything is set, every clone with a state of its own is set
 * again after, top down, and one that loses its own state takes its parent's.
 */
function diffClonedTriggerStates(ctx: DiffContext): void {
  const states = (index: ModelIndex) => {
    const out = new Map<string, Map<string, State>>();
    for (const t of index.model.tables) if (t.triggerStates) out.set(t.id, new Map(t.triggerStates));
    return out;
  };
  const before = states(ctx.from);
  const after = states(ctx.to);
  if (before.size === 0 && after.size === 0) return;
  const triggers = new Map(own(ctx.to).map((t) => [t.id, t]));
  // The table that holds the trigger a partition's clone comes from, and how far up it is.
  const origin = (table: string, name: string): { trigger: Trigger; depth: number } | undefined => {
    let current = ctx.to.tables.get(table);
    for (let depth = 1; current?.partitionOf && depth < 64; depth++) {
      const parent = ctx.to.tables.get(current.partitionOf.parent);
      if (!parent) return undefined;
      const trigger = triggers.get(ids.trigger(parent.schema, parent.name, name));
      if (trigger) return { trigger, depth };
      current = parent;
    }
    return undefined;
  };
  const effective = (table: string, name: string, root: Trigger): State => {
    for (let current = ctx.to.tables.get(table); current; current = current.partitionOf ? ctx.to.tables.get(current.partitionOf.parent) : undefined) {
      if (current.id === root.table) return root.enabled;
      const own = after.get(current.id)?.get(name);
      if (own !== undefined) return own;
    }
    return root.enabled;
  };
  const trees = new Map<string, { root: Trigger; clones: { table: string; depth: number; changed: boolean }[] }>();
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    if (!ctx.to.tables.has(table)) continue;
    for (const name of new Set([...(before.get(table)?.keys() ?? []), ...(after.get(table)?.keys() ?? [])])) {
      const found = origin(table, name);
      if (!found) continue;
      const { trigger: root, depth } = found;
      const fresh = ctx.parentComes(table) || !ctx.from.has(root.id) || ctx.isReplaced(root.id) || ctx.parentComes(root.table);
      const was = fresh ? undefined : before.get(table)?.get(name);
      const tree = trees.get(root.id) ?? { root, clones: [] };
      trees.set(root.id, tree);
      tree.clones.push({ table, depth, changed: was !== after.get(table)?.get(name) });
    }
  }
  for (const { root, clones } of [...trees.values()].sort((a, b) => cmp(a.root.id, b.root.id))) {
    const old = ctx.from.model.triggers.find((t) => t.id === root.id);
    const rootSet = old === undefined || old.enabled !== root.enabled || ctx.isReplaced(root.id) || ctx.parentComes(root.table);
    if (!rootSet && !clones.some((c) => c.changed)) continue;
    let previous: Node | undefined;
    for (const c of clones.filter((c) => c.changed || after.get(c.table)?.has(root.name)).sort((a, b) => a.depth - b.depth || cmp(a.table, b.table))) {
      const table = ctx.to.tables.get(c.table)!;
      const state = effective(c.table, root.name, root);
      const ref = onTableRef('TRIGGER', root.name, table.schema, table.name);
      previous = ctx.node({
        phase: 'alter',
        kind: 'alter',
        objectKind: 'trigger',
        objectId: root.id,
        statements: [`ALTER TABLE ${qualified(table.schema, table.name)} ${ENABLE[state]} TRIGGER ${quoteIdent(root.name)}`],
        checks: [{ description: `trigger ${root.name} on ${table.schema}.${table.name} is ${ENABLE[state].toLowerCase()}d`, condition: `(SELECT tgenabled FROM pg_catalog.${ref.catalog} WHERE oid = ${ref.oid}) = ${quoteLiteral(state)}` }],
        newDeps: [root.id, table.id],
        after: previous ? [previous] : [],
      });
    }
  }
}

export function diffRules(ctx: DiffContext): void {
  diffOnTable(ctx, RULE, ctx.from.model.rules, ctx.to.model.rules);
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
