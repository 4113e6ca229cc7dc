/**
 * sqitch.plan: parsing with the grammar of App::Sqitch::Plan 1.3 (same regular expressions, same
 * checks, same order of checks), and writing that keeps every line it did not touch byte for byte.
 */
import { readFileSync } from 'fs';
import { PlanError, where } from './errors';
import { changeId, perlTrue, tagId } from './ids';
import { conflictMarkerError, markerKind, type MergeCheckOptions } from './merge';

export const SYNTAX_VERSION = '1.0.0';

/** A dependency as written between brackets: `name`, `name@tag`, `@tag`, `proj:name`, `<sha1>`, each with an optional `!`. */
export interface Dependency {
  conflicts: boolean;
  /** Project written before `:`; undefined when the plan did not name one. */
  project?: string;
  change?: string;
  tag?: string;
  id?: string;
}

interface LineText {
  /** The line exactly as read (without its end-of-line); undefined for lines pgshift added. */
  text?: string;
  /** `\n`, `\r\n`, or '' for a last line without one. */
  eol: string;
  /** 1-based line number in the file it was read from. */
  line?: number;
}

export interface Pragma extends LineText {
  kind: 'pragma';
  name: string;
  value?: string;
  note: string;
}

export interface Blank extends LineText {
  kind: 'blank';
  note: string;
}

export interface Change extends LineText {
  kind: 'change';
  name: string;
  /** '' or '+' to deploy, '-' to revert (sqitch parses the operator; deploy treats every change alike). */
  operator: '' | '+' | '-';
  requires: Dependency[];
  conflicts: Dependency[];
  /** `YYYY-MM-DDTHH:MM:SSZ` */
  timestamp: string;
  plannerName: string;
  plannerEmail: string;
  /** The note with `\n`, `\r` and `\\` unescaped, trimmed, as sqitch holds it. */
  note: string;
  tags: Tag[];
  /** Tags that follow an earlier instance of a reworked change; its scripts are named `name@tag.sql`. */
  reworkTags: Tag[];
  /** Position among the plan's changes. */
  index: number;
  id: string;
}

export interface Tag extends LineText {
  kind: 'tag';
  name: string;
  change: Change;
  timestamp: string;
  plannerName: string;
  plannerEmail: string;
  note: string;
  id: string;
}

export type PlanLine = Pragma | Blank | Change | Tag;

export interface Plan {
  file: string;
  project: string;
  uri?: string;
  pragmas: Record<string, string>;
  lines: PlanLine[];
  changes: Change[];
}

// Like [:punct:] but without `_`, exactly as App::Sqitch::Plan spells it.
const PUNCT = String.raw`\-!"#$%&'()*+,./:;<=>?@\[\\\]^` + '`' + String.raw`{|}~`;
const BL = String.raw`[\t\p{Zs}]`;
const WORD = String.raw`[\p{L}\p{N}\p{M}\p{Pc}]`;
// Perl's \b, spelled out for Unicode (JavaScript's \b only knows ASCII).
const WORD_BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const NAME = `(?![${PUNCT}])(?:(?![~/=%^]\\p{Nd}+(?:$|${BL}))[^\\t\\p{Zs}:@#\\\\])+(?<![${PUNCT}])${WORD_BOUNDARY}`;
const TS = String.raw`(?<yr>\p{Nd}{4})-(?<mo>\p{Nd}{2})-(?<dy>\p{Nd}{2})T(?<hr>\p{Nd}{2}):(?<mi>\p{Nd}{2}):(?<sc>\p{Nd}{2})Z`;

const nameRe = new RegExp(`^${NAME}$`, 'u');
const tsRe = new RegExp(TS, 'u');
const blankLineRe = new RegExp(`^(${BL}*)(?:#${BL}*([^\\n]+)|$)`, 'u');
const inlineNoteRe = new RegExp(`(${BL}*)(?:#${BL}*([^\\n]*))?$`, 'u');
const pragmaRe = new RegExp(
  `^${BL}*%${BL}*(?<name>[^${PUNCT}](?:[^\\t\\p{Zs}=]*?[^${PUNCT}\\t\\p{Zs}])?)(?:${BL}*(?<op>=)${BL}*(?<value>[^\\n]+))?$`,
  'u',
);
const lineRe = new RegExp(
  `^${BL}*(?:@|${BL}*(?<operator>[+-])${BL}*)?(?<name>${NAME})(?<pspace>${BL}+)?` +
    `(?:\\[(?<deps>[^\\]]+)\\]${BL}*)?(?:${TS}${BL}*)?(?:(?<pname>[^<]+)${BL}+<(?<pemail>[^>]+)>)?$`,
  'u',
);
const depRe = new RegExp(
  `^(?<bang>!?)(?:(?<project>${NAME}):)?(?:(?<id>[0-9a-f]{40})|(?<change>${NAME})(?:@(?<ctag>${NAME}))?|(?:@(?<tag>${NAME}))?)$`,
  'u',
);
const reserved = new Set(['ROOT', 'HEAD']);

const NAME_RULE =
  'names must not begin with punctuation, contain "@", ":", "#", "\\", or blanks, or end in punctuation or digits following punctuation';

export function isValidName(name: string): boolean {
  return nameRe.test(name);
}

/** Sqitch's note escaping on write: newline, carriage return and backslash become `\n`, `\r`, `\\`. */
export function escapeNote(note: string): string {
  return note.replace(/[\r\n\\]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\'));
}

/** Line->BUILDARGS: trim, then unescape `\\`, `\n`, `\r`. Only applied to a Perl-true note. */
export function normalizeNote(note: string | undefined): string {
  if (!perlTrue(note)) return note ?? '';
  return note
    .replace(/^\s+/, '')
    .replace(/\s+$/, '')
    .replace(/\\[\\nr]/g, (e) => (e === '\\n' ? '\n' : e === '\\r' ? '\r' : '\\'));
}

export function parseDependency(spec: string): Dependency | undefined {
  const m = depRe.exec(spec);
  if (!m) return undefined;
  const g = m.groups!;
  const dep: Dependency = { conflicts: g.bang === '!' };
  if (g.project !== undefined) dep.project = g.project;
  if (g.id !== undefined) dep.id = g.id;
  if (g.change !== undefined) dep.change = g.change;
  const tag = g.ctag ?? g.tag;
  if (tag !== undefined) dep.tag = tag;
  if (dep.id === undefined && dep.change === undefined && dep.tag === undefined) return undefined;
  return dep;
}

export function dependencyKey(dep: Dependency): string {
  const parts = (dep.change ?? '') + (dep.tag !== undefined ? `@${dep.tag}` : '');
  return parts === '' ? dep.id ?? '' : parts;
}

/** Depend->project: the plan's project unless another was named, or an id not in this plan was given. */
export function dependencyProject(plan: Pick<Plan, 'project' | 'changes'>, dep: Dependency): string | undefined {
  if (dep.project !== undefined) return dep.project;
  if (dep.id === undefined) return plan.project;
  return plan.changes.some((c) => c.id === dep.id) ? plan.project : undefined;
}

/** Depend->as_string: the key, prefixed by its project only when that differs from the plan's. */
export function dependencyString(plan: Pick<Plan, 'project' | 'changes'>, dep: Dependency): string {
  const proj = dependencyProject(plan, dep);
  const key = dependencyKey(dep);
  return proj === undefined || proj === plan.project ? key : `${proj}:${key}`;
}

export function dependencyPlanString(plan: Pick<Plan, 'project' | 'changes'>, dep: Dependency): string {
  return (dep.conflicts ? '!' : '') + dependencyString(plan, dep);
}

function validTimestamp(g: Record<string, string | undefined>): boolean {
  const [y, mo, d, h, mi, s] = ['yr', 'mo', 'dy', 'hr', 'mi', 'sc'].map((k) => Number(g[k]));
  const t = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return (
    t.getUTCFullYear() === y && t.getUTCMonth() === mo! - 1 && t.getUTCDate() === d && t.getUTCHours() === h &&
    t.getUTCMinutes() === mi && t.getUTCSeconds() === s
  );
}

export function readPlan(file: string, options: MergeCheckOptions = {}): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanError('NOT_FOUND', `Plan file ${file} cannot be read: ${(e as Error).message}.`, { file }, { cause: e });
  }
  return parsePlan(text, file, options);
}

function splitLines(text: string): { text: string; eol: string }[] {
  const out: { text: string; eol: string }[] = [];
  const re = /([^\n]*?)(\r?\n|$)/gy;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text)!;
    out.push({ text: m[1]!, eol: m[2]! });
    pos = re.lastIndex;
  }
  return out;
}

/** Parses a plan; a git conflict marker left by a merge is a PLAN_MERGE error that names its line. */
export function parsePlan(text: string, file = 'sqitch.plan', options: MergeCheckOptions = {}): Plan {
  const fail = (line: number, message: string, code: 'PLAN_SYNTAX' | 'PLAN_DEPENDENCY' = 'PLAN_SYNTAX'): never => {
    throw new PlanError(code, `Syntax error in ${where({ file, line })}: ${message}.`, { file, line });
  };
  const raw = splitLines(text);
  raw.forEach(({ text: t }, i) => {
    const marker = markerKind(t);
    if (marker !== undefined) throw conflictMarkerError(file, i + 1, marker, options);
  });
  const lines: PlanLine[] = [];
  const changes: Change[] = [];
  const pragmas: Record<string, string> = {};
  let sawVersion = false;
  let i = 0;

  // Pragmas: everything up to the first blank line without a note.
  for (; i < raw.length; i++) {
    const { text: t, eol } = raw[i]!;
    const lineNo = i + 1;
    const blank = blankLineRe.exec(t);
    if (blank) {
      lines.push({ kind: 'blank', note: normalizeNote(blank[2]), text: t, eol, line: lineNo });
      if (!perlTrue(blank[2])) {
        i++;
        break;
      }
      continue;
    }
    const noteMatch = inlineNoteRe.exec(t)!;
    const body = t.slice(0, noteMatch.index);
    const m = pragmaRe.exec(body);
    if (!m) fail(lineNo, 'Invalid pragma; a blank line must come between pragmas and changes');
    const g = m!.groups!;
    const value = g.value?.replace(/\s+$/, '');
    if (g.name === 'syntax-version') {
      sawVersion = true;
      pragmas['syntax-version'] = SYNTAX_VERSION;
    } else if (g.name === 'project') {
      if (value === undefined || !nameRe.test(value)) {
        fail(lineNo, `invalid project name "${value ?? ''}": project ${NAME_RULE}`);
      }
      pragmas.project = value!;
    } else {
      pragmas[g.name!] = value ?? '1';
    }
    lines.push({ kind: 'pragma', name: g.name!, value, note: normalizeNote(noteMatch[2]), text: t, eol, line: lineNo });
  }
  if (!sawVersion) {
    lines.unshift({ kind: 'pragma', name: 'syntax-version', value: SYNTAX_VERSION, note: '', eol: '\n' });
    pragmas['syntax-version'] = SYNTAX_VERSION;
  }
  const project = pragmas.project;
  if (project === undefined) {
    throw new PlanError('PLAN_SYNTAX', `Missing %project pragma in ${file}: the plan must start with a line such as %project=name.`, { file });
  }
  const plan: Plan = { file, project, uri: pragmas.uri, pragmas, lines, changes };

  const lineNoFor = new Map<string, number>(); // change names of earlier tag sections, and '@tag'
  let tagChanges = new Map<string, number>(); // change names since the last tag
  let section: Change[] = [];
  const changeNamed = new Map<string, Change>();
  let prevChange: Change | undefined;

  const checkSection = () => {
    checkDependencies(plan, lineNoFor, section);
    section = [];
  };

  for (; i < raw.length; i++) {
    const { text: t, eol } = raw[i]!;
    const lineNo = i + 1;
    const blank = blankLineRe.exec(t);
    if (blank) {
      lines.push({ kind: 'blank', note: normalizeNote(blank[2]), text: t, eol, line: lineNo });
      continue;
    }
    const noteMatch = inlineNoteRe.exec(t)!;
    const body = t.slice(0, noteMatch.index);
    const note = normalizeNote(noteMatch[2]);
    const isTag = new RegExp(`^${BL}*@`, 'u').test(body);
    const m = lineRe.exec(body);
    const g = m?.groups ?? {};
    if (!g.name || (!g.yr && tsRe.test(body))) fail(lineNo, `Invalid name; ${NAME_RULE}`);
    if (!g.yr && !g.pname) fail(lineNo, 'Missing timestamp and planner name and email');
    if (!g.yr) fail(lineNo, 'Missing timestamp');
    if (!g.pname) fail(lineNo, 'Missing planner name and email');
    const name = g.name!;
    if (reserved.has(name)) fail(lineNo, `"${isTag ? '@' : ''}${name}" is a reserved name`);
    if (/^[0-9a-f]{40}/.test(name)) fail(lineNo, `"${name}" is invalid because it could be confused with a SHA1 ID`);
    if (!validTimestamp(g)) {
      fail(lineNo, `invalid date ${g.yr}-${g.mo}-${g.dy}T${g.hr}:${g.mi}:${g.sc}Z; dates are UTC timestamps such as 2026-11-25T10:00:00Z`);
    }
    const timestamp = `${g.yr}-${g.mo}-${g.dy}T${g.hr}:${g.mi}:${g.sc}Z`;

    if (isTag) {
      if (name.includes('/')) fail(lineNo, `Tag "${name}" contains illegal character /`);
      if (!prevChange) fail(lineNo, `Tag "${name}" declared without a preceding change`);
      const key = `@${name}`;
      const at = lineNoFor.get(key);
      if (at !== undefined) fail(lineNo, `Tag "${name}" duplicates earlier declaration on line ${at}`);
      if (g.deps) fail(lineNo, 'Tags may not specify dependencies');
      if (section.length) checkSection();
      const tag: Tag = {
        kind: 'tag', name, change: prevChange!, timestamp, plannerName: g.pname!, plannerEmail: g.pemail!, note,
        id: '', text: t, eol, line: lineNo,
      };
      prevChange!.tags.push(tag);
      lines.push(tag);
      for (const [k, v] of tagChanges) lineNoFor.set(k, v);
      lineNoFor.set(key, lineNo);
      tagChanges = new Map();
      continue;
    }

    const dupAt = tagChanges.get(name);
    if (dupAt !== undefined) fail(lineNo, `Change "${name}" duplicates earlier declaration on line ${dupAt}`);
    const requires: Dependency[] = [];
    const conflicts: Dependency[] = [];
    if (g.deps) {
      const seen = new Set<string>();
      for (const spec of g.deps.split(new RegExp(`${BL}+`, 'u'))) {
        if (spec === '') continue;
        const dep = parseDependency(spec);
        if (!dep) fail(lineNo, `"${spec}" is not a valid dependency specification`);
        if (seen.has(spec)) fail(lineNo, `Duplicate dependency "${spec}"`);
        seen.add(spec);
        (dep!.conflicts ? conflicts : requires).push(dep!);
      }
    }
    const change: Change = {
      kind: 'change', name, operator: (g.operator ?? '') as Change['operator'], requires, conflicts, timestamp,
      plannerName: g.pname!, plannerEmail: g.pemail!, note, tags: [], reworkTags: [], index: changes.length, id: '',
      text: t, eol, line: lineNo,
    };
    tagChanges.set(name, lineNo);
    section.push(change);
    lines.push(change);
    const duped = changeNamed.get(name);
    if (duped) {
      const reworkTags: Tag[] = [];
      for (let k = changes.length - 1; k >= 0 && changes[k] !== duped; k--) reworkTags.push(...changes[k]!.tags);
      duped.reworkTags.push(...reworkTags, ...duped.tags);
    }
    changes.push(change);
    changeNamed.set(name, change);
    prevChange = change;
  }
  if (section.length) checkSection();
  computeIds(plan);
  return plan;
}

/** Plan->check_changes: every required change of this project must come earlier in the plan. */
function checkDependencies(plan: Plan, seen: Map<string, number>, section: Change[]): void {
  const position = new Map<string, number>();
  const errors: string[] = [];
  let first: Change | undefined;
  section.forEach((change, i) => {
    const bad: string[] = [];
    for (const dep of change.requires) {
      if (dep.project !== undefined) {
        if (dep.project !== plan.project) continue;
      } else if (dep.id !== undefined) {
        continue;
      }
      const key = dependencyKey(dep);
      if (/.@/.test(key)) {
        const [c, t] = [key.slice(0, key.indexOf('@')), key.slice(key.indexOf('@') + 1)];
        const tagAt = seen.get(`@${t}`);
        const changeAt = seen.get(c);
        if (tagAt !== undefined && changeAt !== undefined && changeAt < tagAt) continue;
      } else if (seen.has(key) || position.has(key)) {
        continue;
      }
      bad.push(key);
    }
    position.set(change.name, i + 1);
    for (const dep of bad) {
      first ??= change;
      if (dep === change.name) {
        errors.push(`change "${change.name}" (line ${change.line}) cannot require itself`);
      } else if (section.some((c, k) => k > i && c.name === dep)) {
        const k = section.findIndex((c, n) => n > i && c.name === dep);
        errors.push(
          `change "${change.name}" (line ${change.line}) is planned ${k - i} change${k - i === 1 ? '' : 's'} before required change "${dep}"; move it down`,
        );
      } else {
        errors.push(`unknown change "${dep}" required by change "${change.name}" (line ${change.line})`);
      }
    }
  });
  if (errors.length) {
    throw new PlanError(
      'PLAN_DEPENDENCY',
      `Dependency error${errors.length > 1 ? 's' : ''} in ${where({ file: plan.file, line: first!.line })}: ${errors.join('; ')}.`,
      { file: plan.file, line: first!.line },
    );
  }
}

/** Ids depend on the parent's id, so they are computed in plan order. */
function computeIds(plan: Plan): void {
  plan.changes.forEach((change, i) => {
    const earlier = { project: plan.project, changes: plan.changes.slice(0, i) };
    change.index = i;
    change.id = changeId({
      project: plan.project,
      uri: plan.uri,
      name: change.name,
      parentId: i > 0 ? plan.changes[i - 1]!.id : undefined,
      plannerName: change.plannerName,
      plannerEmail: change.plannerEmail,
      timestamp: change.timestamp,
      requires: change.requires.map((d) => dependencyString(earlier, d)),
      conflicts: change.conflicts.map((d) => dependencyString(earlier, d)),
      note: change.note,
    });
    for (const tag of change.tags) {
      tag.id = tagId({
        project: plan.project, uri: plan.uri, name: tag.name, changeId: change.id, plannerName: tag.plannerName,
        plannerEmail: tag.plannerEmail, timestamp: tag.timestamp, note: tag.note,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** ChangeList->index_of for `name`, `name@tag`, `@tag`, `@HEAD`, `@ROOT`, `name@HEAD` and ids. */
export function indexOf(plan: Plan, spec: string): number | undefined {
  if (/^[0-9a-f]{40}$/.test(spec)) {
    const i = plan.changes.findIndex((c) => c.id === spec);
    return i < 0 ? undefined : i;
  }
  const at = spec.indexOf('@');
  const name = at < 0 ? spec : spec.slice(0, at);
  const tag = at < 0 ? undefined : spec.slice(at + 1);
  const tagIndex = (t: string): number | undefined => {
    if (t === 'HEAD') return plan.changes.length ? plan.changes.length - 1 : undefined;
    if (t === 'ROOT') return plan.changes.length ? 0 : undefined;
    const i = plan.changes.findIndex((c) => c.tags.some((x) => x.name === t));
    return i < 0 ? undefined : i;
  };
  if (name === '') return tag === undefined ? undefined : tagIndex(tag);
  const found = plan.changes.filter((c) => c.name === name).map((c) => c.index);
  if (!found.length) return undefined;
  if (tag !== undefined) {
    const ti = tagIndex(tag);
    if (ti === undefined) {
      throw new PlanError('NOT_FOUND', `Unknown tag "@${tag}" in ${plan.file}.`, { file: plan.file });
    }
    return [...found].reverse().find((i) => i <= ti);
  }
  if (found.length > 1) {
    const options = found.map((i) => qualifiedName(plan.changes[i]!)).join(', ');
    throw new PlanError('NOT_FOUND', `Change "${spec}" is ambiguous in ${plan.file}; use one of: ${options}.`, { file: plan.file });
  }
  return found[0];
}

export function findChange(plan: Plan, spec: string): Change | undefined {
  const i = indexOf(plan, spec);
  return i === undefined ? undefined : plan.changes[i];
}

/** Change->format_name_with_tags: `name @tag1 @tag2`. */
export function nameWithTags(change: Change): string {
  return [change.name, ...change.tags.map((t) => `@${t.name}`)].join(' ');
}

/** Change->format_tag_qualified_name: `name@tag`, or `name@HEAD` when no tag follows it. */
export function qualifiedName(change: Change): string {
  const tag = change.tags[0] ?? change.reworkTags[0];
  return tag ? `${change.name}@${tag.name}` : `${change.name}@HEAD`;
}

// ---------------------------------------------------------------------------------------------
// Writing

function formatLine(plan: Plan, line: PlanLine): string {
  const note = (n: string) => (n.length ? `# ${escapeNote(n)}` : '');
  switch (line.kind) {
    case 'blank':
      return note(line.note);
    case 'pragma':
      return `%${line.name}${line.value !== undefined ? `=${line.value}` : ''}${line.note.length ? ' ' : ''}${note(line.note)}`;
    case 'tag':
      return `@${line.name} ${line.timestamp} ${line.plannerName} <${line.plannerEmail}>${line.note.length ? ' ' : ''}${note(line.note)}`;
    case 'change': {
      const deps = [...line.requires, ...line.conflicts].map((d) => dependencyPlanString(plan, d)).join(' ');
      const body = [deps ? `[${deps}]` : '', line.timestamp, `${line.plannerName} <${line.plannerEmail}>`].filter((s) => s !== '');
      return `${line.operator}${line.name} ${body.join(' ')}${line.note.length ? ' ' : ''}${note(line.note)}`;
    }
  }
}

/** The plan's text: lines read from the file come back unchanged, new lines in sqitch's own format. */
export function formatPlan(plan: Plan): string {
  const out: string[] = [];
  plan.lines.forEach((line, i) => {
    let eol = line.eol;
    if (eol === '' && i < plan.lines.length - 1) eol = '\n';
    if (eol === '' && line.text === undefined) eol = '\n';
    out.push((line.text ?? formatLine(plan, line)) + eol);
  });
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Editing

export interface Planner {
  name: string;
  email: string;
}

export interface NewChange {
  name: string;
  requires?: string[];
  conflicts?: string[];
  note?: string;
  planner: Planner;
  /** Defaults to now. */
  timestamp?: Date | string;
}

export function formatTimestamp(date: Date | string = new Date()): string {
  if (typeof date === 'string') return date;
  return `${date.toISOString().slice(0, 19)}Z`;
}

function editError(plan: Plan, message: string): PlanError {
  return new PlanError('PLAN_EDIT', `${message} (plan ${plan.file}).`, { file: plan.file });
}

function checkName(plan: Plan, kind: 'change' | 'tag', name: string): void {
  if (reserved.has(name)) throw editError(plan, `"${name}" is a reserved name`);
  if (/^[0-9a-f]{40}/.test(name)) throw editError(plan, `"${name}" is invalid because it could be confused with a SHA1 ID`);
  if (!nameRe.test(name) || (kind === 'tag' && name.includes('/'))) {
    throw editError(plan, `"${name}" is invalid: ${kind}s must not begin with punctuation, contain "@", ":", "#", ${kind === 'tag' ? '"/", ' : ''}"\\", or blanks, or end in punctuation or digits following punctuation`);
  }
}

function parseDeps(plan: Plan, specs: string[] | undefined, conflicts: boolean): Dependency[] {
  return [...new Set(specs ?? [])].map((spec) => {
    const dep = parseDependency(conflicts ? `!${spec.replace(/^!/, '')}` : spec);
    if (!dep) throw editError(plan, `"${spec}" is not a valid dependency specification`);
    return { ...dep, conflicts };
  });
}

function checkRequires(plan: Plan, change: Change, action: string): void {
  for (const dep of change.requires) {
    if (dependencyProject(plan, dep) !== plan.project) continue;
    const key = dependencyKey(dep);
    if (indexOf(plan, key.includes('@') ? key : `${key}@HEAD`) === undefined) {
      throw editError(plan, `Cannot ${action} change "${change.name}": requires unknown change "${key}"`);
    }
  }
}

function newChange(plan: Plan, p: NewChange, requires: Dependency[]): Change {
  return {
    kind: 'change', name: p.name, operator: '', requires, conflicts: parseDeps(plan, p.conflicts, true),
    timestamp: formatTimestamp(p.timestamp), plannerName: p.planner.name, plannerEmail: p.planner.email,
    note: normalizeNote(p.note), tags: [], reworkTags: [], index: plan.changes.length, id: '', eol: '\n',
  };
}

function appendLine(plan: Plan, line: PlanLine, at = plan.lines.length): void {
  // A file without a final newline gets one before anything follows it.
  const prev = plan.lines[at - 1];
  if (prev && prev.eol === '') prev.eol = '\n';
  plan.lines.splice(at, 0, line);
}

/** Plan->add: appends a change (a blank line first when the previous change is tagged). */
export function addChange(plan: Plan, p: NewChange): Change {
  checkName(plan, 'change', p.name);
  if (plan.changes.some((c) => c.name === p.name)) {
    throw editError(plan, `Change "${p.name}" already exists; rework it instead`);
  }
  const change = newChange(plan, p, parseDeps(plan, p.requires, false));
  checkRequires(plan, change, 'add');
  const last = plan.changes[plan.changes.length - 1];
  if (last && last.tags.length) appendLine(plan, { kind: 'blank', note: '', eol: '\n' });
  appendLine(plan, change);
  plan.changes.push(change);
  computeIds(plan);
  return change;
}

/**
 * Plan->rework: a new instance of a tagged change that requires `name@lastTag`. The earlier instance's
 * scripts move to `name@tag.sql` (see reworkRenames).
 */
export function reworkChange(plan: Plan, p: NewChange): Change {
  const idx = indexOf(plan, `${p.name}@HEAD`);
  if (idx === undefined) throw editError(plan, `Change "${p.name}" does not exist; add it instead`);
  let tagIdx = -1;
  plan.changes.forEach((c, i) => {
    if (c.tags.length) tagIdx = i;
  });
  if (tagIdx < idx) throw editError(plan, `Cannot rework "${p.name}" without an intervening tag; tag the plan first`);
  const tag = plan.changes[tagIdx]!.tags[0]!;
  const requires = [{ conflicts: false, change: p.name, tag: tag.name }, ...parseDeps(plan, p.requires, false)];
  const change = newChange(plan, p, requires);
  checkRequires(plan, change, 'rework');
  plan.changes[idx]!.reworkTags.push(tag);
  appendLine(plan, change);
  plan.changes.push(change);
  computeIds(plan);
  return change;
}

/** Plan->tag: tags the last change (or the one named), inserting the line after its existing tags. */
export function addTag(plan: Plan, p: { name: string; change?: string; note?: string; planner: Planner; timestamp?: Date | string }): Tag {
  const name = p.name.replace(/^@/, '');
  checkName(plan, 'tag', name);
  if (plan.changes.some((c) => c.tags.some((t) => t.name === name))) throw editError(plan, `Tag "@${name}" already exists`);
  const change = p.change !== undefined ? findChange(plan, p.change) : plan.changes[plan.changes.length - 1];
  if (!change) {
    throw editError(plan, p.change !== undefined ? `Unknown change: "${p.change}"` : `Cannot apply tag "@${name}" to a plan with no changes`);
  }
  const tag: Tag = {
    kind: 'tag', name, change, timestamp: formatTimestamp(p.timestamp), plannerName: p.planner.name,
    plannerEmail: p.planner.email, note: normalizeNote(p.note), id: '', eol: '\n',
  };
  const at = plan.lines.indexOf(change) + 1 + change.tags.length;
  change.tags.push(tag);
  appendLine(plan, tag, at);
  computeIds(plan);
  return tag;
}

/** A new, empty plan as `sqitch init` writes it. */
export function newPlan(file: string, project: string, uri?: string): Plan {
  const text = `%syntax-version=${SYNTAX_VERSION}\n%project=${project}\n${uri ? `%uri=${uri}\n` : ''}\n`;
  return parsePlan(text, file);
}
