/**
 * Publications. The published tables and schemas change in place (ALTER PUBLICATION … SET, or
 * DROP for an emptied list), and so do the publish options; FOR ALL TABLES cannot be altered into
 * a list or back: drop and create. A table that is dropped and created again leaves its
 * publications with it, so the closure replaces them too.
 */
import type { Publication } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { publicationRef } from '../objects';
import { qualified, quoteIdent, quoteLiteral, reparsable } from '../sql';
import type { Check } from '../types';
import { createdMetadata, diffObjects, metadataNode, sameJson } from './common';

export function publicationSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const after = new Map(to.model.publications.map((p) => [p.id, p]));
  for (const f of from.model.publications) {
    const t = after.get(f.id);
    if (t && f.allTables !== t.allTables) closure.replaced.set(f.id, null);
  }
}

function tableName(ctx: DiffContext, id: string): string {
  const t = ctx.to.tables.get(id) ?? ctx.from.tables.get(id);
  return t ? qualified(t.schema, t.name) : id;
}

/** `TABLE ONLY a (x, y) WHERE (…), TABLES IN SCHEMA s`: ONLY, so that exactly the listed tables are published. */
function objectsSql(ctx: DiffContext, p: Publication): string {
  const tables = p.tables.map((t) => `TABLE ONLY ${tableName(ctx, t.table)}${t.columns ? ` (${t.columns.map(quoteIdent).join(', ')})` : ''}${t.where ? ` WHERE (${reparsable(t.where)})` : ''}`);
  const schemas = p.schemas.map((s) => `TABLES IN SCHEMA ${quoteIdent(s)}`);
  return [...tables, ...schemas].join(', ');
}

function optionsSql(p: Publication): string {
  return `publish = ${quoteLiteral(p.publish.join(', '))}, publish_via_partition_root = ${p.viaRoot}`;
}

function checks(p: Publication): Check[] {
  const ref = publicationRef(p.name);
  const flags = `(SELECT ARRAY[pubinsert, pubupdate, pubdelete, pubtruncate, pubviaroot, puballtables] FROM pg_catalog.pg_publication WHERE oid = ${ref.oid})`;
  const want = ['insert', 'update', 'delete', 'truncate'].map((a) => p.publish.includes(a as Publication['publish'][number]));
  return [
    { description: `publication ${p.name} exists with its options`, condition: `${flags} = ARRAY[${[...want, p.viaRoot, p.allTables].join(', ')}]` },
    {
      description: `publication ${p.name} publishes ${p.tables.length} table(s)`,
      condition: `(SELECT count(*) FROM pg_catalog.pg_publication_rel WHERE prpubid = ${ref.oid}) = ${p.tables.length}`,
    },
  ];
}

function createNode(ctx: DiffContext, p: Publication, cause: string | null, after: Node[]): void {
  const ref = publicationRef(p.name);
  const target = p.allTables ? ' FOR ALL TABLES' : p.tables.length + p.schemas.length > 0 ? ` FOR ${objectsSql(ctx, p)}` : '';
  const meta = createdMetadata(ctx, ref, p, `publication ${p.name}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'publication',
    objectId: p.id,
    statements: [`CREATE PUBLICATION ${ref.name}${target} WITH (${optionsSql(p)})`, ...meta.statements],
    checks: [...checks(p), ...meta.checks],
    provides: [p.id],
    newDeps: ctx.to.deps(p.id),
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, p: Publication, cause: string | null): Node {
  const ref = publicationRef(p.name);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: 'publication',
    objectId: p.id,
    statements: [`DROP PUBLICATION ${ref.name}`],
    checks: ctx.to.has(p.id) ? [] : [{ description: `publication ${p.name} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [p.id],
    oldDeps: ctx.from.deps(p.id),
    cause,
  });
}

/**
 * Takes the tables whose listed or filtered columns change type out of the publication first
 * (the alter node publishes them again): PostgreSQL refuses to retype a column a publication
 * names. The node goes before the columns' changes, since it stops using them.
 */
function republish(ctx: DiffContext, f: Publication, id: string): { node: Node; tables: Set<string> } | undefined {
  const tables = new Set([...(ctx.closure.republished.get(id) ?? [])].filter((table) => f.tables.some((x) => x.table === table)));
  if (tables.size === 0) return undefined;
  const ref = publicationRef(f.name);
  const columns = ctx.from.deps(id).filter((d) => tables.has(ctx.from.get(d)?.parent ?? ''));
  const node = ctx.node({
    phase: 'drop',
    kind: 'alter',
    objectKind: 'publication',
    objectId: id,
    statements: [`ALTER PUBLICATION ${ref.name} DROP ${[...tables].map((x) => `TABLE ONLY ${tableName(ctx, x)}`).join(', ')}`],
    oldDeps: columns,
    cause: columns.find((c) => ctx.closure.retyped.has(c) || ctx.closure.readded.has(c)) ?? null,
  });
  return { node, tables };
}

export function diffPublications(ctx: DiffContext): void {
  diffObjects(ctx, ctx.from.model.publications, ctx.to.model.publications, {
    create: createNode,
    drop: dropNode,
    alter: (ctx, f, t, id) => {
      const ref = publicationRef(t.name);
      const statements: string[] = [];
      const leaving = republish(ctx, f, id);
      const remaining = f.tables.filter((x) => !leaving?.tables.has(x.table));
      if (!t.allTables && (leaving !== undefined || !sameJson(f.tables, t.tables) || !sameJson(f.schemas, t.schemas))) {
        if (t.tables.length + t.schemas.length > 0) statements.push(`ALTER PUBLICATION ${ref.name} SET ${objectsSql(ctx, t)}`);
        else {
          if (remaining.length) statements.push(`ALTER PUBLICATION ${ref.name} DROP ${remaining.map((x) => `TABLE ONLY ${tableName(ctx, x.table)}`).join(', ')}`);
          if (f.schemas.length) statements.push(`ALTER PUBLICATION ${ref.name} DROP ${f.schemas.map((s) => `TABLES IN SCHEMA ${quoteIdent(s)}`).join(', ')}`);
        }
      }
      if (!sameJson(f.publish, t.publish) || f.viaRoot !== t.viaRoot) statements.push(`ALTER PUBLICATION ${ref.name} SET (${optionsSql(t)})`);
      if (statements.length)
        ctx.node({
          phase: 'alter',
          kind: 'alter',
          objectKind: 'publication',
          objectId: id,
          statements,
          checks: checks(t),
          provides: [id],
          newDeps: ctx.to.deps(id),
          oldDeps: ctx.from.deps(id),
          after: leaving ? [leaving.node] : [],
        });
      metadataNode(ctx, 'publication', id, ref, f, t, `publication ${t.name}`);
    },
  });
}
