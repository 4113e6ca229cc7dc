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
 * A deparsed expression or query as SQL that parses back to the same tree (PostgreSQL's deparsers
 * do not promise that). The known cases are mended:
 * - An array coerced as a whole (what `varchar_column IN ('a', 'b')` or `numeric_column = ANY
 *   (ARRAY[1, 2])` becomes) is deparsed as `(ARRAY['a'::character varying, …])::text[]`, and
 *   parsing that text pushes the cast into each element instead (`ARRAY[('a'::character
 *   varying)::text, …]`). Casting the array to its own element type first keeps the whole-array
 *   coercion: `(ARRAY[…]::character varying[])::text[]`.
 * - A minus applied to a constant (`-1::integer`) is written with the operator's own syntax.
 * - A SELECT list item named `?column?` where names do not show (see fallbackNames) keeps that name.
 *   In a routine's body `parameters` are its parameters' names as printed: `$1` is printed by
 *   name, bare, where its item is `?column?`.
 * - An OR whose first operand is an OR that the parser made (`a IN (b, 'x') OR c`, a row
 *   comparison), printed `((… OR …) OR c)`, would be flattened into one OR when parsed, as the
 *   grammar does with `x OR y OR z`; the same holds for AND (`a BETWEEN 1 AND 2 AND c`). The inner
 *   operand is cast to boolean, which the grammar does not flatten and the parser then drops.
 * - The mark values of a recursive query's CYCLE clause, printed `TO 'Y'::text DEFAULT 'N'::text`,
 *   where the grammar takes only constants, are written `TO text 'Y' DEFAULT text 'N'`.
 */
export function reparsable(expr: string, parameters: readonly string[] = []): string {
  return cycleMarks(fallbackNames(negatedConstants(nestedBooleans(wholeArrayCoercions(expr))), parameters));
}

function cycleMarks(sql: string): string {
  if (!sql.includes(' CYCLE ')) return sql;
  const constant = (value: string) => {
    const cast = /^'((?:[^']|'')*)'::(.+)$/.exec(value);
    return cast && !cast[2]!.endsWith(']') ? `${cast[2]} '${cast[1]}'` : value;
  };
  return sql.replace(
    / CYCLE ([^;]*?) SET ("(?:[^"]|"")+"|[^\s"]+) TO (.+?) DEFAULT (.+?) USING /g,
    (_, columns: string, mark: string, to: string, otherwise: string) => ` CYCLE ${columns} SET ${mark} TO ${constant(to)} DEFAULT ${constant(otherwise)} USING `,
  );
}

function nestedBooleans(expr: string): string {
  return rewriteUnquoted(expr, '((', (at) => {
    const inner = at + 1;
    const close = closing(expr, inner + 1, '(', ')');
    if (close < 0) return null;
    const op = /^ (?:OR|AND) /.exec(expr.slice(close + 1, close + 6))?.[0];
    if (op === undefined || topLevelItems(expr.slice(inner + 1, close), op).length < 2) return null;
    return { text: `(${nestedBooleans(expr.slice(inner, close + 1))}::boolean`, end: close + 1 };
  });
}

function negatedConstants(expr: string): string {
  return rewriteUnquoted(expr, '(- ', (at) => {
    const number = /^\(- (\d+(?:\.\d+)?(?:e[+-]?\d+)?)\)/.exec(expr.slice(at));
    return number ? { text: `(OPERATOR(pg_catalog.-) ${number[1]})`, end: at + number[0].length } : null;
  });
}

function wholeArrayCoercions(expr: string): string {
  return rewriteUnquoted(expr, 'ARRAY[', (at) => {
    const open = at + 'ARRAY['.length;
    const close = closing(expr, open, '[', ']');
    if (close < 0) return null;
    // `(ARRAY[…])::text[]`, or `ARRAY[…]::text[]` as pretty-printed view definitions have it.
    const wrapped = expr[at - 1] === '(' && expr[close + 1] === ')';
    const cast = /^::([^()[\]]+(?:\(\d+(?:,\d+)?\))?)\[\]/.exec(expr.slice(wrapped ? close + 2 : close + 1));
    const element = cast ? arrayElementType(expr.slice(open, close)) : null;
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
    // Kept, the scan goes on from the next character: markers may overlap (`(((`).
    out += replaced ? expr.slice(i, at) + replaced.text : expr.slice(i, at + 1);
    i = replaced ? replaced.end : at + 1;
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


/**
 * The element type that an ARRAY[…] constructor's text shows. Each element is printed with its
 * coercion to that type, so any element that shows a type gives it (`'a'::character varying`,
 * `NULL::numeric`, `(x)::integer`; a bare 1 is an integer, 1.5 a numeric); null when none shows
 * one, or when they differ (in typmod, say), which no one cast reproduces.
 */
function arrayElementType(list: string): string | null {
  let found: string | null = null;
  for (const element of topLevelItems(list)) {
    const type = elementType(element.trim());
    if (type === null) continue;
    if (found !== null && type !== found) return null;
    found = type;
  }
  return found;
}

const TYPE_NAME = String.raw`((?:[a-z_][a-z0-9_ ]*|"(?:[^"]|"")+")(?:\.(?:[a-z_][a-z0-9_]*|"(?:[^"]|"")+"))?(?:\(\d+(?:,\d+)?\))?(?:\[\])*)`;
const CAST_LITERAL = new RegExp(`^(?:'(?:[^']|'')*'|NULL)::${TYPE_NAME}$`);
const CAST_SUFFIX = new RegExp(`^::${TYPE_NAME}$`);
const COLLATE_SUFFIX = / COLLATE (?:"(?:[^"]|"")+"|[a-z_][a-z0-9_]*)(?:\.(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_]*))?$/;

function elementType(e: string): string | null {
  if (/^\d+$/.test(e)) return 'integer';
  if (/^\d+\.\d+$/.test(e)) return 'numeric';
  if (e === 'true' || e === 'false') return 'boolean';
  const literal = CAST_LITERAL.exec(e);
  if (literal) return literal[1]!;
  if (e.startsWith('(')) {
    const close = closing(e, 1, '(', ')');
    if (close < 0) return null;
    const cast = CAST_SUFFIX.exec(e.slice(close + 1));
    if (cast) return cast[1]!;
    if (close !== e.length - 1) return null;
    const inner = e.slice(1, -1);
    const collate = COLLATE_SUFFIX.exec(inner);
    return elementType(collate ? inner.slice(0, collate.index) : inner);
  }
  // A nested constructor is a further dimension of the same array type.
  if (e.startsWith('ARRAY[') && closing(e, 6, '[', ']') === e.length - 1) return arrayElementType(e.slice(6, -1));
  return null;
}

/** The items of a list separated by `separator` (a comma, ` OR `), split at its top level only. */
export function topLevelItems(list: string, separator = ','): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "'" || c === '"') i = quotedEnd(list, i) - 1;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && list.startsWith(separator, i)) {
      items.push(list.slice(start, i));
      start = i + separator.length;
      i = start - 1;
    }
  }
  items.push(list.slice(start));
  return items;
}

/** The index of the `close` that ends a bracket opened just before `from` (quoted text skipped), or -1. */
export function closing(s: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') i = quotedEnd(s, i) - 1;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

/** Where a SELECT list ends: a clause keyword at its top level. */
const LIST_END = /^(?:FROM|WHERE|GROUP BY|HAVING|WINDOW|ORDER BY|LIMIT|OFFSET|FETCH|UNION|INTERSECT|EXCEPT|INTO|FOR (?:UPDATE|SHARE|NO KEY UPDATE|KEY SHARE))\b/;
const COLUMN_REFERENCE = /^(?:(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")\.)*(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")$/;
const NAMED = /\sAS\s+(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")$/;

/**
 * Where a SELECT list's column names do not show (a sublink, a later arm of a set operation, a
 * routine's body), PostgreSQL prints an item without AS exactly when its name is the parser's
 * fallback, `?column?`; parsed again, `'x'::text` would be named `text`, which the deparser then
 * shows. Such an item (any item without AS but a column reference) is written with its name.
 */
function fallbackNames(sql: string, parameters: readonly string[]): string {
  if (!sql.includes('SELECT')) return sql;
  const ends: number[] = [];
  for (let at = keywordAt(sql, 'SELECT', 0); at >= 0; at = keywordAt(sql, 'SELECT', at + 6)) {
    const items: [number, number][] = [];
    let depth = 0;
    let start = at + 6;
    let end = sql.length;
    for (let j = start; j < sql.length; j++) {
      const c = sql[j]!;
      if (c === "'" || c === '"') j = quotedEnd(sql, j) - 1;
      else if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') {
        if (depth === 0) {
          end = j;
          break;
        }
        depth--;
      } else if (depth === 0 && (c === ';' || sql.startsWith('\nEND', j))) {
        end = j;
        break;
      } else if (depth === 0 && c === ',') {
        items.push([start, j]);
        start = j + 1;
      } else if (depth === 0 && /\s/.test(sql[j - 1]!) && LIST_END.test(sql.slice(j, j + 16))) {
        end = j;
        break;
      }
    }
    items.push([start, end]);
    const distinct = /^\s*DISTINCT\s*/.exec(sql.slice(items[0]![0], items[0]![1]));
    if (distinct) {
      let from = items[0]![0] + distinct[0].length;
      if (sql.startsWith('ON (', from)) from = closing(sql, from + 4, '(', ')') + 1;
      items[0]![0] = from;
    }
    for (const [a, b] of items) {
      const item = sql.slice(a, b).trim();
      // A column keeps its name, and a bare number or boolean is `?column?` when parsed again too.
      if (item === '' || item.endsWith('*') || NAMED.test(item) || (COLUMN_REFERENCE.test(item) && !parameters.includes(item)) || /^(?:\d+(?:\.\d+)?|true|false)$/.test(item)) continue;
      let k = b;
      while (k > a && /\s/.test(sql[k - 1]!)) k--;
      ends.push(k);
    }
  }
  let out = sql;
  for (const k of ends.sort((x, y) => y - x)) out = `${out.slice(0, k)} AS "?column?"${out.slice(k)}`;
  return out;
}

/** The next `word` outside quoted text, as a whole word, from `from` on; -1 if none. */
function keywordAt(s: string, word: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') {
      i = quotedEnd(s, i) - 1;
      continue;
    }
    if (s.startsWith(word, i) && !/[A-Za-z0-9_$]/.test(s[i - 1] ?? ' ') && !/[A-Za-z0-9_$]/.test(s[i + word.length] ?? ' ')) return i;
  }
  return -1;
}
