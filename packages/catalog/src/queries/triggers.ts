/** Triggers (user and constraint triggers), rewrite rules and event triggers. */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import { OWNED_ROWS, type CatalogQuery } from '../query';
import { compareText, json, withComment } from '../rows';
import { commentOf, roleName, userSchema } from './fragments';

const file = 'queries/triggers.ts';

/**
 * Internal triggers (FK enforcement) are left out, and so are the clones a partitioned table's
 * trigger makes on its partitions (tgparentid, PostgreSQL 13+): they come with the parent's. Only
 * a clone whose enabled state differs from its parent trigger's is read, as its table's state.
 */
export const triggersQuery: CatalogQuery = {
  file,
  name: 'triggers',
  owned: { filter: (oids) => `t.tgrelid = any(${oids})`, owner: 'q.relid', oids: ['oid', 'relid', 'clone_of'], neutral: ['comment'], order: ['name'] },
  opensTables: true,
  sql: `
select t.oid::text as oid, t.tgrelid::text as relid, n.nspname as schema, t.tgname as name,
       pg_get_triggerdef(t.oid) as definition, t.tgenabled as enabled, t.tgconstraint <> 0 as is_constraint,
       ${commentOf('pg_trigger', 't.oid')} as comment, pt.oid::text as clone_of
  from pg_trigger t
  join pg_class c on c.oid = t.tgrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_trigger pt on pt.oid = t.tgparentid
 where not t.tgisinternal and (t.tgparentid = 0 or t.tgenabled <> pt.tgenabled) and ${userSchema('n')} ${OWNED_ROWS}`,
};

export function readTriggers(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (r.clone_of !== null) {
      const table = ctx.tables.get(r.relid);
      if (table) (table.triggerStates ??= []).push([r.name, r.enabled]);
      table?.triggerStates!.sort((a, b) => compareText(a[0], b[0]));
      continue;
    }
    const table = ctx.relations.get(r.relid);
    if (!table || table.kind === 'S') continue;
    const id = ids.trigger(table.schema, table.name, r.name);
    ctx.graph.define(id, key('pg_trigger', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.graph.add(id, table.id);
    ctx.model.triggers.push(
      withComment(
        { id, kind: 'trigger' as const, schema: r.schema, table: table.id, name: r.name, definition: r.definition, enabled: r.enabled, constraint: r.is_constraint, dependsOn: [] },
        r.comment,
      ),
    );
  }
}

/** Rules written with CREATE RULE; a view's own _RETURN rule is the view itself. */
export const rulesQuery: CatalogQuery = {
  file,
  name: 'rules',
  owned: { filter: (oids) => `r.ev_class = any(${oids})`, owner: 'q.relid', oids: ['oid', 'relid'], neutral: ['comment'], order: ['name'] },
  opensTables: true,
  sql: `
select r.oid::text as oid, r.ev_class::text as relid, n.nspname as schema, r.rulename as name,
       pg_get_ruledef(r.oid) as definition, r.ev_enabled as enabled, ${commentOf('pg_rewrite', 'r.oid')} as comment
  from pg_rewrite r
  join pg_class c on c.oid = r.ev_class
  join pg_namespace n on n.oid = c.relnamespace
 where r.rulename <> '_RETURN' and ${userSchema('n')} ${OWNED_ROWS}`,
};

export function readRules(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const table = ctx.relations.get(r.relid);
    if (!table || table.kind === 'S') continue;
    const id = ids.rule(table.schema, table.name, r.name);
    ctx.graph.define(id, key('pg_rewrite', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.graph.add(id, table.id);
    ctx.model.rules.push(
      withComment({ id, kind: 'rule' as const, schema: r.schema, table: table.id, name: r.name, definition: r.definition, enabled: r.enabled, dependsOn: [] }, r.comment),
    );
  }
}

export const eventTriggersQuery: CatalogQuery = {
  file,
  name: 'event triggers',
  sql: `
select e.oid::text as oid, e.evtname as name, e.evtevent as event, e.evttags as tags, e.evtenabled as enabled,
       ${roleName('e.evtowner')} as owner, pn.nspname as function_schema, p.proname as function_name,
       pg_get_function_identity_arguments(p.oid) as function_arguments, ${commentOf('pg_event_trigger', 'e.oid')} as comment
  from pg_event_trigger e
  join pg_proc p on p.oid = e.evtfoid
  join pg_namespace pn on pn.oid = p.pronamespace`,
};

/** Event triggers are database-wide: kept whatever the schema include-list says. */
export function readEventTriggers(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (ctx.graph.isExtensionMember(key('pg_event_trigger', r.oid))) continue;
    const id = ids.eventTrigger(r.name);
    const fn = ids.routine('function', r.function_schema, r.function_name, r.function_arguments);
    ctx.graph.define(id, key('pg_event_trigger', r.oid));
    ctx.graph.add(id, fn);
    ctx.useRoles(r.owner, null);
    ctx.model.eventTriggers.push(
      withComment(
        {
          id,
          kind: 'event trigger' as const,
          name: r.name,
          event: r.event,
          // In the order written: pg_dump prints them so, and a reordered filter is a new trigger.
          tags: r.tags ? [...json<string[]>(r.tags)] : null,
          function: fn,
          enabled: r.enabled,
          owner: r.owner,
          acl: null,
          dependsOn: [],
        },
        r.comment,
      ),
    );
  }
}
