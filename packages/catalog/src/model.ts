/**
 * The SchemaModel: everything a migration must reproduce, as plain sorted JSON data.
 *
 * It is the contract between introspection (packages/catalog) and diffing (packages/diff):
 * the catalog fills it from a live database, the differ compares two of them, and test
 * fixtures are stored as SchemaModels. Definitions are kept in the form PostgreSQL's own
 * deparsers print them (pg_get_viewdef, pg_get_functiondef, pg_get_constraintdef,
 * pg_get_indexdef, pg_get_triggerdef, pg_get_expr, format_type), so that the differ renders
 * SQL from catalog text rather than from user text.
 *
 * Every object has an `id` (see ids.ts) that is unique across the model and stable between
 * two databases: it is how objects are matched and how dependencies are expressed.
 * Arrays are sorted by id; every optional field is either present or absent, never undefined,
 * so that two models of the same database serialise to identical JSON.
 */

export const MODEL_VERSION = 12;

export interface SchemaModel {
  version: typeof MODEL_VERSION;
  /** server_version_num of the database the model was read from, e.g. 180001. */
  serverVersionNum: number;
  roles: Role[];
  schemas: Schema[];
  extensions: Extension[];
  collations: Collation[];
  textSearchDictionaries: TextSearchDictionary[];
  textSearchConfigurations: TextSearchConfiguration[];
  types: TypeDef[];
  sequences: Sequence[];
  tables: Table[];
  indexes: Index[];
  /** Extended statistics (CREATE STATISTICS). */
  statistics: Statistics[];
  views: View[];
  routines: Routine[];
  operators: Operator[];
  /** User-defined casts (CREATE CAST); the built-in ones and those of extensions are not in the model. */
  casts: Cast[];
  triggers: Trigger[];
  /** Rewrite rules other than a view's own _RETURN rule. */
  rules: Rule[];
  eventTriggers: EventTrigger[];
  policies: Policy[];
  defaultPrivileges: DefaultPrivilege[];
  /** Privileges on extension members that differ from those the extension was created with. */
  extensionGrants: ExtensionGrant[];
  publications: Publication[];
  foreignDataWrappers: ForeignDataWrapper[];
  foreignServers: ForeignServer[];
  userMappings: UserMapping[];
  subscriptions: Subscription[];
  /**
   * Objects of kinds the model does not hold, e.g. `operator family public.my_ops using btree`,
   * `language plsample`: a migration cannot create, change or drop them (see queries/unmodelled.ts).
   */
  unmodelled: string[];
  /**
   * Set by a read that leaves out what is the same in two databases (introspectPair): `schema.name`
   * of the relations (indexes included) it left out, which still take their names in the schema.
   */
  unreadRelations?: string[];
}

/** One privilege held by one grantee, as aclexplode() reports it. */
export interface Grant {
  /** Role name, 'PUBLIC', or '' for the role that ran the introspection (see `Owned.owner`). */
  grantee: string;
  /** Upper-case privilege keyword: SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, USAGE, EXECUTE, CREATE, CONNECT, TEMPORARY, MAINTAIN. */
  privilege: string;
  grantable: boolean;
}

/**
 * Ownership and privileges. `acl` is null when the catalog's ACL column is NULL, which means
 * "the built-in default" (e.g. EXECUTE to PUBLIC on functions); an empty array means every
 * privilege was revoked. Grantees keep the order of the ACL (the order pg_dump prints), each
 * grantee's privileges sorted.
 */
export interface Owned {
  /**
   * Owner role name, or '' for the role that ran the introspection (current_user). Throwaway
   * databases are loaded by different roles (PGlite's postgres, a server's admin user, the role a
   * deploy runs as), so ownership is recorded relative to the loading role: what the source simply
   * created is owned by '', and only an explicit `ALTER … OWNER TO someone` names a role. The same
   * holds for grantees, policy roles and default-privilege roles. No role can have an empty name,
   * so '' never collides with one, and '' is never listed in `SchemaModel.roles`. The differ
   * writes it as CURRENT_USER.
   */
  owner: string;
  acl: Grant[] | null;
}

/** Fields every object carries. */
export interface Base {
  id: string;
  /** COMMENT ON text, when there is one. */
  comment?: string;
  /**
   * Ids of the model objects this object depends on (pg_depend, pg_rewrite for views, the
   * types of columns and arguments, the table of a column default's sequence, …), sorted,
   * without itself and without objects outside the model (system catalogs, extension members).
   */
  dependsOn: string[];
}

/** A role referenced by some object in the model (owner, grantee, policy role, default privileges). */
export interface Role {
  id: string; // role "name"
  name: string;
  /** Attributes needed to create it when missing: LOGIN etc. Only a guarded CREATE ROLE is ever emitted. */
  canLogin: boolean;
}

export interface Schema extends Base, Owned {
  kind: 'schema';
  name: string;
}

export interface Extension extends Base {
  kind: 'extension';
  name: string;
  schema: string;
  /**
   * The installed version when it is not the server's default one (the source pinned it with
   * VERSION); null otherwise, so that engines shipping different defaults agree.
   */
  version: string | null;
}

/** A schema-qualified name of an object outside pg_class (a text search template or dictionary). */
export interface QualifiedName {
  schema: string;
  name: string;
}

/** A text search dictionary; its `acl` is always null. Templates are built in or come with extensions. */
export interface TextSearchDictionary extends Base, Owned {
  kind: 'text search dictionary';
  schema: string;
  name: string;
  template: QualifiedName;
  /** The template's options in the catalog's order, each [name, SQL literal], e.g. ['stopwords', "'english'"]. */
  options: [string, string][];
}

/** A text search configuration; its `acl` is always null. */
export interface TextSearchConfiguration extends Base, Owned {
  kind: 'text search configuration';
  schema: string;
  name: string;
  parser: QualifiedName;
  /** Token type alias → the dictionaries tried in order; sorted by token. */
  mappings: { token: string; dictionaries: QualifiedName[] }[];
}

/** An operator (shell operators, which only stand in for a commutator not yet defined, are left out). */
export interface Operator extends Base, Owned {
  kind: 'operator';
  schema: string;
  /** The operator's symbol, e.g. `===`. */
  name: string;
  /** format_type() names; null for a prefix operator's missing left argument. */
  left: string | null;
  right: string;
  /** The function, as regprocedure prints it. */
  function: string;
  commutator: QualifiedName | null;
  negator: QualifiedName | null;
  /** Selectivity estimators, as regproc prints them (e.g. `eqsel`). */
  restrict: string | null;
  join: string | null;
  hashes: boolean;
  merges: boolean;
}

/** A cast between two types; casts have no owner, schema or privileges. */
export interface Cast extends Base {
  kind: 'cast';
  /** format_type() names. */
  source: string;
  target: string;
  /** WITH FUNCTION: the function as regprocedure prints it, e.g. `public.to_cents(public.money_amount)`. */
  function: string | null;
  /** f: WITH FUNCTION, i: WITH INOUT, b: WITHOUT FUNCTION (binary coercible). */
  method: 'f' | 'i' | 'b';
  /** e: explicit only, a: AS ASSIGNMENT, i: AS IMPLICIT. */
  context: 'e' | 'a' | 'i';
}

export interface Collation extends Base, Owned {
  kind: 'collation';
  schema: string;
  name: string;
  provider: 'c' | 'i' | 'l' | 'd' | 'b';
  deterministic: boolean;
  /** collcollate / collctype for libc; locale for icu/builtin. */
  lcCollate: string | null;
  lcCtype: string | null;
  locale: string | null;
  rules: string | null;
}

export type TypeDef = EnumType | CompositeType | DomainType | RangeType;

interface TypeBase extends Base, Owned {
  schema: string;
  name: string;
}

export interface EnumType extends TypeBase {
  kind: 'enum';
  /** Labels in enumsortorder. */
  labels: string[];
}

export interface CompositeType extends TypeBase {
  kind: 'composite';
  attributes: { name: string; type: string; collation: string | null; comment?: string }[];
}

export interface DomainType extends TypeBase {
  kind: 'domain';
  /** format_type() of the base type, with typmod. */
  baseType: string;
  collation: string | null;
  default: string | null;
  notNull: boolean;
  /** CHECK constraints, by name; `definition` is pg_get_constraintdef(). */
  constraints: { name: string; definition: string; validated: boolean; comment?: string }[];
}

export interface RangeType extends TypeBase {
  kind: 'range';
  subtype: string;
  /** Quoted qualified name of the subtype operator class when it is not the default one. */
  subtypeOpclass: string | null;
  collation: string | null;
  /** Quoted qualified function names (`"s"."f"`). */
  canonical: string | null;
  subtypeDiff: string | null;
  multirangeName: string | null;
}

export interface Sequence extends Base, Owned {
  kind: 'sequence';
  schema: string;
  name: string;
  dataType: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  persistence: 'p' | 'u';
  /** OWNED BY table.column, as a column id, when set. */
  ownedBy: string | null;
  /** True for the sequence behind an identity column: it is created by the column, not on its own. */
  identity: boolean;
}

export interface Column {
  name: string;
  /** 1-based position among the table's live columns, after dropped ones are removed. */
  position: number;
  /** format_type(atttypid, atttypmod). */
  type: string;
  /**
   * COLLATE clause operand, schema-qualified and quoted (e.g. `"pg_catalog"."C"`), only when it
   * differs from the default collation of the column's type; null otherwise. The same form is used
   * for the collations of composite attributes, domains and ranges.
   */
  collation: string | null;
  notNull: boolean;
  /** Name of the NOT NULL constraint where the server names them (PostgreSQL 18+) and the name is not the default one. */
  notNullName?: string;
  /** pg_get_expr of the default, for plain defaults. */
  default: string | null;
  identity: 'a' | 'd' | null;
  /** Options of the identity sequence when identity is set. */
  identitySequence?: Pick<Sequence, 'name' | 'start' | 'increment' | 'min' | 'max' | 'cache' | 'cycle' | 'dataType'>;
  /** pg_get_expr of a GENERATED ALWAYS AS (…) expression (STORED unless `virtual`). */
  generated: string | null;
  /** Present (true) for a PostgreSQL 18 VIRTUAL generated column. */
  virtual?: boolean;
  /** attstorage when it differs from the type's default. */
  storage?: 'p' | 'e' | 'm' | 'x';
  /** ALTER COLUMN … SET STATISTICS target, when one is set. */
  statistics?: number;
  /** Attribute options (attoptions) such as `n_distinct=12`, sorted, when any are set. */
  options?: string[];
  /** COMPRESSION method when one is set on the column. */
  compression?: 'pglz' | 'lz4';
  /**
   * Present (true) on a table that INHERITS when the column exists only because a parent has it
   * (not attislocal): CREATE TABLE … INHERITS leaves it out of its column list.
   */
  inheritedOnly?: true;
  /** Column-level privileges. */
  acl: Grant[] | null;
  comment?: string;
  /** Model ids this column's type, collation, default or generation expression depend on. */
  dependsOn: string[];
  /** A foreign table column's OPTIONS (`key=value`, sorted), when it has any. */
  fdwOptions?: string[];
}

export interface Constraint {
  name: string;
  type: 'p' | 'u' | 'c' | 'f' | 'x';
  /** pg_get_constraintdef(oid): e.g. `PRIMARY KEY (id)`, `FOREIGN KEY (a) REFERENCES s.t(id) ON DELETE CASCADE`. */
  definition: string;
  validated: boolean;
  deferrable: boolean;
  deferred: boolean;
  /** For FKs, the id of the referenced table; for constraints backed by an index, the index's name. */
  references?: string;
  /** True when the constraint is inherited from a parent table (not local): never emitted on its own. */
  inherited: boolean;
  comment?: string;
  dependsOn: string[];
}

export interface Table extends Base, Owned {
  kind: 'table';
  schema: string;
  name: string;
  persistence: 'p' | 'u';
  /** `RANGE (created_at)` etc. from pg_get_partkeydef, for partitioned tables. */
  partitionBy: string | null;
  /**
   * For a partition: [name, tgenabled] of the triggers cloned onto it from a parent's whose state
   * differs from the parent's (`ALTER TABLE partition DISABLE TRIGGER …`), by name.
   */
  triggerStates?: [string, 'O' | 'D' | 'R' | 'A'][];
  /** For a partition: parent table id and pg_get_expr(relpartbound). */
  partitionOf: { parent: string; bound: string } | null;
  /** For a typed table (CREATE TABLE … OF type): the composite type's id. Its columns are the type's attributes. */
  ofType?: string;
  /** INHERITS parents (table ids), in inhseqno order, for non-partition inheritance. */
  inherits: string[];
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  /** reloptions in the catalog's order (as written), as `key=value`; those of the table's TOAST table after, as `toast.key=value`. */
  options: string[];
  /** REPLICA IDENTITY: d (default), n, f, i (the index is marked `replicaIdentity`). */
  replicaIdentity: 'd' | 'n' | 'f' | 'i';
  columns: Column[];
  /** Sorted by name. */
  constraints: Constraint[];
  /** A foreign table: its server (by name) and options (`key=value`, sorted). */
  foreign?: { server: string; options: string[] };
}

export interface Index extends Base {
  kind: 'index';
  schema: string;
  name: string;
  /** Id of the table or materialized view. */
  table: string;
  /** pg_get_indexdef(oid). */
  definition: string;
  /** Name of the constraint this index implements (PK, UNIQUE, EXCLUDE): then it is created by the constraint. */
  constraint: string | null;
  /** For a partition's index: the id of the partitioned parent index it is attached to. */
  partitionOf: string | null;
  /**
   * For an index of a partition: the names of its own key and INCLUDE columns, from which
   * PostgreSQL names the index it clones onto a new partition. An index column keeps the name it
   * was made with (the table column's then, or a name from the expression: `lower`, `expr`), even
   * when the table's column is renamed later.
   */
  columnNames?: string[];
  /** Statistics targets set on expression columns (ALTER INDEX … ALTER COLUMN n SET STATISTICS): [column number, target]. */
  statistics?: [number, number][];
  /** Present (true) when the table is marked CLUSTER ON this index. */
  clustered?: true;
  /** Present (true) when this index is the table's REPLICA IDENTITY USING INDEX. */
  replicaIdentity?: true;
}

/** An extended statistics object; its `acl` is always null (statistics have no privileges). */
export interface Statistics extends Base, Owned {
  kind: 'statistics';
  schema: string;
  name: string;
  /** Id of the table, foreign table or materialized view. */
  table: string;
  /** ndistinct, dependencies and mcv, those that are enabled (stxkind without 'e'), in that order. */
  kinds: ('ndistinct' | 'dependencies' | 'mcv')[];
  /**
   * Column names, sorted: PostgreSQL keeps them in column order, which a migration cannot always
   * reproduce and which means nothing for the statistics.
   */
  columns: string[];
  /** Expressions, as pg_get_statisticsobjdef_expressions prints them, in their order. */
  expressions: string[];
  /** ALTER STATISTICS … SET STATISTICS; absent for the default. */
  target?: number;
}

export type ViewColumn = Pick<Column, 'name' | 'type' | 'default' | 'acl' | 'comment' | 'storage' | 'statistics' | 'options' | 'compression'>;

export interface View extends Base, Owned {
  kind: 'view' | 'materialized view';
  schema: string;
  name: string;
  /** pg_get_viewdef(oid), without the trailing semicolon: fully parenthesised, so that it parses back to the same tree (the pretty form drops parentheses a nested AND or OR needs). */
  definition: string;
  /** reloptions in the catalog's order (as written): security_barrier=true, security_invoker=true, check_option=… */
  options: string[];
  /** A materialized view's columns also carry the settings a table's columns have (see Column). */
  columns: ViewColumn[];
  /** For materialized views: whether it was populated (WITH DATA). */
  populated?: boolean;
}

export interface Routine extends Base, Owned {
  kind: 'function' | 'procedure' | 'aggregate';
  schema: string;
  name: string;
  /** pg_get_function_identity_arguments(): the part of the id inside the parentheses. */
  identityArguments: string;
  /** pg_get_function_arguments(): with names and defaults. */
  arguments: string;
  /** pg_get_function_result(), null for procedures. */
  result: string | null;
  language: string;
  /** pg_get_functiondef() for functions and procedures; the CREATE AGGREGATE statement for aggregates. */
  definition: string;
  volatility: 'i' | 's' | 'v';
  strict: boolean;
  securityDefiner: boolean;
  leakproof: boolean;
  parallel: 's' | 'r' | 'u';
  cost: number;
  rows: number;
  /** proconfig entries such as `search_path=public, pg_temp`, sorted. */
  config: string[];
}

export interface Trigger extends Base {
  kind: 'trigger';
  schema: string;
  /** Id of the table or view. */
  table: string;
  name: string;
  /** pg_get_triggerdef(oid). */
  definition: string;
  /** tgenabled: O (origin, the default), D (disabled), R (replica), A (always). */
  enabled: 'O' | 'D' | 'R' | 'A';
  constraint: boolean;
}

export interface Rule extends Base {
  kind: 'rule';
  schema: string;
  /** Id of the table or view. */
  table: string;
  name: string;
  /** pg_get_ruledef(oid): the whole CREATE RULE statement, fully parenthesised like a view definition. */
  definition: string;
  /** ev_enabled: O (origin, the default), D (disabled), R (replica), A (always). */
  enabled: 'O' | 'D' | 'R' | 'A';
}

/** A foreign-data wrapper. `handler` and `validator` are quoted qualified function names. */
export interface ForeignDataWrapper extends Base, Owned {
  kind: 'foreign data wrapper';
  name: string;
  handler: string | null;
  validator: string | null;
  /** `key=value`, sorted. */
  options: string[];
}

/** A foreign server of a wrapper (by name). */
export interface ForeignServer extends Base, Owned {
  kind: 'server';
  name: string;
  wrapper: string;
  type: string | null;
  version: string | null;
  options: string[];
}

/** A user mapping: `user` is a role name, 'PUBLIC', or '' for the introspecting role (see `Owned.owner`). */
export interface UserMapping extends Omit<Base, 'comment'> {
  kind: 'user mapping';
  server: string;
  user: string;
  options: string[];
}

/**
 * A logical-replication subscription of this database. `connection` is null when the
 * introspecting role may not read it; `options` are the WITH settings the server version has,
 * as `key=value` (sorted), e.g. `binary=false`, `streaming=off`.
 */
export interface Subscription extends Base, Owned {
  kind: 'subscription';
  name: string;
  connection: string | null;
  /** In subpublications order. */
  publications: string[];
  enabled: boolean;
  slotName: string | null;
  options: string[];
}

/** A publication; its `acl` is always null (publications have no privileges). */
export interface Publication extends Base, Owned {
  kind: 'publication';
  name: string;
  allTables: boolean;
  /** What it publishes, in this order: insert, update, delete, truncate. */
  publish: ('insert' | 'update' | 'delete' | 'truncate')[];
  viaRoot: boolean;
  /** The published tables, by table id, each with its row filter and column list (PostgreSQL 15+). */
  tables: { table: string; where: string | null; columns: string[] | null }[];
  /** Schemas published with FOR TABLES IN SCHEMA (PostgreSQL 15+), sorted. */
  schemas: string[];
}

export interface EventTrigger extends Base, Owned {
  kind: 'event trigger';
  name: string;
  event: string;
  /** WHEN TAG IN filter, in the order written (as pg_dump prints it); null without a filter. */
  tags: string[] | null;
  /** Id of the function. */
  function: string;
  enabled: 'O' | 'D' | 'R' | 'A';
}

export interface Policy extends Base {
  kind: 'policy';
  schema: string;
  /** Id of the table, as for triggers and indexes. */
  table: string;
  name: string;
  permissive: boolean;
  command: 'r' | 'a' | 'w' | 'd' | '*';
  /** Role names ('' for the introspecting role, see `Owned.owner`), sorted; ['PUBLIC'] for the default. */
  roles: string[];
  using: string | null;
  withCheck: string | null;
}

/** The privileges on one member of an extension, when they are not those its script left. */
export interface ExtensionGrant {
  id: string;
  kind: 'extension grant';
  extension: string;
  /** What GRANT … ON names (an aggregate as a function). */
  on: 'function' | 'procedure' | 'aggregate' | 'table' | 'sequence' | 'type' | 'domain' | 'language';
  /** null for a language. */
  schema: string | null;
  name: string;
  /** For routines: pg_get_function_identity_arguments(). */
  identityArguments?: string;
  owner: string;
  /** null: the built-in default, as for any object. */
  acl: Grant[] | null;
  /** What the extension's script left (pg_init_privs), null for the built-in default. */
  initial: Grant[] | null;
}

export interface DefaultPrivilege {
  id: string;
  /** Role whose future objects are affected (FOR ROLE); '' for the introspecting role, see `Owned.owner`. */
  role: string;
  /** Schema name, or null for all schemas. */
  schema: string | null;
  /** r tables, S sequences, f functions, T types, n schemas. */
  objectType: 'r' | 'S' | 'f' | 'T' | 'n';
  /** Sorted by grantee, then privilege: PostgreSQL does not keep the order of default grants. */
  acl: Grant[];
}

/** Every object kind that has an id and can be created or dropped on its own. */
export type ModelObject =
  | Schema
  | Extension
  | Collation
  | TypeDef
  | Sequence
  | Table
  | Index
  | View
  | Routine
  | Trigger
  | EventTrigger
  | Policy;

/** Old labels, in order, are a subsequence of the new ones: ADD VALUE can get there. */
export function enumAppendOnly(from: string[], to: string[]): boolean {
  let i = 0;
  for (const label of to) if (i < from.length && from[i] === label) i++;
  return i === from.length;
}

/**
 * `schema.name` of every relation the model holds or has left out (indexes and composite types
 * included): the names taken in each schema.
 */
export function relationNames(m: SchemaModel): Set<string> {
  const out = new Set(m.unreadRelations ?? []);
  for (const r of [...m.tables, ...m.views, ...m.sequences, ...m.indexes, ...m.types.filter((t) => t.kind === 'composite')]) out.add(`${r.schema}.${r.name}`);
  return out;
}

export function emptyModel(serverVersionNum = 0): SchemaModel {
  return {
    version: MODEL_VERSION,
    serverVersionNum,
    roles: [],
    schemas: [],
    extensions: [],
    collations: [],
    textSearchDictionaries: [],
    textSearchConfigurations: [],
    types: [],
    sequences: [],
    tables: [],
    indexes: [],
    statistics: [],
    views: [],
    routines: [],
    operators: [],
    casts: [],
    triggers: [],
    rules: [],
    eventTriggers: [],
    policies: [],
    defaultPrivileges: [],
    extensionGrants: [],
    publications: [],
    foreignDataWrappers: [],
    foreignServers: [],
    userMappings: [],
    subscriptions: [],
    unmodelled: [],
  };
}
