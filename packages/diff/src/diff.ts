/**
 * diff(from, to): match by id, classify, close over dependents, order.
 */
import type { SchemaModel } from '@pgshift/catalog';
import { close, emptyClosure } from './closure';
import { DiffContext } from './context';
import { edges, order, type Node } from './graph';
import { stage, type Staged } from './online';
import { ModelIndex } from './model-index';
import { castSeeds, diffCasts } from './changes/casts';
import { constraintSeeds, diffConstraints } from './changes/constraints';
import { diffDefaultPrivileges } from './changes/default-privileges';
import { diffExtensionGrants } from './changes/extension-grants';
import { diffForeign, foreignSeeds } from './changes/foreign';
import { diffIndexes, indexSeeds } from './changes/indexes';
import { diffOperators, operatorSeeds } from './changes/operators';
import { diffPolicies, policySeeds } from './changes/policies';
import { diffPublications, publicationSeeds } from './changes/publications';
import { inheritedConstraintNeedsReplace } from './changes/reparenting';
import { sameJson } from './changes/common';
import { diffRoles } from './changes/roles';
import { diffSubscriptions, subscriptionSeeds } from './changes/subscriptions';
import { diffRoutines, routineSeeds } from './changes/routines';
import { diffExtensions, diffSchemas } from './changes/schemas';
import { diffSequences } from './changes/sequences';
import { diffStatistics, statisticsSeeds } from './changes/statistics';
import { diffTextSearch, textSearchSeeds } from './changes/text-search';
import { diffTables, inheritanceNeedsReplace, tableNeedsReplace } from './changes/tables';
import { diffEventTriggers, diffRules, diffTriggers, triggerSeeds } from './changes/triggers';
import { diffTypes, typeSeeds } from './changes/types';
import { viewSeeds } from './changes/views';
import { diffViews } from './changes/views';
import { ids } from '@pgshift/catalog';
import type { Closure } from './closure';
import type { Change, DiffOptions } from './types';

/** Objects present in both models that PostgreSQL cannot alter into their new shape. */
function seed(from: ModelIndex, to: ModelIndex): Closure {
  const closure = emptyClosure();
  for (const f of from.model.tables) {
    const t = to.tables.get(f.id);
    if (!t) continue;
    if (tableNeedsReplace(f, t) || inheritanceNeedsReplace(from, to, f, t) || inheritedConstraintNeedsReplace(from, to, f, t)) {
      closure.replaced.set(f.id, null);
      continue;
    }
    // A partition's columns change with its parent's; those of one detached or attached here, on their own.
    if (t.partitionOf !== null && sameJson(f.partitionOf, t.partitionOf)) continue;
    const before = new Map(f.columns.map((c) => [c.name, c]));
    for (const c of t.columns) {
      const old = before.get(c.name);
      if (!old) {
        if (c.default !== null || c.identity !== null || c.generated !== null) closure.rowTypeChanges.add(ids.column(t.schema, t.name, c.name));
        continue;
      }
      const retyped = old.type !== c.type || old.collation !== c.collation;
      // A generated column holds nothing of its own: re-adding it is always possible, while
      // ALTER … TYPE fails when the columns it is computed from change type too, and nothing
      // turns a STORED one VIRTUAL or back, or a VIRTUAL one into a plain column.
      if (c.generated !== null && (old.generated !== c.generated || retyped || !!old.virtual !== !!c.virtual)) closure.readded.set(ids.column(t.schema, t.name, c.name), null);
      else if (c.generated === null && old.virtual) closure.readded.set(ids.column(t.schema, t.name, c.name), null);
      else if (retyped) closure.retyped.set(ids.column(t.schema, t.name, c.name), null);
    }
  }
  textSearchSeeds(from, to, closure);
  typeSeeds(from, to, closure);
  constraintSeeds(from, to, closure);
  indexSeeds(from, to, closure);
  statisticsSeeds(from, to, closure);
  viewSeeds(from, to, closure);
  routineSeeds(from, to, closure);
  operatorSeeds(from, to, closure);
  castSeeds(from, to, closure);
  triggerSeeds(from, to, closure);
  policySeeds(from, to, closure);
  publicationSeeds(from, to, closure);
  foreignSeeds(from, to, closure);
  subscriptionSeeds(from, to, closure);
  close(from, to, closure);
  return closure;
}

export function diff(from: SchemaModel, to: SchemaModel, options: DiffOptions = {}): Change[] {
  return diffIndexed(new ModelIndex(from), new ModelIndex(to), options);
}

/** The same on indexes built once, so that deploy and revert of one plan share them. */
export function diffIndexed(a: ModelIndex, b: ModelIndex, options: DiffOptions = {}): Change[] {
  const { nodes, succ } = orderedNodes(a, b, options);
  if (!options.online) return nodes.map((n) => n.change);
  const s = stage(nodes, succ, a.model, b.model);
  return [...s.before, ...s.main, ...s.after, ...s.validate];
}

/** The online migration in its stages, with the model after each (see online.ts). */
export function stagedDiff(from: SchemaModel, to: SchemaModel, options: DiffOptions = {}): Staged {
  const { nodes, succ } = orderedNodes(new ModelIndex(from), new ModelIndex(to), options);
  return stage(nodes, succ, from, to, options.online !== false);
}

/** The changes in dependency order, with the graph's edges, which staging reads too. */
function orderedNodes(a: ModelIndex, b: ModelIndex, options: DiffOptions): { nodes: Node[]; succ: Map<Node, Set<Node>> } {
  const from = a.model;
  const to = b.model;
  const version = options.targetServerVersionNum ?? Math.min(from.serverVersionNum || to.serverVersionNum, to.serverVersionNum || from.serverVersionNum);
  const ctx = new DiffContext(a, b, seed(a, b), version);
  diffRoles(ctx);
  diffSchemas(ctx);
  diffExtensions(ctx);
  diffForeign(ctx);
  diffTextSearch(ctx);
  diffTypes(ctx);
  diffSequences(ctx);
  diffTables(ctx);
  diffConstraints(ctx);
  diffIndexes(ctx);
  diffStatistics(ctx);
  diffViews(ctx);
  diffRoutines(ctx);
  diffOperators(ctx);
  diffCasts(ctx);
  diffTriggers(ctx);
  diffRules(ctx);
  diffEventTriggers(ctx);
  diffPolicies(ctx);
  diffPublications(ctx);
  diffSubscriptions(ctx);
  diffDefaultPrivileges(ctx);
  diffExtensionGrants(ctx);
  // Roles come before everything that may name them (owners, grantees, policy roles).
  const roles = ctx.nodes.filter((n) => n.change.objectKind === 'role');
  for (const n of ctx.nodes) if (n.change.objectKind !== 'role') n.after.push(...roles);
  const succ = edges(ctx.nodes);
  return { nodes: order(ctx.nodes, succ), succ };
}
