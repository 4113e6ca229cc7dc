/**
 * Online migrations: the ordered changes split into the stages that keep writers running.
 *
 *   before    DROP INDEX CONCURRENTLY, and what cannot run in a transaction block (ADD VALUE);
 *   main      the migration's transaction, with foreign keys and checks added NOT VALID and
 *             SET NOT NULL standing in as an unvalidated `CHECK (col IS NOT NULL)`;
 *   after     one CREATE INDEX CONCURRENTLY per change, each re-runnable;
 *   validate  every VALIDATE CONSTRAINT, then SET NOT NULL (which skips its scan, but holds an
 *             ACCESS EXCLUSIVE lock to the commit) and the helpers' drop.
 *
 * A change takes its online form only when the graph allows it: a concurrent drop moves before
 * the transaction when nothing must run before it, a concurrent build moves after it when nothing
 * in the transaction needs the index. The models after each stage are given too, so that each
 * stage's revert script is the diff back to the stage before.
 */
import { ids, type SchemaModel } from '@pgshift/catalog';
import type { Node } from './graph';
import { cmp } from './model-index';
import { quoteIdent } from './sql';
import type { Change } from './types';

export interface Staged {
  before: Change[];
  main: Change[];
  /** Each runs on its own, outside a transaction block. */
  after: Change[];
  validate: Change[];
  /**
   * The state once `before`, `main` and `after` ran; `to` follows `validate`. A helper check's
   * definition quotes its column always, where pg_get_constraintdef quotes only when needed.
   */
  models: { before: SchemaModel; main: SchemaModel; after: SchemaModel };
  /** Names of the `CHECK (col IS NOT NULL) NOT VALID` helpers that stand in for NOT NULL until `validate`. */
  helpers: string[];
}

/** With `online` false, only what cannot run in a transaction block (ADD VALUE) moves before the rest. */
export function stage(ordered: Node[], succ: Map<Node, Set<Node>>, from: SchemaModel, to: SchemaModel, online = true): Staged {
  const pred = new Map<Node, Node[]>(online ? ordered.map((n) => [n, []]) : []);
  if (online) for (const [a, targets] of succ) for (const b of targets) pred.get(b)!.push(a);

  const early = new Set<Node>();
  for (const n of ordered) {
    if (!n.change.transactional) early.add(n);
    else if (online && n.change.online?.stage === 'before' && pred.get(n)!.every((p) => early.has(p))) early.add(n);
  }
  const late = new Set<Node>();
  for (const n of [...ordered].reverse()) {
    if (online && n.change.online?.stage === 'after' && [...succ.get(n)!].every((s) => late.has(s))) late.add(n);
  }

  const out: Staged = { before: [], main: [], after: [], validate: [], models: { before: from, main: to, after: to }, helpers: [] };
  const droppedEarly = new Set<string>();
  const builtLate = new Set<string>();
  const unvalidated = new Set<string>();
  const helpers = new Map<string, string>();
  const finishing: Change[] = [];
  for (const n of ordered) {
    const c = n.change;
    const form = c.online;
    if (early.has(n)) {
      out.before.push(form && online ? onlineChange(c, false) : withoutForm(c));
      if (form && online) droppedEarly.add(c.objectId);
    } else if (late.has(n)) {
      out.after.push(onlineChange(c, false));
      builtLate.add(c.objectId);
    } else if (online && form?.stage === 'main') {
      out.main.push(onlineChange(c, true));
      if (form.then) {
        const { statements, checks, finish } = form.then;
        out.validate.push({ kind: 'alter', objectKind: c.objectKind, objectId: c.objectId, statements, hazards: [], checks: finish ? [] : checks, transactional: true });
        if (finish) finishing.push({ kind: 'alter', objectKind: c.objectKind, objectId: c.objectId, statements: finish, hazards: [], checks, transactional: true });
      }
      if (form.helperCheck) helpers.set(c.objectId, form.helperCheck);
      else unvalidated.add(c.objectId);
    } else out.main.push(withoutForm(c));
  }
  out.validate.push(...finishing);
  out.helpers = [...helpers.values()];
  out.models.before = edited(from, { dropIndexes: droppedEarly });
  out.models.after = edited(to, { unvalidated, helpers });
  out.models.main = edited(to, { dropIndexes: builtLate, unvalidated, helpers });
  return out;
}

function withoutForm(c: Change): Change {
  if (!c.online) return c;
  const { online: _, ...rest } = c;
  return rest;
}

function onlineChange(c: Change, transactional: boolean): Change {
  const form = c.online!;
  return { ...withoutForm(c), statements: form.statements, checks: form.checks, hazards: form.hazards, transactional };
}

interface Edits {
  dropIndexes?: Set<string>;
  /** Constraint ids that are still NOT VALID. */
  unvalidated?: Set<string>;
  /** Column id → name of its `CHECK (col IS NOT NULL) NOT VALID`, while the column is still nullable. */
  helpers?: Map<string, string>;
}

/** The model as it stands between two stages. */
function edited(model: SchemaModel, edits: Edits): SchemaModel {
  const { dropIndexes = new Set(), unvalidated = new Set(), helpers = new Map() } = edits;
  if (dropIndexes.size + unvalidated.size + helpers.size === 0) return model;
  const out: SchemaModel = structuredClone(model);
  out.indexes = out.indexes.filter((i) => !dropIndexes.has(i.id));
  // A constraint added to a table reaches its partitions and inheritance children, unvalidated there too.
  const pending = new Set<string>();
  for (const t of out.tables) for (const c of t.constraints) if (unvalidated.has(ids.constraint(t.schema, t.name, c.name))) pending.add(`${t.id}\0${c.name}`);
  for (let grew = pending.size > 0; grew; ) {
    grew = false;
    for (const t of out.tables) {
      const parents = [...t.inherits, ...(t.partitionOf ? [t.partitionOf.parent] : [])];
      for (const c of t.constraints) {
        const key = `${t.id}\0${c.name}`;
        if (c.inherited && !pending.has(key) && parents.some((p) => pending.has(`${p}\0${c.name}`))) {
          pending.add(key);
          grew = true;
        }
      }
    }
  }
  for (const t of out.tables) {
    for (const c of t.constraints) {
      if (!pending.has(`${t.id}\0${c.name}`)) continue;
      c.validated = false;
      c.definition = `${c.definition} NOT VALID`;
    }
    let added = false;
    for (const col of t.columns) {
      const id = ids.column(t.schema, t.name, col.name);
      const helper = helpers.get(id);
      if (helper === undefined) continue;
      col.notNull = false;
      t.constraints.push({ name: helper, type: 'c', definition: `CHECK ((${quoteIdent(col.name)} IS NOT NULL)) NOT VALID`, validated: false, deferrable: false, deferred: false, inherited: false, dependsOn: [id] });
      added = true;
    }
    if (added) t.constraints.sort((a, b) => cmp(a.name, b.name));
  }
  return out;
}
