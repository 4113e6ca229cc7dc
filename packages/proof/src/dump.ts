import { execFile } from 'child_process';
import { promisify } from 'util';

const run = promisify(execFile);

/** `pg_dump --schema-only` with the lines that differ between any two databases removed. */
export async function schemaDump(connectionString: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--schema-only', '-d', connectionString], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return normaliseDump(stdout);
}

export function normaliseDump(dump: string): string {
  return dump
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('--') && !/^SET |^SELECT pg_catalog\.set_config|^\\(un)?restrict /.test(line))
    .join('\n');
}

/**
 * True when two dumps differ only in the order of columns inside CREATE TABLE blocks: a column
 * that can only be appended at the end of a table cannot take its target position.
 */
export function differsOnlyInColumnOrder(a: string, b: string): boolean {
  return canonicalColumns(a) === canonicalColumns(b);
}

function canonicalColumns(dump: string): string {
  return sortStatisticsColumns(sortColumnComments(sortTableColumns(dump)));
}

/** Extended statistics list their columns in column order (their expressions follow in their own order). */
function sortStatisticsColumns(dump: string): string {
  return dump.replace(/^(CREATE STATISTICS \S+(?: \([a-z, ]+\))? ON )(.*)( FROM \S+;)$/gm, (_all, head: string, list: string, tail: string) => {
    const items = topLevelItems(list);
    const columns = items.filter((x) => !x.startsWith('('));
    return head + [...columns.sort(), ...items.slice(columns.length)].join(', ') + tail;
  });
}

/** `a, (f(x, y)), b` → its comma-separated items, commas inside parentheses or quotes left alone. */
function topLevelItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      items.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(list.slice(start).trim());
  return items;
}

/** pg_dump prints a table's column comments in column order: a run of them is compared as a set. */
function sortColumnComments(dump: string): string {
  const out: string[] = [];
  let run: string[] = [];
  for (const line of dump.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('COMMENT ON COLUMN ')) {
      run.push(line);
      continue;
    }
    out.push(...run.sort(), line);
    run = [];
  }
  out.push(...run.sort());
  return out.join('\n');
}

function sortTableColumns(dump: string): string {
  return dump.replace(/(CREATE (?:UNLOGGED )?TABLE [^\n]*\(\n)([\s\S]*?)(\n\)[^;]*;)/g, (_all, head: string, body: string, tail: string) => {
    const lines = body.split('\n').map((line) => line.replace(/,$/, ''));
    return head + lines.sort().join('\n') + tail;
  });
}
