/**
 * verify.sql: for every created or changed object, a check that raises unless the deploy is in
 * effect. Checks run with an empty search_path so that catalog deparsers print names the way
 * the models hold them (schema-qualified).
 */
import { dollarTag, quoteLiteral } from './sql';
import type { Change } from './types';

export function renderVerify(changes: Change[]): string {
  const seen = new Set<string>();
  const blocks: string[] = [];
  for (const change of changes)
    for (const check of change.checks) {
      const key = `${check.description}\u0000${(check.setup ?? []).join(';')}\u0000${check.condition}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const setup = (check.setup ?? []).map((statement) => `  EXECUTE ${quoteLiteral(statement)};\n`).join('');
      const body = `BEGIN\n${setup}  IF NOT coalesce((${check.condition}), false) THEN\n    RAISE EXCEPTION 'verify failed: %', ${quoteLiteral(check.description)};\n  END IF;\nEND`;
      const tag = dollarTag(body);
      blocks.push(`DO ${tag}\n${body}\n${tag};`);
    }
  if (blocks.length === 0) return '';
  return `SELECT pg_catalog.set_config('search_path', '', false);\n\n${blocks.join('\n\n')}\n`;
}
