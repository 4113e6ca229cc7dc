/**
 * A SchemaModel seen as a graph of entities: every object with an id (including columns and
 * constraints, which the model nests inside tables), its dependencies with the implicit ones
 * made explicit (an object needs its schema, a column or index needs its table), and the
 * reverse edges used by the closure.
 */
import {
  ids,
  quoteIdent,
  type Column,
  type Constraint,
  type SchemaModel,
  type Table,
  type View,
  type Trigger,
} from '@pgshift/catalog';
import type { ObjectKind } from './types';

export interface Entity {
  id: string;
  kind: ObjectKind;
  /** Table or view id for columns, constraints, indexes, triggers and policies. */
  parent?: string;
  deps: string[];
}

export class ModelIndex {
  readonly entities = new Map<string, Entity>();
  private readonly dependents = new Map<string, string[]>();
  readonly tables = new Map<string, Table>();
  readonly views = new Map<string, View>();
  readonly types = new Map<string, SchemaModel['types'][number]>();
  /** Ranges by the type id of their multirange, which the model keeps as the range's `multirangeName`. */
  readonly multiranges = new Map<string, SchemaModel['types'][number]>();
  /** Ids of tables that some other table inherits from (partition parents are not counted). */
  readonly inherited = new Set<string>();
  readonly columns = new Map<string, { table: Table; column: Column }>();
  readonly constraints = new Map<string, { table: Table; constraint: Constraint }>();
  /**
   * Objects that are brought into existence by another one: a constraint's index, an identity
   * column's sequence, a partition's index or cloned trigger. A dependency on the alias is a
   * dependency on its provider.
   */
  readonly aliases = new Map<string, string>();
  /** Triggers cloned from a partitioned parent; they come with the partition. */
  readonly clonedTriggers = new Set<string>();

  constructor(readonly model: SchemaModel) {
    const schemaIds = new Set(model.schemas.map((s) => s.id));
    const bySchema = new Map<string, string[]>();
    const inSchema = (schema: string): string[] => {
      let deps = bySchema.get(schema);
      if (deps === undefined) {
        const id = ids.schema(schema);
        bySchema.set(schema, (deps = schemaIds.has(id) ? [id] : []));
      }
      return deps;
    };

    for (const t of model.tables) {
      this.tables.set(t.id, t);
      for (const p of t.inherits) this.inherited.add(p);
    }
    for (const v of model.views) this.views.set(v.id, v);
    for (const t of model.types) {
      this.types.set(t.id, t);
      if (t.kind === 'range' && t.multirangeName !== null) this.multiranges.set(ids.type(t.schema, t.multirangeName), t);
    }
    const triggerIds = new Set(model.triggers.map((t) => t.id));

    // Aliases first, so that every entity's dependencies are resolved as it is added.
    // PostgreSQL records what an exclusion constraint's expressions and predicate use on its
    // index: the constraint has those dependencies too.
    const keyIndexDeps = new Map<string, string[]>();
    for (const i of model.indexes) {
      const table = this.tables.get(i.table);
      if (i.constraint !== null && table) {
        const constraint = ids.constraint(table.schema, table.name, i.constraint);
        this.aliases.set(i.id, constraint);
        keyIndexDeps.set(constraint, i.dependsOn);
      } else if (i.partitionOf !== null) this.aliases.set(i.id, i.partitionOf);
    }
    for (const t of model.triggers) {
      const cloneOf = this.clonedFrom(t, triggerIds);
      if (cloneOf) {
        this.clonedTriggers.add(t.id);
        this.aliases.set(t.id, cloneOf);
      }
    }
    for (const s of model.sequences) if (s.identity && s.ownedBy !== null) this.aliases.set(s.id, s.ownedBy);

    const none: string[] = [];
    for (const role of model.roles) this.add(role.id, 'role', undefined, none);
    for (const s of model.schemas) this.add(s.id, 'schema', undefined, s.dependsOn);
    for (const e of model.extensions) this.add(e.id, 'extension', undefined, e.dependsOn, inSchema(e.schema));
    for (const c of model.collations) this.add(c.id, 'collation', undefined, c.dependsOn, inSchema(c.schema));
    for (const d of model.textSearchDictionaries) this.add(d.id, 'text search dictionary', undefined, d.dependsOn, inSchema(d.schema));
    for (const c of model.textSearchConfigurations) this.add(c.id, 'text search configuration', undefined, c.dependsOn, inSchema(c.schema));
    for (const t of model.types) this.add(t.id, 'type', undefined, t.dependsOn, inSchema(t.schema));
    for (const s of model.sequences) this.add(s.id, 'sequence', undefined, s.dependsOn, inSchema(s.schema));
    for (const t of model.tables) {
      const parents = t.partitionOf ? [...t.inherits, t.partitionOf.parent] : t.inherits;
      this.add(t.id, 'table', undefined, t.dependsOn, inSchema(t.schema), parents, this.keyColumnsAbove(t));
      const table = [t.id];
      for (const c of t.columns) {
        const id = ids.column(t.schema, t.name, c.name);
        this.columns.set(id, { table: t, column: c });
        this.add(id, 'column', t.id, c.dependsOn, table);
      }
      for (const c of t.constraints) {
        const id = ids.constraint(t.schema, t.name, c.name);
        this.constraints.set(id, { table: t, constraint: c });
        this.add(id, 'constraint', t.id, c.dependsOn, table, keyIndexDeps.get(id) ?? none);
      }
    }
    for (const v of model.views) {
      this.add(v.id, v.kind, undefined, v.dependsOn, inSchema(v.schema));
      const view = [v.id];
      for (const c of v.columns) this.add(ids.column(v.schema, v.name, c.name), 'column', v.id, view);
    }
    for (const i of model.indexes) this.add(i.id, 'index', i.table, i.dependsOn, [i.table]);
    for (const s of model.statistics) this.add(s.id, 'statistics', s.table, s.dependsOn, [s.table]);
    for (const r of model.routines) this.add(r.id, r.kind, undefined, r.dependsOn, inSchema(r.schema));
    for (const o of model.operators) this.add(o.id, 'operator', undefined, o.dependsOn, inSchema(o.schema));
    for (const c of model.casts) this.add(c.id, 'cast', undefined, c.dependsOn);
    for (const t of model.triggers) this.add(t.id, 'trigger', t.table, t.dependsOn, [t.table]);
    for (const r of model.rules) this.add(r.id, 'rule', r.table, r.dependsOn, [r.table]);
    for (const e of model.eventTriggers) this.add(e.id, 'event trigger', undefined, e.dependsOn, [e.function]);
    for (const p of model.policies) this.add(p.id, 'policy', p.table, p.dependsOn, [p.table]);
    for (const p of model.publications) this.add(p.id, 'publication', undefined, p.dependsOn);
    for (const s of model.subscriptions) this.add(s.id, 'subscription', undefined, s.dependsOn);
    for (const w of model.foreignDataWrappers) this.add(w.id, 'foreign data wrapper', undefined, w.dependsOn);
    for (const s of model.foreignServers) this.add(s.id, 'server', undefined, s.dependsOn);
    for (const m of model.userMappings) this.add(m.id, 'user mapping', undefined, m.dependsOn, [ids.foreignServer(m.server)]);
    for (const d of model.defaultPrivileges) this.add(d.id, 'default privileges', undefined, d.schema === null ? none : inSchema(d.schema));

    this.castsOnFunctions(model);
    for (const entity of this.entities.values()) {
      for (const dep of entity.deps) {
        const list = this.dependents.get(dep);
        if (list) list.push(entity.id);
        else this.dependents.set(dep, [entity.id]);
      }
    }
  }

  /**
   * PostgreSQL records an expression's use of a cast as a use of the cast's function: what uses
   * that function is taken to use the cast too, so that it comes after the cast and goes before it.
   */
  private castsOnFunctions(model: SchemaModel): void {
    const castsOf = new Map<string, string[]>();
    for (const c of model.casts) {
      if (c.method !== 'f') continue;
      for (const d of this.entities.get(c.id)?.deps ?? []) {
        const kind = this.entities.get(d)?.kind;
        if (kind === 'function') castsOf.set(d, [...(castsOf.get(d) ?? []), c.id]);
      }
    }
    if (castsOf.size === 0) return;
    for (const entity of this.entities.values()) {
      if (entity.kind === 'cast') continue;
      for (const d of entity.deps) for (const c of castsOf.get(d) ?? []) if (!entity.deps.includes(c)) entity.deps.push(c);
    }
  }

  has(id: string): boolean {
    return this.entities.has(id);
  }

  get(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  deps(id: string): string[] {
    return this.entities.get(id)?.deps ?? [];
  }

  /** Sorted on first use: a schema's list holds most of the model, and few lists are ever asked for. */
  private readonly sortedDependents = new Set<string>();

  dependentsOf(id: string): string[] {
    const list = this.dependents.get(id);
    if (list === undefined) return [];
    if (!this.sortedDependents.has(id)) {
      list.sort();
      this.sortedDependents.add(id);
    }
    return list;
  }

  /** The id whose change brings `id` into existence. */
  resolve(id: string): string {
    if (!this.aliases.has(id)) return id;
    let current = id;
    for (let i = 0; i < 4 && this.aliases.has(current); i++) current = this.aliases.get(current)!;
    return current;
  }

  /** Parent id → its children, sorted by id; built on first use, since the closure asks thousands of times. */
  private children: Map<string, Entity[]> | undefined;

  /** Columns, constraints, indexes, triggers and policies that vanish with the table or view. */
  childrenOf(id: string): Entity[] {
    if (!this.children) {
      this.children = new Map();
      for (const e of this.entities.values()) {
        if (e.parent === undefined || e.parent === null) continue;
        const list = this.children.get(e.parent);
        if (list) list.push(e);
        else this.children.set(e.parent, [e]);
      }
      for (const list of this.children.values()) list.sort((a, b) => cmp(a.id, b.id));
    }
    return [...(this.children.get(id) ?? [])];
  }

  private clonedFrom(t: Trigger, triggerIds: Set<string>): string | undefined {
    const table = this.tables.get(t.table);
    if (!table?.partitionOf) return undefined;
    const parent = this.tables.get(table.partitionOf.parent);
    if (!parent) return undefined;
    const parentTrigger = ids.trigger(parent.schema, parent.name, t.name);
    return triggerIds.has(parentTrigger) ? parentTrigger : undefined;
  }

  /**
   * A partitioned partition's key uses columns it has from the tables above it: it is created
   * after they are added and dropped before they are.
   */
  private keyColumnsAbove(t: Table): string[] {
    if (t.partitionBy === null || t.partitionOf === null) return [];
    const names = t.columns.filter((c) => inPartitionKey(t, c.name)).map((c) => c.name);
    const out: string[] = [];
    for (let up = this.tables.get(t.partitionOf.parent); up !== undefined; up = up.partitionOf ? this.tables.get(up.partitionOf.parent) : undefined) {
      for (const name of names) if (up.columns.some((c) => c.name === name)) out.push(ids.column(up.schema, up.name, name));
    }
    return out;
  }

  /** An entity with its dependencies resolved through the aliases, without itself or duplicates. */
  private add(id: string, kind: ObjectKind, parent: string | undefined, ...lists: readonly string[][]): void {
    // A handful of dependencies each: an array that refuses duplicates beats a Set.
    const deps: string[] = [];
    for (const list of lists) {
      for (const d of list) {
        const resolved = this.aliases.size > 0 ? this.resolve(d) : d;
        if (resolved !== id && !deps.includes(resolved)) deps.push(resolved);
      }
    }
    this.children = undefined;
    this.entities.set(id, parent === undefined ? { id, kind, deps } : { id, kind, parent, deps });
  }

}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Code-point comparison: locale-independent, so output does not depend on the machine. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The table is partitioned by a key that names the column. */
export function inPartitionKey(t: Table, column: string): boolean {
  if (t.partitionBy === null) return false;
  // pg_get_partkeydef writes a plain lowercase name bare, any other quoted.
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forms = [escape(quoteIdent(column)), ...(/^[a-z_][a-z0-9_$]*$/.test(column) ? [escape(column)] : [])];
  return new RegExp(`(^|[^\\w"$])(${forms.join('|')})($|[^\\w"$])`).test(t.partitionBy);
}
