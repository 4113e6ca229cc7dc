/**
 * Which type changes keep every value (widenings) and which rewrite the table. Anything not
 * known to be safe is reported: a false alarm costs a look, a missed one costs data.
 */
import type { Hazard } from './types';

const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };

function typmod(type: string, base: string): number[] | null | undefined {
  const m = new RegExp(`^${base}(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?$`).exec(type);
  if (!m) return undefined;
  return m[1] === undefined ? null : [Number(m[1]), Number(m[2] ?? 0)];
}

/** No value of `from` is lost or changed by converting it to `to`. */
export function isWidening(from: string, to: string): boolean {
  if (from === to) return true;
  if (INT_RANK[from] && INT_RANK[to]) return INT_RANK[from]! < INT_RANK[to]!;
  if (INT_RANK[from] && (to === 'numeric' || /^numeric\(/.test(to))) {
    const n = typmod(to, 'numeric');
    return n === null || (n !== undefined && n[0]! - n[1]! >= 19);
  }
  if (from === 'real' && to === 'double precision') return true;
  for (const base of ['character varying', 'character', 'bit varying']) {
    const a = typmod(from, base);
    if (a === undefined) continue;
    if (to === 'text' && base !== 'bit varying') return true;
    const b = typmod(to, 'character varying');
    if (b === null && base !== 'bit varying') return true;
    const same = typmod(to, base);
    if (same === null) return true;
    if (a !== null && same !== undefined && same !== null) return same[0]! >= a[0]!;
  }
  if (from === 'text' && to === 'character varying') return true;
  const na = typmod(from, 'numeric');
  const nb = typmod(to, 'numeric');
  if (na !== undefined && nb !== undefined) {
    if (nb === null) return true;
    if (na === null) return false;
    return nb[1]! >= na[1]! && nb[0]! - nb[1]! >= na[0]! - na[1]!;
  }
  return false;
}

/** Binary-compatible changes that PostgreSQL performs without rewriting the table. */
export function isRewriteFree(from: string, to: string): boolean {
  if (from === to) return true;
  const varchar = typmod(from, 'character varying');
  if (varchar !== undefined) {
    if (to === 'text') return true;
    const b = typmod(to, 'character varying');
    return b === null || (b !== undefined && varchar !== null && b[0]! >= varchar[0]!);
  }
  if (from === 'text' && to === 'character varying') return true;
  const na = typmod(from, 'numeric');
  const nb = typmod(to, 'numeric');
  if (na !== undefined && nb !== undefined) return nb === null || (na !== null && nb[1] === na[1] && nb[0]! >= na[0]!);
  return false;
}

export function hazardsOfTypeChange(column: string, from: string, to: string, rebuilt: boolean, table?: string): Hazard[] {
  const hazards: Hazard[] = [];
  if (from === to && !rebuilt) return hazards;
  if (rebuilt || !isRewriteFree(from, to))
    hazards.push({ code: 'table-rewrite', message: `changing the type of ${column} (${from} → ${to}) rewrites the table under an ACCESS EXCLUSIVE lock`, ...(table ? { table } : {}) });
  if (!rebuilt && !isWidening(from, to))
    hazards.push({ code: 'data-loss', message: `changing the type of ${column} from ${from} to ${to} can lose or alter values, or fail on existing rows` });
  return hazards;
}
