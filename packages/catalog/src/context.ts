/** State shared by the readers of one introspection. */
import { DependencyGraph, key } from './graph';
import type { DomainType, SchemaModel, Table, View } from './model';

/** A relation kept in the model, by oid: how other rows (columns, indexes, triggers) find their owner. */
export interface Relation {
  schema: string;
  name: string;
  /** pg_class.relkind */
  kind: string;
  /** Model id of the relation (table, view, materialized view, sequence, composite type). */
  id: string;
}

export class ReadContext {
  readonly graph = new DependencyGraph();
  readonly relations = new Map<string, Relation>();
  readonly tables = new Map<string, Table>();
  readonly views = new Map<string, View>();
  /** Domains by pg_type oid: their CHECK constraints arrive with the other constraints. */
  readonly domains = new Map<string, DomainType>();
  /** Names of roles referenced by the model (owners, grantees, policy and default-privilege roles). */
  readonly roles = new Set<string>();
  /** Columns and constraints of tables, which the model nests, with their ids: their dependsOn is filled at the end. */
  readonly nested: { object: { dependsOn: string[] }; id: string }[] = [];

  constructor(
    readonly model: SchemaModel,
    private readonly includeSchemas: ReadonlySet<string> | null,
    private readonly excludeSchemas: ReadonlySet<string> = new Set(),
    /** Relations and routines that are the same in two databases are left out (see introspectPair). */
    readonly partial = false,
  ) {}

  get version(): number {
    return this.model.serverVersionNum;
  }

  /** An object is read when its schema is included and no extension owns it. */
  keep(schema: string, catalog: string, oid: string): boolean {
    return this.schemaIncluded(schema) && !this.graph.isExtensionMember(key(catalog, oid));
  }

  schemaIncluded(schema: string): boolean {
    return (this.includeSchemas === null || this.includeSchemas.has(schema)) && !this.excludeSchemas.has(schema);
  }

  /** Records owner and grantees as referenced roles. */
  useRoles(owner: string | null, acl: { grantee: string }[] | null): void {
    if (owner !== null) this.useRole(owner);
    for (const g of acl ?? []) this.useRole(g.grantee);
  }

  /** PUBLIC is no role, and '' (the introspecting role, see `Owned.owner`) is never recorded as one. */
  useRole(name: string): void {
    if (name !== 'PUBLIC' && name !== '') this.roles.add(name);
  }
}
