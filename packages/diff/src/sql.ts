/** Small SQL-writing helpers shared by every change module. */
import { quoteIdent, quoteLiteral, qualified } from '@pgshift/catalog';

export { quoteIdent, quoteLiteral, qualified };

/**
 * A role as an owner, grantee or policy role: PUBLIC is a keyword, '' (the role that loaded the
 * model, see the catalog's `Owned.owner`) is the role running the migration, CURRENT_USER
 * (PostgreSQL 14+ accepts it everywhere a role is expected), everything else an identifier.
 */
export function roleSql(name: string): string {
  return name === 'PUBLIC' ? 'PUBLIC' : name === '' ? 'CURRENT_USER' : quoteIdent(name);
}

/** An oid expression for a role name, 0 for PUBLIC (as aclexplode reports it), current_user's for ''. */
export function roleOid(name: string): string {
  if (name === 'PUBLIC') return '0::pg_catalog.oid';
  const rolname = name === '' ? 'CURRENT_USER' : quoteLiteral(name);
  return `(SELECT oid FROM pg_catalog.pg_roles WHERE rolname = ${rolname})`;
}

/** A role for messages: '' reads as the current user. */
export function roleLabel(name: string): string {
  return name === '' ? 'the current user' : name;
}

/**
 * A collation name as the catalog reports it: either already quoted (`"de_DE"`, `"s"."c"`) or
 * bare (`C`, `s.c`). Bare names are quoted part by part.
 */
export function collationSql(name: string): string {
  if (/^"(?:[^"]|"")*"(?:\."(?:[^"]|"")*")?$/.test(name)) return name;
  const dot = name.indexOf('.');
  return dot > 0 ? qualified(name.slice(0, dot), name.slice(dot + 1)) : quoteIdent(name);
}

/** A dollar-quote tag that does not occur in `body`. */
export function dollarTag(body: string): string {
  let tag = '$pgshift$';
  for (let i = 1; body.includes(tag); i++) tag = `$pgshift${i}$`;
  return tag;
}

/** Catalog deparsed statements sometimes end with a newline or a semicolon; statements are stored bare. */
export function bare(statement: string): string {
  return statement.trim().replace(/;\s*$/, '').trimEnd();
}

/** The fixed order privileges are written in, so output does not depend on input order. */
export const PRIVILEGE_ORDER = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'MAINTAIN',
  'USAGE',
  'EXECUTE',
  'CREATE',
  'CONNECT',
  'TEMPORARY',
];

export function privilegeRank(p: string): number {
  const i = PRIVILEGE_ORDER.indexOf(p);
  return i < 0 ? PRIVILEGE_ORDER.length : i;
}

/** A relation's pg_class oid by qualified name. */
export function regclass(schema: string, name: string): string {
  return `pg_catalog.to_regclass(${quoteLiteral(qualified(schema, name))})`;
}

/** A schema's oid, or 0 for "all schemas" (pg_default_acl's convention). */
export function schemaOidOrZero(schema: string | null): string {
  return schema === null ? '0::pg_catalog.oid' : `(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(schema)})`;
}

/** aclexplode() rejects an empty (zero-dimensional) array; NULL simply yields no rows. */
export function aclRows(acl: string): string {
  return `pg_catalog.aclexplode(NULLIF(${acl}, '{}'::pg_catalog.aclitem[]))`;
}
