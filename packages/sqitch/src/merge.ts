/**
 * What a git merge of two branches leaves in sqitch.plan: conflict markers, and two changes that
 * hold the same number (the NNNNNNNNNN- prefix pgshift gives each migration) because each branch
 * added its own next migration. Found here so that every reader of a plan reports them alike.
 */
import { PlanError, where } from './errors';
import type { Change, Plan } from './plan';

/** What an error suggests to run; callers in an Nx workspace name the generator and the project. */
export interface MergeCheckOptions {
  rebaseCommand?: string;
}

export const DEFAULT_REBASE_COMMAND = '`pgshift migrations rebase` (in an Nx workspace: `nx g pgshift:rebase --project <project>`)';

export type MarkerKind = 'ours' | 'base' | 'separator' | 'theirs';

export const MARKERS: Record<MarkerKind, string> = { ours: '<<<<<<<', base: '|||||||', separator: '=======', theirs: '>>>>>>>' };

const markerRe: [MarkerKind, RegExp][] = [
  ['ours', /^<{7}(?:[ \t]|$)/],
  ['base', /^\|{7}(?:[ \t]|$)/],
  ['separator', /^={7}[ \t]*$/],
  ['theirs', /^>{7}(?:[ \t]|$)/],
];

/** The git conflict marker a plan line is, if any (no sqitch line can begin with these). */
export function markerKind(line: string): MarkerKind | undefined {
  return markerRe.find(([, re]) => re.test(line))?.[0];
}

export function conflictMarkerError(file: string, line: number, kind: MarkerKind, options: MergeCheckOptions = {}): PlanError {
  return new PlanError(
    'PLAN_MERGE',
    `${where({ file, line })}: git conflict marker "${MARKERS[kind]}": the plan holds an unresolved merge of two branches. ` +
      `Run ${options.rebaseCommand ?? DEFAULT_REBASE_COMMAND} to keep the changes of both branches (ours, then theirs) and renumber the later ones, or resolve the conflict by hand.`,
    { file, line },
  );
}

/** The number of a change named `NNNN-name`; undefined for other names. */
export function changeNumber(name: string): number | undefined {
  const m = /^(\d+)-/.exec(name);
  return m ? Number(m[1]) : undefined;
}

export interface NumberClash {
  number: number;
  /** The first change of the plan that holds the number: it keeps it. */
  first: Change;
  later: Change;
}

/** Changes holding a number that an earlier change of another name holds (a reworked change keeps its own). */
export function numberClashes(plan: Plan): NumberClash[] {
  const holders = new Map<number, Change>();
  const clashes: NumberClash[] = [];
  for (const change of plan.changes) {
    const number = changeNumber(change.name);
    if (number === undefined) continue;
    const first = holders.get(number);
    if (first === undefined) holders.set(number, change);
    else if (first.name !== change.name) clashes.push({ number, first, later: change });
  }
  return clashes;
}

/** Refuses a plan in which two changes hold the same number, naming the line of the later one. */
export function checkMergedPlan(plan: Plan, options: MergeCheckOptions = {}): void {
  const clash = numberClashes(plan)[0];
  if (clash === undefined) return;
  const { first, later, number } = clash;
  throw new PlanError(
    'PLAN_MERGE',
    `${where({ file: plan.file, line: later.line })}: change "${later.name}" is numbered ${number}, as "${first.name}" (line ${first.line}) is: ` +
      `two branches each added a migration ${number} and git merged both into the plan. Run ${options.rebaseCommand ?? DEFAULT_REBASE_COMMAND} ` +
      'to renumber the later one (and those after it) and check its scripts against the migrations now before it, then run this again.',
    { file: plan.file, ...(later.line !== undefined ? { line: later.line } : {}) },
  );
}

export interface ResolvedConflicts {
  /** The plan text with every marker line and every (empty) ancestor section blanked, so line numbers stay. */
  text: string;
  /** 1-based numbers of the blanked lines, to leave out when the plan is written again. */
  blanked: Set<number>;
  /** 1-based line of each resolved conflict's `<<<<<<<`. */
  conflicts: number[];
}

interface Hunk {
  start: number;
  base?: number;
  separator?: number;
  end?: number;
}

/**
 * Resolves the conflicts of a plan that two branches appended to: each conflict must only separate
 * lines each side added (ours, then theirs, both kept in that order). A conflict in the pragmas, an
 * ancestor section that is not empty (diff3 style), a pragma among the added lines or a change or
 * tag on both sides means both branches edited the same lines: a PLAN_MERGE error names the line.
 */
export function resolveConflicts(text: string, file: string): ResolvedConflicts {
  const lines = text.split('\n');
  const bare = (i: number) => lines[i]!.replace(/\r$/, '');
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  const fail = (line: number, message: string): never => {
    throw new PlanError('PLAN_MERGE', `${where({ file, line })}: ${message}`, { file, line });
  };
  lines.forEach((_, i) => {
    const kind = markerKind(bare(i));
    if (kind === undefined) return;
    const line = i + 1;
    const stray = () =>
      fail(line, `git conflict marker "${MARKERS[kind]}" out of place${open ? ` in the conflict opened at line ${open.start}` : ' (no "<<<<<<<" before it)'}; resolve the conflict by hand.`);
    if (kind === 'ours') {
      if (open) stray();
      open = { start: line };
    } else if (!open) {
      stray();
    } else if (kind === 'base') {
      if (open.base !== undefined || open.separator !== undefined) stray();
      open.base = line;
    } else if (kind === 'separator') {
      if (open.separator !== undefined) stray();
      open.separator = line;
    } else {
      if (open.separator === undefined) stray();
      open.end = line;
      hunks.push(open);
      open = undefined;
    }
  });
  if (open) fail(open.start, `the git conflict opened here is not closed by "${open.separator === undefined ? MARKERS.separator : MARKERS.theirs}"; resolve it by hand.`);

  const headerEnd = lines.findIndex((l) => l.trim() === '') + 1; // the blank line that ends the pragmas
  const blanked = new Set<number>();
  for (const h of hunks) {
    const cannot = (line: number, why: string): never =>
      fail(line, `the git conflict opened at line ${h.start} cannot be resolved by keeping both sides: ${why}. Resolve it by hand (keep the lines each branch added, drop the markers), then run \`pgshift migrations rebase\`.`);
    if (headerEnd === 0 || h.start < headerEnd) cannot(h.start, "it is in the plan's pragmas, before the blank line that ends them");
    const ours = range(h.start + 1, (h.base ?? h.separator!) - 1);
    const theirs = range(h.separator! + 1, h.end! - 1);
    if (h.base !== undefined && h.separator! > h.base + 1) {
      cannot(h.base + 1, 'the common ancestor held lines here, which both branches edited');
    }
    const names = new Map<string, number>();
    for (const [side, numbers] of [['ours', ours], ['theirs', theirs]] as const) {
      for (const line of numbers) {
        const body = bare(line - 1);
        if (/^\s*%/.test(body)) cannot(line, `line ${line} is a pragma`);
        const m = /^\s*(?:[+-]\s*)?(@?)([^\s[#]+)/.exec(body);
        if (!m) continue;
        const key = `${m[1]}${m[2]}`;
        const other = names.get(key);
        if (side === 'ours') names.set(key, line);
        else if (other !== undefined) {
          cannot(line, `both branches wrote ${m[1] ? 'tag' : 'change'} "${key}" (line ${other} on our side, line ${line} on theirs)`);
        }
      }
    }
    for (const line of [h.start, ...(h.base !== undefined ? range(h.base, h.separator! - 1) : []), h.separator!, h.end!]) blanked.add(line);
  }
  const out = lines.map((l, i) => (blanked.has(i + 1) ? (l.endsWith('\r') ? '\r' : '') : l));
  return { text: out.join('\n'), blanked, conflicts: hunks.map((h) => h.start) };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
