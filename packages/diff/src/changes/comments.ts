/** COMMENT ON deltas and their verify checks. */
import type { ObjectRef } from '../objects';
import { quoteIdent, quoteLiteral, qualified, regclass } from '../sql';
import type { Check } from '../types';

function literal(text: string | undefined): string {
  return text === undefined ? 'NULL' : quoteLiteral(text);
}

/** `from` is undefined both for "no comment" and for a new object, which starts without one. */
export function commentStatements(ref: ObjectRef, from: string | undefined, to: string | undefined, what: string): { statements: string[]; checks: Check[] } {
  if (from === to) return { statements: [], checks: [] };
  return {
    statements: [`COMMENT ON ${ref.keyword} ${ref.name} IS ${literal(to)}`],
    checks: [
      {
        description: `${what} has its comment`,
        condition: `pg_catalog.obj_description(${ref.oid}, ${quoteLiteral(ref.catalog)}) IS NOT DISTINCT FROM ${literal(to)}`,
      },
    ],
  };
}

export function columnCommentStatements(schema: string, relation: string, column: string, from: string | undefined, to: string | undefined): { statements: string[]; checks: Check[] } {
  if (from === to) return { statements: [], checks: [] };
  const attnum = `(SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = ${regclass(schema, relation)} AND attname = ${quoteLiteral(column)})`;
  return {
    statements: [`COMMENT ON COLUMN ${qualified(schema, relation)}.${quoteIdent(column)} IS ${literal(to)}`],
    checks: [
      {
        description: `column ${schema}.${relation}.${column} has its comment`,
        condition: `pg_catalog.col_description(${regclass(schema, relation)}, ${attnum}) IS NOT DISTINCT FROM ${literal(to)}`,
      },
    ],
  };
}
