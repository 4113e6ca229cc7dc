import { readFileSync } from 'fs';
import * as path from 'path';
import type { State } from './roundtrip';

export interface Case {
  name: string;
  a: State;
  b: State;
}

/**
 * Reads a case file: several round-trip cases, each introduced by `-- case: name`, with the two
 * states after `-- a` and `-- b` lines. Line numbers in errors point into the case file, because
 * each state keeps blank lines for everything above it.
 *
 *     -- case: add a column
 *     -- a
 *     create table t (id int);
 *     -- b
 *     create table t (id int, note text);
 */
export function readCaseFile(file: string): Case[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const base = path.basename(file, '.sql');
  const cases: Case[] = [];
  let current: { name: string; a: string[]; b: string[]; aStart: number; bStart: number } | undefined;
  let side: 'a' | 'b' | undefined;
  const flush = () => {
    if (!current) return;
    const state = (which: 'a' | 'b', start: number): State => ({
      name: `${path.relative(process.cwd(), file)} [${current!.name}/${which}]`,
      sql: '\n'.repeat(start) + current![which].join('\n'),
    });
    cases.push({ name: `${base}: ${current.name}`, a: state('a', current.aStart), b: state('b', current.bStart) });
  };
  lines.forEach((line, i) => {
    const header = /^--\s*case:\s*(.+?)\s*$/.exec(line);
    if (header) {
      flush();
      current = { name: header[1], a: [], b: [], aStart: 0, bStart: 0 };
      side = undefined;
    } else if (current && /^--\s*(a|b)\s*$/.test(line)) {
      side = line.trim().endsWith('a') ? 'a' : 'b';
      current[side === 'a' ? 'aStart' : 'bStart'] = i + 1;
    } else if (current && side) {
      current[side].push(line);
    }
  });
  flush();
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`${file}: case "${c.name}" appears twice`);
    names.add(c.name);
  }
  return cases;
}
