/**
 * Foreign-data wrappers, foreign servers and user mappings. Options change in place (OPTIONS
 * (ADD / SET / DROP …)), and so do a wrapper's handler and validator and a server's version; a
 * server's wrapper or type cannot be altered: it is dropped and created again, and its user
 * mappings and foreign tables with it. Foreign tables themselves are tables (see tables.ts).
 */
import type { ForeignDataWrapper, ForeignServer, UserMapping } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { foreignDataWrapperRef, foreignServerRef } from '../objects';
import { quoteIdent, quoteLiteral, roleOid, roleSql } from '../sql';
import type { Check } from '../types';
import { createdMetadata, diffObjects, metadataNode, pairs, sameJson, splitOption } from './common';

/** ` OPTIONS (k 'v', …)`, or nothing. */
export function fdwOptionsSql(options: string[]): string {
  if (options.length === 0) return '';
  return ` OPTIONS (${options.map((o) => { const [k, v] = splitOption(o); return `${quoteIdent(k)} ${quoteLiteral(v)}`; }).join(', ')})`;
}

/** ` OPTIONS (DROP k, SET k 'v', ADD k 'v')` turning `from` into `to`. */
export function fdwOptionsAlterSql(from: string[], to: string[]): string {
  const before = new Map(from.map(splitOption));
  const after = new Map(to.map(splitOption));
  const parts: string[] = [];
  for (const k of before.keys()) if (!after.has(k)) parts.push(`DROP ${quoteIdent(k)}`);
  for (const [k, v] of after) {
    if (!before.has(k)) parts.push(`ADD ${quoteIdent(k)} ${quoteLiteral(v)}`);
    else if (before.get(k) !== v) parts.push(`SET ${quoteIdent(k)} ${quoteLiteral(v)}`);
  }
  return ` OPTIONS (${parts.join(', ')})`;
}

/** A check that an options column holds exactly `options`, in any order. */
export function fdwOptionsCheck(what: string, select: string, options: string[]): Check {
  const sorted = `ARRAY[${options.map(quoteLiteral).join(', ')}]::text[]`;
  return {
    description: `${what} has its options`,
    condition: `(SELECT coalesce(array_agg(o ORDER BY o), '{}') FROM pg_catalog.unnest((${select})) o) = ${sorted}`,
  };
}

/** A server whose wrapper or type changes is created anew. */
export function foreignSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.foreignServers.map((s) => [s.id, s]));
  for (const f of from.model.foreignServers) {
    const t = after.get(f.id);
    if (t && (f.wrapper !== t.wrapper || f.type !== t.type)) closure.replaced.set(f.id, null);
  }
}

function wrapperChecks(w: ForeignDataWrapper): Check[] {
  const ref = foreignDataWrapperRef(w.name);
  return [
    { description: `foreign data wrapper ${w.name} exists`, condition: `${ref.oid} IS NOT NULL` },
    fdwOptionsCheck(`foreign data wrapper ${w.name}`, `SELECT fdwoptions FROM pg_catalog.pg_foreign_data_wrapper WHERE oid = ${ref.oid}`, w.options),
  ];
}

function serverChecks(s: ForeignServer): Check[] {
  const ref = foreignServerRef(s.name);
  return [
    { description: `server ${s.name} exists`, condition: `${ref.oid} IS NOT NULL` },
    fdwOptionsCheck(`server ${s.name}`, `SELECT srvoptions FROM pg_catalog.pg_foreign_server WHERE oid = ${ref.oid}`, s.options),
  ];
}

function mappingOid(m: UserMapping): string {
  return `(SELECT umid FROM pg_catalog.pg_user_mappings WHERE srvname = ${quoteLiteral(m.server)} AND umuser = ${roleOid(m.user)})`;
}

function mappingChecks(m: UserMapping): Check[] {
  return [
    { description: `user mapping for ${m.user || 'CURRENT_USER'} on server ${m.server} exists`, condition: `${mappingOid(m)} IS NOT NULL` },
    fdwOptionsCheck(`user mapping for ${m.user || 'CURRENT_USER'} on server ${m.server}`, `SELECT umoptions FROM pg_catalog.pg_user_mappings WHERE umid = ${mappingOid(m)}`, m.options),
  ];
}

function createWrapper(ctx: DiffContext, w: ForeignDataWrapper): void {
  const ref = foreignDataWrapperRef(w.name);
  const meta = createdMetadata(ctx, ref, w, `foreign data wrapper ${w.name}`);
  const handler = w.handler ? ` HANDLER ${w.handler}` : '';
  const validator = w.validator ? ` VALIDATOR ${w.validator}` : ' NO VALIDATOR';
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'foreign data wrapper',
    objectId: w.id,
    statements: [`CREATE FOREIGN DATA WRAPPER ${ref.name}${handler}${validator}${fdwOptionsSql(w.options)}`, ...meta.statements],
    checks: [...wrapperChecks(w), ...meta.checks],
    provides: [w.id],
    newDeps: ctx.to.deps(w.id),
  });
}

function createServer(ctx: DiffContext, s: ForeignServer, cause: string | null, after: Node[]): void {
  const ref = foreignServerRef(s.name);
  const meta = createdMetadata(ctx, ref, s, `server ${s.name}`);
  const type = s.type !== null ? ` TYPE ${quoteLiteral(s.type)}` : '';
  const version = s.version !== null ? ` VERSION ${quoteLiteral(s.version)}` : '';
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'server',
    objectId: s.id,
    statements: [`CREATE SERVER ${ref.name}${type}${version} FOREIGN DATA WRAPPER ${quoteIdent(s.wrapper)}${fdwOptionsSql(s.options)}`, ...meta.statements],
    checks: [...serverChecks(s), ...meta.checks],
    provides: [s.id],
    newDeps: ctx.to.deps(s.id),
    cause,
    after,
  });
}

function mappingName(m: UserMapping): string {
  return `FOR ${roleSql(m.user)} SERVER ${quoteIdent(m.server)}`;
}

function createMapping(ctx: DiffContext, m: UserMapping, cause: string | null, after: Node[]): void {
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'user mapping',
    objectId: m.id,
    statements: [`CREATE USER MAPPING ${mappingName(m)}${fdwOptionsSql(m.options)}`],
    checks: mappingChecks(m),
    provides: [m.id],
    newDeps: ctx.to.deps(m.id),
    cause,
    after,
  });
}

function drop(ctx: DiffContext, objectKind: 'foreign data wrapper' | 'server' | 'user mapping', id: string, statement: string, gone: Check, cause: string | null): Node {
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind,
    objectId: id,
    statements: [statement],
    checks: ctx.to.has(id) ? [] : [gone],
    removes: [id],
    oldDeps: ctx.from.deps(id),
    cause,
  });
}

function dropServer(ctx: DiffContext, s: ForeignServer, cause: string | null): Node {
  const ref = foreignServerRef(s.name);
  return drop(ctx, 'server', s.id, `DROP SERVER ${ref.name}`, { description: `server ${s.name} is gone`, condition: `${ref.oid} IS NULL` }, cause);
}

function dropMapping(ctx: DiffContext, m: UserMapping, cause: string | null): Node {
  return drop(ctx, 'user mapping', m.id, `DROP USER MAPPING ${mappingName(m)}`, { description: `user mapping for ${m.user || 'CURRENT_USER'} on server ${m.server} is gone`, condition: `${mappingOid(m)} IS NULL` }, cause);
}

function alterNode(ctx: DiffContext, objectKind: 'foreign data wrapper' | 'server' | 'user mapping', id: string, statements: string[], checks: Check[]): void {
  if (statements.length) ctx.node({ phase: 'alter', kind: 'alter', objectKind, objectId: id, statements, checks, provides: [id], newDeps: ctx.to.deps(id), oldDeps: ctx.from.deps(id) });
}

export function diffForeign(ctx: DiffContext): void {
  for (const [id, f, t] of pairs(ctx.from.model.foreignDataWrappers, ctx.to.model.foreignDataWrappers)) {
    const ref = foreignDataWrapperRef((t ?? f)!.name);
    if (f && !t) drop(ctx, 'foreign data wrapper', id, `DROP FOREIGN DATA WRAPPER ${ref.name}`, { description: `foreign data wrapper ${f.name} is gone`, condition: `${ref.oid} IS NULL` }, null);
    else if (!f && t) createWrapper(ctx, t);
    else if (f && t) {
      const statements: string[] = [];
      if (f.handler !== t.handler) statements.push(`ALTER FOREIGN DATA WRAPPER ${ref.name} ${t.handler ? `HANDLER ${t.handler}` : 'NO HANDLER'}`);
      if (f.validator !== t.validator) statements.push(`ALTER FOREIGN DATA WRAPPER ${ref.name} ${t.validator ? `VALIDATOR ${t.validator}` : 'NO VALIDATOR'}`);
      if (!sameJson(f.options, t.options)) statements.push(`ALTER FOREIGN DATA WRAPPER ${ref.name}${fdwOptionsAlterSql(f.options, t.options)}`);
      alterNode(ctx, 'foreign data wrapper', id, statements, wrapperChecks(t));
      metadataNode(ctx, 'foreign data wrapper', id, ref, f, t, `foreign data wrapper ${t.name}`);
    }
  }
  diffObjects(ctx, ctx.from.model.foreignServers, ctx.to.model.foreignServers, {
    create: createServer,
    drop: dropServer,
    alter: (ctx, f, t, id) => {
      const ref = foreignServerRef(t.name);
      const statements: string[] = [];
      if (f.version !== t.version) statements.push(`ALTER SERVER ${ref.name} VERSION ${t.version === null ? 'NULL' : quoteLiteral(t.version)}`);
      if (!sameJson(f.options, t.options)) statements.push(`ALTER SERVER ${ref.name}${fdwOptionsAlterSql(f.options, t.options)}`);
      alterNode(ctx, 'server', id, statements, serverChecks(t));
      metadataNode(ctx, 'server', id, ref, f, t, `server ${t.name}`);
    },
  });
  diffObjects(ctx, ctx.from.model.userMappings, ctx.to.model.userMappings, {
    create: createMapping,
    drop: dropMapping,
    alter: (ctx, f, t, id) => {
      if (!sameJson(f.options, t.options)) alterNode(ctx, 'user mapping', id, [`ALTER USER MAPPING ${mappingName(t)}${fdwOptionsAlterSql(f.options, t.options)}`], mappingChecks(t));
    },
  });
}
