/**
 * A partition's own column DEFAULT and NOT NULL, and its columns' statistics target, storage,
 * compression, options, comments and grants. Its columns otherwise come from its parent, whose
 * ALTER COLUMN recurses into it, but a partition may add a default or NOT NULL of its own
 * (`PARTITION OF p (c WITH OPTIONS NOT NULL DEFAULT …)`) and settings of its own, and keeps what
 * it had when the parent's changes leave the column alone.
 */
import { ids, type Column, type Table } from '@pgshift/catalog';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import { qualified, quoteIdent, reparsable } from '../sql';
import { columnChecks, columnSettingStatements, storageStatements } from './columns';
import { columnCommentStatements } from './comments';
import { columnAclStatements } from './privileges';

/** Columns whose default cannot be set on a partition: they follow the parent's identity or generation. */
function hasOwnDefault(c: Column): boolean {
  return c.identity === null && c.generated === null;
}

function parentColumn(tables: ReadonlyMap<string, Table>, t: Table, name: string): Column | undefined {
  return t.partitionOf ? tables.get(t.partitionOf.parent)?.columns.find((c) => c.name === name) : undefined;
}

/**
 * The column list of `CREATE TABLE … PARTITION OF parent (…)`: only the columns whose default or
 * NOT NULL differ from what the parent gives them. Empty when there are none.
 */
export function partitionColumnOptions(ctx: DiffContext, t: Table): { sql: string; deps: string[] } {
  const items: string[] = [];
  const deps: string[] = [];
  for (const c of t.columns) {
    const p = parentColumn(ctx.to.tables, t, c.name);
    const options: string[] = [];
    if (c.notNull && !p?.notNull) options.push('NOT NULL');
    const inheritedDefault = p && hasOwnDefault(p) ? p.default : null;
    if (hasOwnDefault(c) && c.default !== inheritedDefault) options.push(`DEFAULT ${c.default ?? 'NULL'}`);
    if (!options.length) continue;
    items.push(`${quoteIdent(c.name)} WITH OPTIONS ${options.join(' ')}`);
    deps.push(...ctx.to.deps(ids.column(t.schema, t.name, c.name)));
  }
  return { sql: items.length ? ` (${items.join(', ')})` : '', deps };
}

/** How many partition levels lie above a table: parents are handled before their partitions. */
function depth(ctx: DiffContext, t: Table): number {
  let n = 0;
  for (let p = t.partitionOf; p !== null; p = ctx.to.tables.get(p.parent)?.partitionOf ?? null) n++;
  return n;
}

/**
 * Partitions that stay partitions of the same parent: what the parent's recursing ALTERs leave on
 * the partition is compared with the target, and the difference set on the partition afterwards.
 * Run once every table's own changes exist, so that the parent's column steps can be waited for.
 */
export function diffPartitionColumns(ctx: DiffContext, kept: Array<[Table, Table]>): void {
  const sorted = [...kept].sort((x, y) => depth(ctx, x[1]) - depth(ctx, y[1]));
  for (const [f, t] of sorted) {
    const before = new Map(f.columns.map((c) => [c.name, c]));
    for (const c of t.columns) {
      const old = before.get(c.name);
      const pf = parentColumn(ctx.from.tables, f, c.name);
      const pt = parentColumn(ctx.to.tables, t, c.name);
      if (!pt || (old === undefined) !== (pf === undefined)) continue;
      const parent = ctx.to.tables.get(t.partitionOf!.parent)!;
      const parentId = ids.column(parent.schema, parent.name, c.name);
      // A column the parent adds (or drops and adds again) reaches the partition with the parent's
      // default and NOT NULL; the parent's default is dropped (and set again) whenever its type,
      // identity or default changes.
      const added = old === undefined || pf === undefined || ctx.closure.readded.has(parentId);
      const defaultTouched = added || pf.default !== pt.default || pf.type !== pt.type || pf.collation !== pt.collation || pf.identity !== pt.identity || ctx.closure.retyped.has(parentId) || ctx.closure.defaultSplit.has(parentId);
      const defaultLeft = defaultTouched ? (hasOwnDefault(pt) ? pt.default : null) : old.default;
      const notNullLeft = added || pf.notNull !== pt.notNull ? pt.notNull : old.notNull;
      const alter = `ALTER TABLE ${qualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)}`;
      const statements: string[] = [];
      if (hasOwnDefault(c) && c.default !== defaultLeft) statements.push(c.default === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${reparsable(c.default)}`);
      if (c.notNull !== notNullLeft) statements.push(`${alter} ${c.notNull ? 'SET' : 'DROP'} NOT NULL`);
      // SET STATISTICS, STORAGE and COMPRESSION on the parent recurse; options, comments and grants do not.
      const follows = <K extends 'statistics' | 'storage' | 'compression'>(k: K): Column[K] => (added || (pf[k] ?? null) !== (pt[k] ?? null) ? pt[k] : old[k]);
      const left: Column = { ...c, statistics: follows('statistics'), storage: follows('storage'), compression: follows('compression'), options: added ? undefined : old.options };
      statements.push(...storageStatements(t, left, c), ...columnSettingStatements(t, left, c));
      const comment = columnCommentStatements(t.schema, t.name, c.name, added ? undefined : old.comment, c.comment);
      const acl = columnAclStatements(ctx, t.schema, t.name, c.name, added ? null : old.acl, c.acl);
      statements.push(...comment.statements, ...acl.statements);
      if (!statements.length) continue;
      const id = ids.column(t.schema, t.name, c.name);
      // After the parent's steps on the column, which would otherwise overwrite these.
      const parentSteps: Node[] = ctx.nodes.filter((n) => n.phase !== 'drop' && n.change.objectId === parentId);
      ctx.node({
        phase: 'alter',
        kind: 'alter',
        objectKind: 'column',
        objectId: id,
        statements,
        checks: [...columnChecks(t.schema, t.name, c), ...comment.checks, ...acl.checks],
        newDeps: [t.id, ...ctx.to.deps(id)],
        after: parentSteps,
      });
    }
  }
}
