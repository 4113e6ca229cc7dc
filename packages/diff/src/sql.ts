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

/** A type's pg_type oid by qualified name. */
export function regtype(schema: string, name: string): string {
  return `pg_catalog.to_regtype(${quoteLiteral(qualified(schema, name))})`;
}

/** A schema's oid, or 0 for "all schemas" (pg_default_acl's convention). */
export function schemaOidOrZero(schema: string | null): string {
  return schema === null ? '0::pg_catalog.oid' : `(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(schema)})`;
}

/** aclexplode() rejects an empty (zero-dimensional) array; NULL simply yields no rows. */
export function aclRows(acl: string): string {
  return `pg_catalog.aclexplode(NULLIF(${acl}, '{}'::pg_catalog.aclitem[]))`;
}

/**
 * A deparsed expression as SQL that parses back to the same tree (PostgreSQL's deparsers do not
 * promise that). Two cases are known and mended. PostgreSQL deparses an array
 * of literals coerced as a whole (what `varchar_column IN ('a', 'b')` becomes) as
 * `(ARRAY['a'::character varying, …])::text[]`, and parsing that text pushes the cast into each
 * element instead (`ARRAY[('a'::character varying)::text, …]`), so a constraint, view, index or
 * policy recreated from its own definition would differ from the original. Casting the array
 * to its own element type first keeps the whole-array coercion: `(ARRAY[…]::character varying[])::text[]`.
 * And a minus applied to a constant (`-1::integer`) is written with the operator's own syntax.
 */
export function reparsable(expr: string): string {
  return negatedConstants(wholeArrayCoercions(expr));
}

/**
 * `-1::integer` is the unary minus applied to 1, which PostgreSQL deparses as `(- 1)`; parsed
 * again, `- 1` folds into the constant -1. The operator's own syntax is not folded.
 */
function negatedConstants(expr: string): string {
  return rewriteUnquoted(expr, '(- ', (at) => {
    const number = /^\(- (\d+(?:\.\d+)?(?:e[+-]?\d+)?)\)/.exec(expr.slice(at));
    return number ? { text: `(OPERATOR(pg_catalog.-) ${number[1]})`, end: at + number[0].length } : null;
  });
}

function wholeArrayCoercions(expr: string): string {
  return rewriteUnquoted(expr, 'ARRAY[', (at) => {
    const open = at + 'ARRAY['.length;
    const close = closingBracket(expr, open);
    if (close < 0) return null;
    // `(ARRAY[…])::text[]`, or `ARRAY[…]::text[]` as pretty-printed view definitions have it.
    const wrapped = expr[at - 1] === '(' && expr[close + 1] === ')';
    const cast = /^::([^()[\]]+(?:\(\d+(?:,\d+)?\))?)\[\]/.exec(expr.slice(wrapped ? close + 2 : close + 1));
    const element = cast ? commonLiteralType(expr.slice(open, close)) : null;
    return cast && element !== null && element !== cast[1] ? { text: `${expr.slice(at, close + 1)}::${element}[]`, end: close + 1 } : null;
  });
}

/**
 * Rewrites the occurrences of `marker` outside quoted literals and identifiers: `rewrite` gets the
 * position of one and returns what replaces the text up to `end`, or null to keep it.
 */
function rewriteUnquoted(expr: string, marker: string, rewrite: (at: number) => { text: string; end: number } | null): string {
  if (!expr.includes(marker)) return expr;
  let out = '';
  let i = 0;
  for (let at = expr.indexOf(marker, i); at >= 0; at = expr.indexOf(marker, i)) {
    const skipped = skipQuoted(expr, i, at);
    if (skipped > at) {
      out += expr.slice(i, skipped);
      i = skipped;
      continue;
    }
    const replaced = rewrite(at);
    out += expr.slice(i, at) + (replaced ? replaced.text : marker);
    i = replaced ? replaced.end : at + marker.length;
  }
  return out + expr.slice(i);
}

/** The end of the quoted literal or identifier that covers `at` when scanning from `from`, or `at` itself. */
function skipQuoted(s: string, from: number, at: number): number {
  for (let i = from; i < at; i++) {
    const c = s[i];
    if (c !== "'" && c !== '"') continue;
    const end = quotedEnd(s, i);
    if (end > at) return end;
    i = end - 1;
  }
  return at;
}

/** The index just past the quoted text opening at `i` ('…' with '' doubled, E'…' with backslashes, "…"). */
function quotedEnd(s: string, i: number): number {
  const q = s[i]!;
  const escapes = q === "'" && i > 0 && (s[i - 1] === 'E' || s[i - 1] === 'e');
  for (let j = i + 1; j < s.length; j++) {
    if (escapes && s[j] === '\\') j++;
    else if (s[j] === q) {
      if (s[j + 1] === q) j++;
      else return j + 1;
    }
  }
  return s.length;
}

/** The index of the `]` closing a bracket opened just before `from`, or -1. */
function closingBracket(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') i = quotedEnd(s, i) - 1;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/** The type of a list of literals each cast to the same type (`'a'::character varying, 'b'::character varying`), or null. */
function commonLiteralType(list: string): string | null {
  let type: string | null = null;
  for (let i = 0; i < list.length; ) {
    while (list[i] === ' ') i++;
    if (list[i] !== "'") return null;
    const end = quotedEnd(list, i);
    const m = /^::([a-z][a-z ]*(?:\(\d+(?:,\d+)?\))?)(?:, |$)/.exec(list.slice(end));
    if (!m || (type !== null && m[1] !== type)) return null;
    type = m[1]!;
    i = end + m[0].length;
  }
  return type;
}
