/**
 * GRANT / REVOKE deltas computed grant by grant, ALTER … OWNER TO, and the built-in default
 * ACLs that a NULL acl stands for.
 */
import { ids, type DefaultPrivilege, type Grant } from '@pgshift/catalog';
import type { ModelIndex } from '../model-index';
import type { DiffContext } from '../context';
import type { AclSource, ObjectRef } from '../objects';
import { aclRows, privilegeRank, quoteIdent, quoteLiteral, roleLabel, roleOid, roleSql, regclass } from '../sql';
import type { Check } from '../types';

/** Privileges of each acldefault() kind; the owner holds all of them by default. */
export const KIND_PRIVILEGES: Record<AclSource['defaultKind'], string[]> = {
  r: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'],
  s: ['SELECT', 'UPDATE', 'USAGE'],
  f: ['EXECUTE'],
  T: ['USAGE'],
  n: ['USAGE', 'CREATE'],
  F: ['USAGE'],
  S: ['USAGE'],
  l: ['USAGE'],
};

/** What PUBLIC holds by default: EXECUTE on routines and USAGE on types and languages, nothing elsewhere. */
const PUBLIC_DEFAULT: Record<AclSource['defaultKind'], string[]> = { r: [], s: [], f: ['EXECUTE'], T: ['USAGE'], n: [], F: [], S: [], l: ['USAGE'] };

export function builtinAcl(kind: AclSource['defaultKind'], owner: string): Grant[] {
  return [
    ...KIND_PRIVILEGES[kind].map((privilege) => ({ grantee: owner, privilege, grantable: false })),
    ...PUBLIC_DEFAULT[kind].map((privilege) => ({ grantee: 'PUBLIC', privilege, grantable: false })),
  ];
}

export interface AclDelta {
  grants: Grant[];
  revokes: Grant[];
  /** Held both before and after, but the grant option is gone. */
  revokeGrantOption: Grant[];
  /**
   * Held before (and after: `grants` has them again), revoked so that the grantee takes its place
   * in the ACL: a new grantee is appended to it, and pg_dump prints the grants in ACL order.
   */
  regrants: Grant[];
}

/** The same grants in the same order: nothing to do. */
function sameGrants(a: Grant[], b: Grant[]): boolean {
  return a.length === b.length && a.every((g, i) => g.grantee === b[i]!.grantee && g.privilege === b[i]!.privilege && g.grantable === b[i]!.grantable);
}

function keyOf(g: Pick<Grant, 'grantee' | 'privilege'>): string {
  return `${g.grantee}\u0000${g.privilege}`;
}

export function aclDelta(ctx: DiffContext, from: Grant[], to: Grant[]): AclDelta {
  const known = (g: Grant) => ctx.privilegeKnown(g.privilege);
  const before = new Map(from.filter(known).map((g) => [keyOf(g), g]));
  const after = new Map(to.filter(known).map((g) => [keyOf(g), g]));
  const delta: AclDelta = { grants: [], revokes: [], revokeGrantOption: [], regrants: [] };
  for (const [k, g] of after) {
    const old = before.get(k);
    if (!old || (g.grantable && !old.grantable)) delta.grants.push(g);
    else if (!g.grantable && old.grantable) delta.revokeGrantOption.push(g);
  }
  for (const [k, g] of before) if (!after.has(k)) delta.revokes.push(g);
  const moved = movedGrantees([...before.values()], [...after.values()], delta);
  if (moved.size > 0) {
    const granted = new Set(delta.grants.map(keyOf));
    delta.regrants = [...before.values()].filter((g) => moved.has(g.grantee) && after.has(keyOf(g)));
    delta.grants = [...after.values()].filter((g) => granted.has(keyOf(g)) || moved.has(g.grantee));
  }
  return delta;
}

const granteesOf = (list: Grant[]) => [...new Set(list.map((g) => g.grantee))];

/**
 * REVOKE drops a grantee's entry once it holds nothing, GRANT appends a new grantee at the end:
 * where that leaves the grantees out of the target's order, the kept grantees from the first
 * misplaced one on are revoked and granted again, in order. Not for grant options, which others'
 * grants may hang on.
 */
function movedGrantees(before: Grant[], after: Grant[], delta: AclDelta): Set<string> {
  const revoked = new Set(delta.revokes.map(keyOf));
  const kept = granteesOf(before.filter((g) => !revoked.has(keyOf(g))));
  const target = granteesOf(after);
  const result = [...kept, ...granteesOf(sortGrants(delta.grants)).filter((g) => !kept.includes(g))];
  const first = target.findIndex((g, i) => result[i] !== g);
  if (first < 0) return new Set();
  const moved = new Set(target.slice(first).filter((g) => kept.includes(g)));
  if ([...before, ...after].some((g) => moved.has(g.grantee) && g.grantable)) return new Set();
  return moved;
}

/** Grantees in the order the list names them first (the target ACL's order), privileges by rank. */
function sortGrants(list: Grant[]): Grant[] {
  const position = new Map<string, number>();
  for (const g of list) if (!position.has(g.grantee)) position.set(g.grantee, position.size);
  return [...list].sort((a, b) => position.get(a.grantee)! - position.get(b.grantee)! || privilegeRank(a.privilege) - privilegeRank(b.privilege));
}

/** Groups per grantee (and grant option) so one statement carries all privileges of one role. */
function grouped(list: Grant[]): { grantee: string; grantable: boolean; privileges: string[] }[] {
  const out: { grantee: string; grantable: boolean; privileges: string[] }[] = [];
  for (const g of sortGrants(list)) {
    const last = out[out.length - 1];
    if (last && last.grantee === g.grantee && last.grantable === g.grantable) last.privileges.push(g.privilege);
    else out.push({ grantee: g.grantee, grantable: g.grantable, privileges: [g.privilege] });
  }
  return out;
}

/**
 * The GRANT/REVOKE statements turning `from` into `to`. `on` is the text after ON
 * (`TABLE "s"."t"`); `columns` makes them column grants.
 */
export function aclStatements(delta: AclDelta, on: string, column?: string): string[] {
  const privs = (p: string[]) => p.map((x) => (column === undefined ? x : `${x} (${quoteIdent(column)})`)).join(', ');
  const out: string[] = [];
  for (const g of grouped(delta.revokes)) out.push(`REVOKE ${privs(g.privileges)} ON ${on} FROM ${roleSql(g.grantee)}`);
  for (const g of grouped(delta.regrants)) out.push(`REVOKE ${privs(g.privileges)} ON ${on} FROM ${roleSql(g.grantee)}`);
  for (const g of grouped(delta.revokeGrantOption.map((x) => ({ ...x, grantable: false }))))
    out.push(`REVOKE GRANT OPTION FOR ${privs(g.privileges)} ON ${on} FROM ${roleSql(g.grantee)}`);
  for (const g of grouped(delta.grants))
    out.push(`GRANT ${privs(g.privileges)} ON ${on} TO ${roleSql(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`);
  return out;
}

/** Checks that every granted privilege is held and every revoked one is not. */
export function aclChecks(delta: AclDelta, entries: (g: Grant) => string, what: string): Check[] {
  const checks: Check[] = [];
  for (const g of sortGrants(delta.grants))
    checks.push({
      description: `${what}: ${g.privilege} granted to ${roleLabel(g.grantee)}${g.grantable ? ' with grant option' : ''}`,
      condition: `EXISTS (${entries(g)}${g.grantable ? ' AND a.is_grantable' : ''})`,
    });
  for (const g of sortGrants(delta.revokeGrantOption))
    checks.push({ description: `${what}: grant option of ${g.privilege} revoked from ${roleLabel(g.grantee)}`, condition: `NOT EXISTS (${entries(g)} AND a.is_grantable)` });
  for (const g of sortGrants(delta.revokes))
    checks.push({ description: `${what}: ${g.privilege} revoked from ${roleLabel(g.grantee)}`, condition: `NOT EXISTS (${entries(g)})` });
  return checks;
}

export function objectEntries(ref: ObjectRef, acl: AclSource): (g: Grant) => string {
  return (g) =>
    `SELECT FROM pg_catalog.${acl.catalog} o, ${aclRows(`coalesce(o.${acl.aclColumn}, pg_catalog.acldefault(${quoteLiteral(acl.defaultKind)}, o.${acl.ownerColumn}))`)} a WHERE o.oid = ${ref.oid} AND a.grantee = ${roleOid(g.grantee)} AND a.privilege_type = ${quoteLiteral(g.privilege)}`;
}

/** Wrappers and servers have no default privileges. */
const DEFAULT_OBJECT_TYPE: Record<AclSource['defaultKind'], DefaultPrivilege['objectType'] | undefined> = { r: 'r', s: 'S', f: 'f', T: 'T', n: 'n', F: undefined, S: undefined, l: undefined };

/**
 * The ACL an object is created with when `owner` (by default the deploying role, '') owns it: the
 * default privileges in force at that moment — the old model's entries that the migration keeps,
 * since it changes and adds entries after it creates objects — else the built-in default. A
 * global entry replaces the built-in default; an entry for the object's schema adds to it.
 */
export function initialAcl(ctx: DiffContext, acl: AclSource, owner = ''): Grant[] {
  const type = DEFAULT_OBJECT_TYPE[acl.defaultKind];
  const inForce = ctx.from.model.defaultPrivileges.filter((d) => d.role === owner && d.objectType === type && ctx.to.has(d.id));
  const global = inForce.find((d) => d.schema === null);
  const local = acl.schema === undefined ? undefined : inForce.find((d) => d.schema === acl.schema);
  const base = global ? global.acl : builtinAcl(acl.defaultKind, owner);
  if (!local) return base;
  const seen = new Set(base.map((g) => `${g.grantee}\u0000${g.privilege}`));
  return [...base, ...local.acl.filter((g) => !seen.has(`${g.grantee}\u0000${g.privilege}`))];
}

export interface Owned {
  owner: string;
  acl: Grant[] | null;
}

/**
 * Owner and ACL of an object, from its old state (null when it is being created) to its new one.
 * ALTER OWNER comes first: it hands the old owner's privileges to the new owner, which the
 * ACL delta takes into account.
 */
export function ownedStatements(ctx: DiffContext, ref: ObjectRef, from: Owned | null, to: Owned, what: string): { statements: string[]; checks: Check[] } {
  const statements: string[] = [];
  const checks: Check[] = [];
  const acl = ref.acl;
  // A created object is owned by the role running the deploy already: '' needs no ALTER OWNER.
  if (from ? from.owner !== to.owner : to.owner !== '') {
    statements.push(`ALTER ${ref.keyword} ${ref.name} OWNER TO ${roleSql(to.owner)}`);
    if (acl)
      checks.push({
        description: `${what} is owned by ${roleLabel(to.owner)}`,
        condition: `(SELECT ${acl.ownerColumn} FROM pg_catalog.${acl.catalog} WHERE oid = ${ref.oid}) = ${roleOid(to.owner)}`,
      });
  }
  if (!acl) return { statements, checks };
  const effective = (o: Owned) => o.acl ?? builtinAcl(acl.defaultKind, o.owner);
  const before = (from ? effective(from).map((g) => (g.grantee === from.owner ? { ...g, grantee: to.owner } : g)) : initialAcl(ctx, acl))
    .map((g) => (!from && g.grantee === '' ? { ...g, grantee: to.owner } : g));
  const delta = aclDelta(ctx, before, effective(to));
  statements.push(...aclStatements(delta, `${ref.grantKeyword} ${ref.grantName ?? ref.name}`));
  checks.push(...aclChecks(delta, objectEntries(ref, acl), what));
  return { statements, checks };
}

const revokesByContext = new WeakMap<DiffContext, Map<string, Set<string>>>();

/**
 * The privileges (grantee and privilege) that REVOKE … ON TABLE takes from a kept table or view
 * in this migration, including those revoked to be granted again in order: PostgreSQL revokes
 * them from every column as well.
 */
function relationRevokes(ctx: DiffContext, schema: string, relation: string): Set<string> {
  let byRelation = revokesByContext.get(ctx);
  if (!byRelation) revokesByContext.set(ctx, (byRelation = new Map()));
  const key = `${schema}\u0000${relation}`;
  let revoked = byRelation.get(key);
  if (revoked) return revoked;
  revoked = new Set();
  byRelation.set(key, revoked);
  const find = (index: ModelIndex) => index.tables.get(ids.table(schema, relation)) ?? index.views.get(ids.view(schema, relation)) ?? index.views.get(ids.materializedView(schema, relation));
  const f = find(ctx.from);
  const t = find(ctx.to);
  if (!f || !t || f.kind !== t.kind || ctx.isReplaced(t.id) || (f.acl === null && t.acl === null)) return revoked;
  const effective = (o: Owned) => o.acl ?? builtinAcl('r', o.owner);
  const before = effective(f).map((g) => (g.grantee === f.owner ? { ...g, grantee: t.owner } : g));
  const delta = aclDelta(ctx, before, effective(t));
  for (const g of [...delta.revokes, ...delta.regrants]) revoked.add(keyOf(g));
  return revoked;
}

/** Whether a column's grants lose one to the relation-level REVOKE of this migration. */
export function columnLosesGrants(ctx: DiffContext, schema: string, relation: string, acl: Grant[] | null): boolean {
  if (acl === null) return false;
  const revoked = relationRevokes(ctx, schema, relation);
  return revoked.size > 0 && acl.some((g) => revoked.has(keyOf(g)));
}

/**
 * Column-level grants on a table or view column; NULL means none. A privilege the relation-level
 * REVOKE takes away (relationRevokes) is gone from the column too, and granted again if kept.
 */
export function columnAclStatements(
  ctx: DiffContext,
  schema: string,
  relation: string,
  column: string,
  from: Grant[] | null,
  to: Grant[] | null,
): { statements: string[]; checks: Check[] } {
  const revoked = from === null ? undefined : relationRevokes(ctx, schema, relation);
  const before = revoked === undefined || revoked.size === 0 ? (from ?? []) : from!.filter((g) => !revoked.has(keyOf(g)));
  if (sameGrants(before, to ?? [])) return { statements: [], checks: [] };
  const delta = aclDelta(ctx, before, to ?? []);
  const entries = (g: Grant) =>
    `SELECT FROM pg_catalog.pg_attribute o, ${aclRows('o.attacl')} a WHERE o.attrelid = ${regclass(schema, relation)} AND o.attname = ${quoteLiteral(column)} AND a.grantee = ${roleOid(g.grantee)} AND a.privilege_type = ${quoteLiteral(g.privilege)}`;
  return {
    statements: aclStatements(delta, `TABLE ${quoteIdent(schema)}.${quoteIdent(relation)}`, column),
    checks: aclChecks(delta, entries, `column ${schema}.${relation}.${column}`),
  };
}
