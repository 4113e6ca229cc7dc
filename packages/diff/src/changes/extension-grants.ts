/**
 * Privileges on extension members: the extension creates and drops its objects, the user grants
 * and revokes on them. Diffed from what the extension's script left when the member is new (or
 * its extension is), else from the old privileges; gone with the extension.
 */
import { ids, type ExtensionGrant, type Grant } from '@pgshift/catalog';
import type { DiffContext } from '../context';
import { languageRef, routineRef, sequenceRef, tableRef, typeRef, type ObjectRef } from '../objects';
import { pairs } from './common';
import { aclChecks, aclDelta, aclStatements, builtinAcl, objectEntries } from './privileges';

function refOf(g: ExtensionGrant): ObjectRef {
  const schema = g.schema ?? '';
  switch (g.on) {
    case 'function':
    case 'procedure':
    case 'aggregate':
      return routineRef({ kind: g.on, schema, name: g.name, identityArguments: g.identityArguments ?? '' });
    case 'table':
      return tableRef(schema, g.name);
    case 'sequence':
      return sequenceRef(schema, g.name);
    case 'type':
    case 'domain':
      return typeRef({ kind: g.on === 'domain' ? 'domain' : 'composite', schema, name: g.name });
    case 'language':
      return languageRef(g.name);
  }
}

export function diffExtensionGrants(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.extensionGrants, ctx.to.model.extensionGrants)) {
    const g = (t ?? f)!;
    const extension = ids.extension(g.extension);
    // Dropped with its extension; one created (again) starts from what its script leaves. An
    // extension of pg_catalog (plpgsql) is in neither model, and always there.
    if (ctx.from.has(extension) && !ctx.to.has(extension)) continue;
    const fresh = ctx.to.has(extension) && (!ctx.from.has(extension) || ctx.isReplaced(extension));
    const ref = refOf(g);
    const acl = ref.acl!;
    const effective = (grants: Grant[] | null, owner: string) => grants ?? builtinAcl(acl.defaultKind, owner);
    const before = f && !fresh ? effective(f.acl, f.owner) : effective(g.initial, g.owner);
    const after = t ? effective(t.acl, t.owner) : effective(f!.initial, f!.owner);
    const delta = aclDelta(ctx, before, after);
    const statements = aclStatements(delta, `${ref.grantKeyword} ${ref.grantName ?? ref.name}`);
    if (statements.length === 0) continue;
    const what = `${g.on} ${g.schema === null ? g.name : `${g.schema}.${g.name}`} of extension ${g.extension}`;
    ctx.node({
      phase: 'alter',
      kind: 'alter',
      objectKind: 'extension',
      objectId: id,
      statements,
      checks: aclChecks(delta, objectEntries(ref, acl), what),
      newDeps: ctx.to.has(extension) ? [extension] : [],
    });
  }
}
