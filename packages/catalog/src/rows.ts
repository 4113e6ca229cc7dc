/** Conversions from catalog rows (as the pg and PGlite drivers return them) to model values. */
import { qualified } from './ids';
import type { Grant } from './model';

/** Code-unit order: deterministic whatever the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareText(a.id, b.id));
}

export function sortedStrings(items: readonly string[] | null | undefined): string[] {
  return [...(items ?? [])].sort(compareText);
}

/** JSON columns arrive parsed from both drivers; be lenient if one hands back text. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * The `aclJson()` fragment's value → Grant[], or null. Grantees keep the order of the ACL, which is
 * the order they were granted in and the order pg_dump prints them in; each grantee's privileges
 * are sorted.
 */
export function grants(value: unknown): Grant[] | null {
  const rows = json<[string, string, boolean][] | null>(value);
  if (rows === null || rows === undefined) return null;
  const position = new Map<string, number>();
  for (const [grantee] of rows) if (!position.has(grantee)) position.set(grantee, position.size);
  return rows
    .map(([grantee, privilege, grantable]) => ({ grantee, privilege, grantable }))
    .sort((a, b) => position.get(a.grantee)! - position.get(b.grantee)! || compareText(a.privilege, b.privilege) || Number(a.grantable) - Number(b.grantable));
}

/** A [schema, name] JSON pair → `"schema"."name"`, or null. */
export function qualifiedPair(value: unknown): string | null {
  const pair = json<[string, string] | null>(value);
  return pair ? qualified(pair[0], pair[1]) : null;
}

/** Text array columns whose order carries nothing (proconfig) → sorted string[]. */
export function textArray(value: unknown): string[] {
  return sortedStrings(json<string[] | null>(value));
}

/** A text array in the catalog's order (reloptions: as written, which pg_dump shows) → string[]. */
export function textList(value: unknown): string[] {
  return json<string[] | null>(value) ?? [];
}

/** Adds `comment` only when the catalog has one, so that absent stays absent. */
export function withComment<T extends object>(object: T, comment: unknown): T & { comment?: string } {
  if (typeof comment === 'string') (object as T & { comment?: string }).comment = comment;
  return object;
}

export function oidText(value: unknown): string {
  return String(value);
}
