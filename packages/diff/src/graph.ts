/**
 * The change graph. Every change is a node that states what it needs and what it ends:
 *
 * - `provides`: ids that exist (or have their new shape) once it ran — creates and alters;
 * - `removes`: ids that no longer exist once it ran — drops;
 * - `newDeps`: ids of the new model it needs to exist first;
 * - `oldDeps`: ids of the old model it stops using (a drop, or an alter that changes an expression).
 *
 * Edges follow from those sets alone:
 *  1. whatever provides X runs before whatever needs X (new model order);
 *  2. whatever stops using X runs before X is removed (old model order, reversed);
 *  3. dependents of X that are dropped go before X is altered (a view before its column's type);
 *  4. a drop freeing a name runs before the create that takes it;
 *  plus explicit `after` edges for the steps of one compound change (rename, create, drop of an
 *  enum rebuild). One topological sort with ties broken by (phase, kind, id) gives the order.
 */
import { cmp } from './model-index';
import { DiffError, type Change, type ObjectKind } from './types';

export type Phase = 'drop' | 'alter' | 'create';

export interface Node {
  change: Change;
  phase: Phase;
  provides: string[];
  removes: string[];
  newDeps: string[];
  oldDeps: string[];
  /** Name keys this node frees (drop) or takes (create). */
  names: string[];
  after: Node[];
  /** Position of creation: the last tie-breaker, for steps of one object. */
  seq: number;
}

const KIND_ORDER: ObjectKind[] = [
  'role',
  'schema',
  'extension',
  'foreign data wrapper',
  'server',
  'user mapping',
  'collation',
  'text search dictionary',
  'text search configuration',
  'type',
  // Casts WITH INOUT or WITHOUT FUNCTION have no dependents PostgreSQL knows of: before anything that may use them.
  'cast',
  'sequence',
  'table',
  'column',
  'constraint',
  'index',
  'statistics',
  'view',
  'materialized view',
  'function',
  'procedure',
  'aggregate',
  'operator',
  'trigger',
  'rule',
  'policy',
  'event trigger',
  'publication',
  'subscription',
  'default privileges',
];
const PHASE_ORDER: Phase[] = ['drop', 'alter', 'create'];

function priority(n: Node): [number, number, string, number] {
  const kind = KIND_ORDER.indexOf(n.change.objectKind);
  // Unconstrained drops go dependents-first, like the reverse of creation.
  const kindRank = n.phase === 'drop' ? KIND_ORDER.length - kind : kind;
  return [PHASE_ORDER.indexOf(n.phase), kindRank, n.change.objectId, n.seq];
}

function before(a: Node, b: Node): boolean {
  const pa = priority(a);
  const pb = priority(b);
  for (let i = 0; i < pa.length; i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    return typeof x === 'string' ? cmp(x, y as string) < 0 : x < (y as number);
  }
  return false;
}

function multimap(nodes: Node[], key: (n: Node) => string[]): Map<string, Node[]> {
  const map = new Map<string, Node[]>();
  for (const n of nodes)
    for (const k of key(n)) {
      const list = map.get(k);
      if (list) list.push(n);
      else map.set(k, [n]);
    }
  return map;
}

export function edges(nodes: Node[]): Map<Node, Set<Node>> {
  const succ = new Map<Node, Set<Node>>(nodes.map((n) => [n, new Set<Node>()]));
  const link = (a: Node, b: Node) => {
    if (a !== b) succ.get(a)!.add(b);
  };
  const providers = multimap(
    nodes.filter((n) => n.phase !== 'drop'),
    (n) => n.provides,
  );
  const releasers = multimap(
    nodes.filter((n) => n.phase !== 'create'),
    (n) => n.oldDeps,
  );
  const droppedDependents = multimap(
    nodes.filter((n) => n.phase === 'drop'),
    (n) => n.oldDeps,
  );
  const takers = multimap(
    nodes.filter((n) => n.phase !== 'drop'),
    (n) => n.names,
  );
  for (const n of nodes) {
    for (const dep of n.newDeps) for (const p of providers.get(dep) ?? []) link(p, n);
    for (const gone of n.removes) for (const r of releasers.get(gone) ?? []) link(r, n);
    if (n.phase === 'alter') for (const x of n.provides) for (const d of droppedDependents.get(x) ?? []) link(d, n);
    if (n.phase === 'drop') for (const name of n.names) for (const t of takers.get(name) ?? []) link(n, t);
    for (const a of n.after) link(a, n);
  }
  return succ;
}

/** Kahn's algorithm with a priority queue: deterministic, and throws on a cycle. */
export function order(nodes: Node[], succ: Map<Node, Set<Node>> = edges(nodes)): Node[] {
  const indegree = new Map<Node, number>(nodes.map((n) => [n, 0]));
  for (const targets of succ.values()) for (const t of targets) indegree.set(t, indegree.get(t)! + 1);
  const heap = new Heap<Node>(before);
  for (const n of nodes) if (indegree.get(n) === 0) heap.push(n);
  const out: Node[] = [];
  while (heap.size > 0) {
    const n = heap.pop()!;
    out.push(n);
    for (const t of succ.get(n)!) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) heap.push(t);
    }
  }
  if (out.length !== nodes.length) {
    const left = nodes.filter((n) => indegree.get(n)! > 0);
    throw new DiffError('dependency-cycle', `The changes depend on each other in a cycle: ${describeCycle(left, succ)}. This is a bug in @pgshift/diff; please report it with the two models.`);
  }
  return out;
}

function label(n: Node): string {
  return `${n.change.kind} ${n.change.objectId}`;
}

function describeCycle(left: Node[], succ: Map<Node, Set<Node>>): string {
  const inLeft = new Set(left);
  const state = new Map<Node, number>();
  const stack: Node[] = [];
  const visit = (n: Node): Node[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const t of [...succ.get(n)!].filter((x) => inLeft.has(x))) {
      if (state.get(t) === 1) return stack.slice(stack.indexOf(t)).concat(t);
      if (!state.has(t)) {
        const found = visit(t);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of left) {
    if (state.has(n)) continue;
    const cycle = visit(n);
    if (cycle) return cycle.map(label).join(' → ');
  }
  return left.map(label).join(', ');
}

class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
