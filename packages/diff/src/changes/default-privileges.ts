/**
 * ALTER DEFAULT PRIVILEGES deltas. A global entry (no schema) replaces the built-in default ACL,
 * so an absent entry stands for that default; a per-schema entry adds to it, so an absent entry
 * stands for nothing.
 */
import type { DefaultPrivilege, Grant } from '@pgshift/catalog';
import type { DiffContext } from '../context';
import { aclRows, quoteIdent, quoteLiteral, roleLabel, roleOid, schemaOidOrZero } from '../sql';
import { pairs } from './common';
import { aclChecks, aclDelta, aclStatements, builtinAcl } from './privileges';

const OBJECTS: Record<DefaultPrivilege['objectType'], { on: string; kind: 'r' | 's' | 'f' | 'T' | 'n' }> = {
  r: { on: 'TABLES', kind: 'r' },
  S: { on: 'SEQUENCES', kind: 's' },
  f: { on: 'FUNCTIONS', kind: 'f' },
  T: { on: 'TYPES', kind: 'T' },
  n: { on: 'SCHEMAS', kind: 'n' },
};

function effective(entry: DefaultPrivilege | undefined, like: DefaultPrivilege): Grant[] {
  if (entry) return entry.acl;
  return like.schema === null ? builtinAcl(OBJECTS[like.objectType].kind, like.role) : [];
}

export function diffDefaultPrivileges(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.defaultPrivileges, ctx.to.model.defaultPrivileges)) {
    const like = (t ?? f)!;
    const delta = aclDelta(ctx, effective(f, like), effective(t, like));
    const object = OBJECTS[like.objectType];
    // Without FOR ROLE the statement applies to the role running it, which '' stands for.
    const forRole = like.role === '' ? '' : ` FOR ROLE ${quoteIdent(like.role)}`;
    const prefix = `ALTER DEFAULT PRIVILEGES${forRole}${like.schema === null ? '' : ` IN SCHEMA ${quoteIdent(like.schema)}`}`;
    const statements = aclStatements(delta, object.on).map((s) => `${prefix} ${s}`);
    if (statements.length === 0) continue;
    const fallback = like.schema === null ? `pg_catalog.acldefault(${quoteLiteral(object.kind)}, ${roleOid(like.role)})` : `'{}'::pg_catalog.aclitem[]`;
    const acl = `coalesce((SELECT defaclacl FROM pg_catalog.pg_default_acl WHERE defaclrole = ${roleOid(like.role)} AND defaclnamespace = ${schemaOidOrZero(like.schema)} AND defaclobjtype = ${quoteLiteral(like.objectType)}), ${fallback})`;
    const entries = (g: Grant) => `SELECT FROM ${aclRows(acl)} a WHERE a.grantee = ${roleOid(g.grantee)} AND a.privilege_type = ${quoteLiteral(g.privilege)}`;
    ctx.node({
      phase: t ? 'create' : 'alter',
      kind: f && t ? 'alter' : f ? 'drop' : 'create',
      objectKind: 'default privileges',
      objectId: id,
      statements,
      checks: aclChecks(delta, entries, `default privileges for ${roleLabel(like.role)}${like.schema === null ? '' : ` in ${like.schema}`} on ${object.on.toLowerCase()}`),
      newDeps: t ? ctx.to.deps(id) : [],
      oldDeps: t ? [] : ctx.from.deps(id),
    });
  }
}
