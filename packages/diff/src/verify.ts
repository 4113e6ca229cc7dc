/**
 * verify.sql: for every created or changed object, a check that raises unless the deploy is in
 * effect. Checks run with an empty search_path so that catalog deparsers print names the way
 * the models hold them (schema-qualified).
 *
 * Each check names what it verifies in a first comment line (see `verifyMarker`), so that
 * `verify`, which runs the scripts of every deployed change against today's database, can skip a
 * check that a later change has overtaken: the same object verified again, or its table dropped
 * or created anew.
 */
import { dollarTag, quoteLiteral } from './sql';
import type { Change, Check } from './types';

const NAME = '"(?:[^"]|"")*"';
const CHILD = new RegExp(`^(?:column|constraint|trigger|rule|policy) (${NAME}\\.${NAME})\\.`);
const RELATION = new RegExp(`^(?:table|view|materialized view) (${NAME}\\.${NAME})$`);

export interface VerifyMarker {
  /** The object id the check verifies. */
  subject: string;
  /** The relation (`"s"."t"`) it belongs to. */
  within?: string;
  /** The relation this change creates, drops or replaces: every earlier check within it is overtaken. */
  resets?: string;
}

function markerOf(change: Change, check: Check): VerifyMarker {
  const subject = check.subject ?? change.objectId;
  const within = check.within ?? CHILD.exec(subject)?.[1];
  const relation = RELATION.exec(change.objectId)?.[1];
  const resets = relation && change.kind !== 'alter' && subject === change.objectId ? relation : undefined;
  return { subject, ...(within ? { within } : {}), ...(resets ? { resets } : {}) };
}

const MARK = '-- pgshift verifies: ';

/** The marker of a verify statement as renderVerify writes it, or undefined for any other statement. */
export function verifyMarker(sql: string): VerifyMarker | undefined {
  const line = sql.split('\n').find((l) => l.startsWith(MARK));
  if (!line) return undefined;
  const [subject, ...rest] = line.slice(MARK.length).split(' | ');
  const marker: VerifyMarker = { subject: subject! };
  for (const part of rest) {
    if (part.startsWith('within ')) marker.within = part.slice(7);
    else if (part.startsWith('resets ')) marker.resets = part.slice(7);
  }
  return marker;
}

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
      const m = markerOf(change, check);
      // A name may hold a line break; the comment must stay one line.
      const mark = `${MARK}${[m.subject, ...(m.within ? [`within ${m.within}`] : []), ...(m.resets ? [`resets ${m.resets}`] : [])].join(' | ')}`.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
      const tag = dollarTag(`${mark}\n${body}`);
      blocks.push(`DO ${tag}\n${mark}\n${body}\n${tag};`);
    }
  if (blocks.length === 0) return '';
  return `SELECT pg_catalog.set_config('search_path', '', false);\n\n${blocks.join('\n\n')}\n`;
}
