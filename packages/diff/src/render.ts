/** deploy / revert SQL text from ordered changes. */
import type { Change } from './types';

/** One block per change: a header, its hazards as comments, its statements. */
export function renderDeploy(changes: Change[]): string {
  if (changes.length === 0) return '';
  const blocks = changes.map((c) => {
    const lines = [`-- ${c.kind} ${c.objectKind}: ${c.objectId}${c.cause ? ` (because of ${c.cause})` : ''}`];
    if (!c.transactional) lines.push('-- runs outside a transaction block');
    for (const h of c.hazards) lines.push(`-- hazard: ${h.code}: ${h.message.replace(/\n/g, ' ')}`);
    for (const s of c.statements) lines.push(`${s};`);
    return lines.join('\n');
  });
  // As pg_dump does: a LANGUAGE sql body is checked when it is created, and its references to
  // other functions are not in pg_depend, so no order could satisfy the check in general.
  const createsRoutine = changes.some((c) => c.statements.some((s) => /^CREATE (OR REPLACE )?(FUNCTION|PROCEDURE)\b/i.test(s)));
  const preamble = createsRoutine ? 'SET check_function_bodies = false;\n\n' : '';
  return `${preamble}${blocks.join('\n\n')}\n`;
}
