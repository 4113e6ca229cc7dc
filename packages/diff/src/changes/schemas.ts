/** Schemas and extensions. */
import type { DiffContext } from '../context';
import { extensionRef, schemaRef } from '../objects';
import { quoteIdent, quoteLiteral } from '../sql';
import { commentNode, createdMetadata, metadataNode, pairs } from './common';

export function diffSchemas(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.schemas, ctx.to.model.schemas)) {
    const ref = schemaRef((f ?? t)!.name);
    const what = `schema ${(f ?? t)!.name}`;
    if (f && !t) {
      ctx.node({ phase: 'drop', kind: 'drop', objectKind: 'schema', objectId: id, statements: [`DROP SCHEMA ${ref.name}`], removes: [id], oldDeps: ctx.from.deps(id), checks: [{ description: `${what} is gone`, condition: `NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(f.name)})` }] });
    } else if (!f && t) {
      const meta = createdMetadata(ctx, ref, t, what);
      ctx.node({
        phase: 'create',
        kind: 'create',
        objectKind: 'schema',
        objectId: id,
        statements: [`CREATE SCHEMA ${ref.name}`, ...meta.statements],
        checks: [{ description: `${what} exists`, condition: `${ref.oid} IS NOT NULL` }, ...meta.checks],
        provides: [id],
        newDeps: ctx.to.deps(id),
      });
    } else if (f && t) metadataNode(ctx, 'schema', id, ref, f, t, what);
  }
}

export function diffExtensions(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.extensions, ctx.to.model.extensions)) {
    const ref = extensionRef((f ?? t)!.name);
    const what = `extension ${(f ?? t)!.name}`;
    if (f && !t) {
      ctx.node({ phase: 'drop', kind: 'drop', objectKind: 'extension', objectId: id, statements: [`DROP EXTENSION ${ref.name}`], removes: [id], oldDeps: ctx.from.deps(id), checks: [{ description: `${what} is gone`, condition: `${ref.oid} IS NULL` }] });
    } else if (!f && t) {
      // VERSION only when the source pinned one: engines ship different defaults, which is no schema change.
      ctx.node({
        phase: 'create',
        kind: 'create',
        objectKind: 'extension',
        objectId: id,
        statements: [`CREATE EXTENSION ${ref.name} WITH SCHEMA ${quoteIdent(t.schema)}${t.version !== null ? ` VERSION ${quoteLiteral(t.version)}` : ''}`],
        checks: [{ description: `${what} exists`, condition: `${ref.oid} IS NOT NULL` }],
        provides: [id],
        newDeps: ctx.to.deps(id),
      });
    } else if (f && t) {
      if (f.schema !== t.schema)
        ctx.node({
          phase: 'alter',
          kind: 'alter',
          objectKind: 'extension',
          objectId: id,
          statements: [`ALTER EXTENSION ${ref.name} SET SCHEMA ${quoteIdent(t.schema)}`],
          checks: [{ description: `${what} lives in schema ${t.schema}`, condition: `(SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ${quoteLiteral(t.name)}) = ${quoteLiteral(t.schema)}` }],
          provides: [id],
          newDeps: ctx.to.deps(id),
          oldDeps: ctx.from.deps(id),
        });
      if (f.version !== t.version) {
        const create = `CREATE EXTENSION ${ref.name} WITH SCHEMA ${quoteIdent(t.schema)}${t.version !== null ? ` VERSION ${quoteLiteral(t.version)}` : ''}`;
        // Nothing uses it: drop and create reaches any version. Otherwise only an update script
        // can, and servers rarely ship one for going back.
        const alone = ctx.from.dependentsOf(id).length === 0;
        ctx.node({
          phase: 'alter',
          kind: 'alter',
          objectKind: 'extension',
          objectId: id,
          statements: alone ? [`DROP EXTENSION ${ref.name}`, create] : [`ALTER EXTENSION ${ref.name} UPDATE${t.version !== null ? ` TO ${quoteLiteral(t.version)}` : ''}`],
          hazards: alone ? [] : [{ code: 'may-fail', message: `${what} moves from ${f.version ?? 'its default version'} to ${t.version ?? 'its default version'}: that needs an update script on the server` }],
          checks: t.version !== null ? [{ description: `${what} is at version ${t.version}`, condition: `(SELECT extversion FROM pg_catalog.pg_extension WHERE extname = ${quoteLiteral(t.name)}) = ${quoteLiteral(t.version)}` }] : [],
          provides: [id],
          newDeps: ctx.to.deps(id),
        });
      }
      commentNode(ctx, 'extension', id, ref, f.comment, t.comment, what);
    }
  }
}
