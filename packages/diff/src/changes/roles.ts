/**
 * Roles are cluster-wide: a role the new model references but the old one does not is created
 * inside a guard (it may exist already), and roles are never dropped.
 */
import type { DiffContext } from '../context';
import { dollarTag, quoteIdent, quoteLiteral } from '../sql';

export function diffRoles(ctx: DiffContext): void {
  const known = new Set(ctx.from.model.roles.map((r) => r.id));
  for (const role of ctx.to.model.roles) {
    if (known.has(role.id)) continue;
    const body = `BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role.name)}) THEN CREATE ROLE ${quoteIdent(role.name)}${role.canLogin ? ' LOGIN' : ''}; END IF; END`;
    const tag = dollarTag(body);
    ctx.node({
      phase: 'create',
      kind: 'create',
      objectKind: 'role',
      objectId: role.id,
      statements: [`DO ${tag} ${body} ${tag}`],
      checks: [{ description: `role ${role.name} exists`, condition: `EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role.name)})` }],
      provides: [role.id],
    });
  }
}
