/**
 * Object ids and identifier quoting. An id is `<kind> <qualified name>` with every name part
 * quoted, e.g. `table "data"."todos"`, `column "data"."todos"."title"`,
 * `function "api"."login"(text, text)`. The same function quotes identifiers in every SQL
 * statement pgshift writes.
 */

/** Quotes an identifier exactly as quote_ident() would need it, always (quoting is never wrong). */
export function quoteIdent(name: string): string {
  return name.includes('"') ? `"${name.replace(/"/g, '""')}"` : `"${name}"`;
}

/** A string literal, safe under standard_conforming_strings = on (the default since 9.1). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export const ids = {
  role: (name: string) => `role ${quoteIdent(name)}`,
  schema: (name: string) => `schema ${quoteIdent(name)}`,
  extension: (name: string) => `extension ${quoteIdent(name)}`,
  collation: (schema: string, name: string) => `collation ${qualified(schema, name)}`,
  textSearchDictionary: (schema: string, name: string) => `text search dictionary ${qualified(schema, name)}`,
  textSearchConfiguration: (schema: string, name: string) => `text search configuration ${qualified(schema, name)}`,
  /** enums, composites, domains and ranges share one namespace with each other (pg_type). */
  type: (schema: string, name: string) => `type ${qualified(schema, name)}`,
  sequence: (schema: string, name: string) => `sequence ${qualified(schema, name)}`,
  table: (schema: string, name: string) => `table ${qualified(schema, name)}`,
  column: (schema: string, table: string, column: string) => `column ${qualified(schema, table)}.${quoteIdent(column)}`,
  constraint: (schema: string, table: string, name: string) => `constraint ${qualified(schema, table)}.${quoteIdent(name)}`,
  index: (schema: string, name: string) => `index ${qualified(schema, name)}`,
  statistics: (schema: string, name: string) => `statistics ${qualified(schema, name)}`,
  view: (schema: string, name: string) => `view ${qualified(schema, name)}`,
  materializedView: (schema: string, name: string) => `materialized view ${qualified(schema, name)}`,
  /** kind is function, procedure or aggregate; args is pg_get_function_identity_arguments(). */
  routine: (kind: string, schema: string, name: string, args: string) => `${kind} ${qualified(schema, name)}(${args})`,
  /** The operator as regoperator prints it, e.g. `operator "public".===(integer,integer)`. */
  operator: (schema: string, name: string, left: string | null, right: string) => `operator ${quoteIdent(schema)}.${name}(${left ?? 'NONE'},${right})`,
  /** source and target are format_type() names. */
  cast: (source: string, target: string) => `cast (${source} AS ${target})`,
  trigger: (schema: string, table: string, name: string) => `trigger ${qualified(schema, table)}.${quoteIdent(name)}`,
  rule: (schema: string, table: string, name: string) => `rule ${qualified(schema, table)}.${quoteIdent(name)}`,
  publication: (name: string) => `publication ${quoteIdent(name)}`,
  subscription: (name: string) => `subscription ${quoteIdent(name)}`,
  foreignDataWrapper: (name: string) => `foreign data wrapper ${quoteIdent(name)}`,
  foreignServer: (name: string) => `server ${quoteIdent(name)}`,
  userMapping: (user: string, server: string) => `user mapping ${user === 'PUBLIC' ? 'PUBLIC' : quoteIdent(user)} server ${quoteIdent(server)}`,
  eventTrigger: (name: string) => `event trigger ${quoteIdent(name)}`,
  policy: (schema: string, table: string, name: string) => `policy ${qualified(schema, table)}.${quoteIdent(name)}`,
  /** Privileges on an extension's member: `on` is function, procedure, aggregate, table, sequence, type, domain or language. */
  extensionGrant: (on: string, schema: string | null, name: string, args: string | null) =>
    `grant on ${on} ${schema === null ? quoteIdent(name) : qualified(schema, name)}${args === null ? '' : `(${args})`}`,
  defaultPrivilege: (role: string, schema: string | null, objectType: string) =>
    `default privileges ${quoteIdent(role)} ${schema === null ? '*' : quoteIdent(schema)} ${objectType}`,
};
