/** What every change module sees: both models, the closure, and the node list it appends to. */
import type { Closure } from './closure';
import type { Node, Phase } from './graph';
import type { ModelIndex } from './model-index';
import { unique } from './model-index';
import type { Change, ChangeKind, Check, Hazard, ObjectKind, OnlineForm } from './types';

export interface NodeSpec {
  phase: Phase;
  kind: ChangeKind;
  objectKind: ObjectKind;
  objectId: string;
  statements: string[];
  hazards?: Hazard[];
  checks?: Check[];
  transactional?: boolean;
  cause?: string | null;
  provides?: string[];
  removes?: string[];
  newDeps?: string[];
  oldDeps?: string[];
  names?: string[];
  after?: Node[];
  online?: OnlineForm;
}

export class DiffContext {
  readonly nodes: Node[] = [];
  /**
   * A table's DETACH PARTITION and NO INHERIT steps, by table id: what the table keeps from a parent
   * it leaves is its own only after them (changes/reparenting.ts).
   */
  readonly separations = new Map<string, Node[]>();

  constructor(
    readonly from: ModelIndex,
    readonly to: ModelIndex,
    readonly closure: Closure,
    /** Lowest server version the SQL must run on. */
    readonly serverVersionNum: number,
  ) {}

  node(spec: NodeSpec): Node {
    const change: Change = {
      kind: spec.kind,
      objectKind: spec.objectKind,
      objectId: spec.objectId,
      statements: spec.statements,
      hazards: spec.hazards ?? [],
      checks: spec.checks ?? [],
      transactional: spec.transactional ?? true,
    };
    if (spec.cause) change.cause = spec.cause;
    if (spec.online) change.online = spec.online;
    const node: Node = {
      change,
      phase: spec.phase,
      provides: unique((spec.provides ?? []).map((id) => this.to.resolve(id))),
      removes: unique((spec.removes ?? []).map((id) => this.from.resolve(id))),
      newDeps: unique((spec.newDeps ?? []).map((id) => this.to.resolve(id))),
      oldDeps: unique((spec.oldDeps ?? []).map((id) => this.from.resolve(id))),
      names: spec.names ?? [],
      after: spec.after ?? [],
      seq: this.nodes.length,
    };
    this.nodes.push(node);
    return node;
  }

  /** Present in both models but dropped and created again. */
  isReplaced(id: string): boolean {
    return this.closure.replaced.has(id);
  }

  causeOf(id: string): string | null {
    return this.closure.replaced.get(id) ?? null;
  }

  /** The table or view holding `id` disappears (dropped or replaced), taking `id` with it. */
  parentGoes(parent: string): boolean {
    return !this.to.has(parent) || this.isReplaced(parent) || this.closure.rebuilt.has(parent);
  }

  /** The table or view holding `id` is created in this migration, with `id` inside it. */
  parentComes(parent: string): boolean {
    return !this.from.has(parent) || this.isReplaced(parent);
  }

  /** Version-specific privileges are only diffed when every server involved has them. */
  privilegeKnown(privilege: string): boolean {
    return privilege !== 'MAINTAIN' || this.serverVersionNum >= 170000;
  }
}

/** Key of the name a relation or type occupies (they share pg_class / pg_type namespaces). */
export function relName(schema: string, name: string): string {
  return `rel:${schema}.${name}`;
}
