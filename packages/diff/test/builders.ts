/** Small builders for SchemaModel fixtures: defaults for everything a test does not care about. */
import {
  emptyModel,
  ids,
  qualified,
  type Column,
  type Constraint,
  type DefaultPrivilege,
  type EnumType,
  type DomainType,
  type Grant,
  type Index,
  type Policy,
  type Routine,
  type SchemaModel,
  type Schema,
  type Sequence,
  type Table,
  type Trigger,
  type View,
  type CompositeType,
  type Extension,
} from '@pgshift/catalog';

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function model(parts: Partial<Omit<SchemaModel, 'version'>> = {}): SchemaModel {
  const m = { ...emptyModel(150000), ...parts } as SchemaModel;
  return {
    ...m,
    roles: byId(m.roles),
    schemas: byId(m.schemas),
    extensions: byId(m.extensions),
    collations: byId(m.collations),
    types: byId(m.types),
    sequences: byId(m.sequences),
    tables: byId(m.tables),
    indexes: byId(m.indexes),
    views: byId(m.views),
    routines: byId(m.routines),
    triggers: byId(m.triggers),
    eventTriggers: byId(m.eventTriggers),
    policies: byId(m.policies),
    defaultPrivileges: byId(m.defaultPrivileges),
  };
}

export const OWNER = 'owner';

export function role(name: string, canLogin = false) {
  return { id: ids.role(name), name, canLogin };
}

export function grant(grantee: string, privilege: string, grantable = false): Grant {
  return { grantee, privilege, grantable };
}

export function schema(name: string, extra: Partial<Schema> = {}): Schema {
  return { kind: 'schema', id: ids.schema(name), name, owner: OWNER, acl: null, dependsOn: [], ...extra };
}

/** `version` is null for the server's default version, a string for a pinned one. */
export function extension(name: string, schemaName = 'public', version: string | null = null): Extension {
  return { kind: 'extension', id: ids.extension(name), name, schema: schemaName, version, dependsOn: [] };
}

export function col(name: string, type: string, extra: Partial<Column> = {}): Column {
  return { name, position: 0, type, collation: null, notNull: false, default: null, identity: null, generated: null, acl: null, dependsOn: [], ...extra };
}

export function table(schemaName: string, name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return {
    kind: 'table',
    id: ids.table(schemaName, name),
    schema: schemaName,
    name,
    owner: OWNER,
    acl: null,
    dependsOn: [],
    persistence: 'p',
    partitionBy: null,
    partitionOf: null,
    inherits: [],
    rowSecurity: false,
    forceRowSecurity: false,
    options: [],
    replicaIdentity: 'd',
    columns: columns.map((c, i) => ({ ...c, position: i + 1 })),
    constraints: [],
    ...extra,
  };
}

export function constraint(name: string, type: Constraint['type'], definition: string, extra: Partial<Constraint> = {}): Constraint {
  return { name, type, definition, validated: true, deferrable: false, deferred: false, inherited: false, dependsOn: [], ...extra };
}

/** The index a PRIMARY KEY / UNIQUE constraint creates. */
export function constraintIndex(t: Table, name: string, definition: string): Index {
  return { kind: 'index', id: ids.index(t.schema, name), schema: t.schema, name, table: t.id, definition, constraint: name, partitionOf: null, dependsOn: [] };
}

export function index(t: { id: string; schema: string }, name: string, definition: string, extra: Partial<Index> = {}): Index {
  return { kind: 'index', id: ids.index(t.schema, name), schema: t.schema, name, table: t.id, definition, constraint: null, partitionOf: null, dependsOn: [], ...extra };
}

export function view(schemaName: string, name: string, definition: string, columns: [string, string][], dependsOn: string[], extra: Partial<View> = {}): View {
  const kind = extra.kind ?? 'view';
  return {
    kind,
    id: kind === 'view' ? ids.view(schemaName, name) : ids.materializedView(schemaName, name),
    schema: schemaName,
    name,
    owner: OWNER,
    acl: null,
    dependsOn: [...dependsOn].sort(),
    definition,
    options: [],
    columns: columns.map(([n, type]) => ({ name: n, type, default: null, acl: null })),
    ...(kind === 'materialized view' ? { populated: true } : {}),
    ...extra,
  };
}

export function fn(schemaName: string, name: string, identityArguments: string, extra: Partial<Routine> & { body?: string } = {}): Routine {
  const kind = extra.kind ?? 'function';
  const result = extra.result === undefined ? 'integer' : extra.result;
  const { body, ...rest } = extra;
  const definition =
    kind === 'procedure'
      ? `CREATE OR REPLACE PROCEDURE ${qualified(schemaName, name)}(${extra.arguments ?? identityArguments})\n LANGUAGE sql\nAS $procedure$${body ?? 'select 1'}$procedure$\n`
      : `CREATE OR REPLACE FUNCTION ${qualified(schemaName, name)}(${extra.arguments ?? identityArguments})\n RETURNS ${result}\n LANGUAGE sql\nAS $function$${body ?? 'select 1'}$function$\n`;
  return {
    kind,
    id: ids.routine(kind, schemaName, name, identityArguments),
    schema: schemaName,
    name,
    identityArguments,
    arguments: identityArguments,
    result: kind === 'procedure' ? null : result,
    language: 'sql',
    definition,
    volatility: 'v',
    strict: false,
    securityDefiner: false,
    leakproof: false,
    parallel: 'u',
    cost: 100,
    rows: 0,
    config: [],
    owner: OWNER,
    acl: null,
    dependsOn: [],
    ...rest,
  };
}

export function enumType(schemaName: string, name: string, labels: string[], extra: Partial<EnumType> = {}): EnumType {
  return { kind: 'enum', id: ids.type(schemaName, name), schema: schemaName, name, labels, owner: OWNER, acl: null, dependsOn: [], ...extra };
}

export function domain(schemaName: string, name: string, baseType: string, extra: Partial<DomainType> = {}): DomainType {
  return { kind: 'domain', id: ids.type(schemaName, name), schema: schemaName, name, baseType, collation: null, default: null, notNull: false, constraints: [], owner: OWNER, acl: null, dependsOn: [], ...extra };
}

export function composite(schemaName: string, name: string, attributes: [string, string][], extra: Partial<CompositeType> = {}): CompositeType {
  return { kind: 'composite', id: ids.type(schemaName, name), schema: schemaName, name, attributes: attributes.map(([n, type]) => ({ name: n, type, collation: null })), owner: OWNER, acl: null, dependsOn: [], ...extra };
}

export function sequence(schemaName: string, name: string, extra: Partial<Sequence> = {}): Sequence {
  return {
    kind: 'sequence',
    id: ids.sequence(schemaName, name),
    schema: schemaName,
    name,
    dataType: 'integer',
    start: '1',
    increment: '1',
    min: '1',
    max: '2147483647',
    cache: '1',
    cycle: false,
    persistence: 'p',
    ownedBy: null,
    identity: false,
    owner: OWNER,
    acl: null,
    dependsOn: [],
    ...extra,
  };
}

export function trigger(t: Table | View, name: string, definition: string, dependsOn: string[], extra: Partial<Trigger> = {}): Trigger {
  return { kind: 'trigger', id: ids.trigger(t.schema, t.name, name), schema: t.schema, table: t.id, name, definition, enabled: 'O', constraint: false, dependsOn, ...extra };
}

export function policy(t: Table, name: string, extra: Partial<Policy> = {}): Policy {
  return { kind: 'policy', id: ids.policy(t.schema, t.name, name), schema: t.schema, table: t.id, name, permissive: true, command: '*', roles: ['PUBLIC'], using: null, withCheck: null, dependsOn: [], ...extra };
}

export function defaultPrivilege(roleName: string, schemaName: string | null, objectType: DefaultPrivilege['objectType'], acl: Grant[]): DefaultPrivilege {
  return { id: ids.defaultPrivilege(roleName, schemaName, objectType), role: roleName, schema: schemaName, objectType, acl };
}

/** Deploy SQL as one string, for assertions about statement order. */
export function statements(changes: { statements: string[] }[]): string[] {
  return changes.flatMap((c) => c.statements);
}

/** Index of the first statement containing `text`; fails loudly when absent. */
export function at(list: string[], text: string): number {
  const i = list.findIndex((s) => s.includes(text));
  if (i < 0) throw new Error(`no statement contains ${JSON.stringify(text)}:\n${list.join('\n')}`);
  return i;
}
