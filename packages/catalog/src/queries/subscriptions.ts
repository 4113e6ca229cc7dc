/** Subscriptions of the database being read (pg_subscription is shared by the cluster). */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { CatalogQuery } from '../query';
import { textArray, withComment } from '../rows';
import { commentOf, roleName } from './fragments';

/** The WITH settings each server version has, read as text. */
function settings(version: number): [string, string][] {
  return [
    ['binary', 's.subbinary::text'],
    ['streaming', 's.substream::text'],
    ['synchronous_commit', 's.subsynccommit'],
    ...(version >= 150000 ? ([['disable_on_error', 's.subdisableonerr::text'], ['two_phase', "(s.subtwophasestate <> 'd')::text"]] as [string, string][]) : []),
    ...(version >= 160000 ? ([['origin', 's.suborigin'], ['password_required', 's.subpasswordrequired::text'], ['run_as_owner', 's.subrunasowner::text']] as [string, string][]) : []),
    ...(version >= 170000 ? ([['failover', 's.subfailover::text']] as [string, string][]) : []),
  ];
}

export function subscriptionsQuery(version: number): CatalogQuery {
  return {
    file: 'queries/subscriptions.ts',
    name: 'subscriptions',
    sql: `
select s.oid::text as oid, s.subname as name, ${roleName('s.subowner')} as owner, ${commentOf('pg_subscription', 's.oid')} as comment,
       s.subenabled as enabled, s.subslotname::text as slot_name, s.subpublications as publications,
       case when has_column_privilege('pg_catalog.pg_subscription', 'subconninfo', 'SELECT') then s.subconninfo end as connection,
       array[${settings(version).map(([k, v]) => `'${k}=' || ${v}`).join(', ')}] as options
  from pg_subscription s
 where s.subdbid = (select d.oid from pg_database d where d.datname = current_database())`,
  };
}

/** substream is a boolean before PostgreSQL 16 and f / t / p from then on. */
const STREAMING: Record<string, string> = { false: 'off', true: 'on', f: 'off', t: 'on', p: 'parallel' };

export function readSubscriptions(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    const id = ids.subscription(r.name);
    ctx.graph.define(id, key('pg_subscription', r.oid));
    ctx.useRoles(r.owner, null);
    const options = textArray(r.options).map((o) => (o.startsWith('streaming=') ? `streaming=${STREAMING[o.slice(10)] ?? o.slice(10)}` : o));
    const subscription = {
      id,
      kind: 'subscription' as const,
      name: r.name,
      owner: r.owner,
      acl: null,
      connection: r.connection ?? null,
      publications: [...(r.publications ?? [])],
      enabled: r.enabled,
      slotName: r.slot_name ?? null,
      options,
      dependsOn: [],
    };
    ctx.model.subscriptions.push(withComment(subscription, r.comment));
  }
}
