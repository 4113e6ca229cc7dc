/**
 * `migrations rebase`: the plan after a git merge of two branches that each added migrations.
 *
 * Conflict markers that only separate lines both branches appended are resolved by keeping both
 * sides (ours, then theirs). Then plan order decides the numbers: the first change to hold a number
 * keeps it, and each later change whose number is taken moves to one more than the highest number in
 * use before it; its scripts are renamed and the `requires` / conflicts naming it follow, its tags
 * stay on it. A renamed change whose scripts the differ wrote (and nobody edited since) is checked on
 * its new base — the plan replayed up to it — and regenerated when it does not fit. Everything is
 * written together or not at all.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { SchemaModel } from '@pgshift/catalog';
import { diff } from '@pgshift/diff';
import type { Engine } from '@pgshift/engines';
import { writeFilesAtomically, type FileWrite } from '../atomic';
import { scriptHazards } from '../deploy';
import { where } from '../errors';
import { changeNumber, resolveConflicts } from '../merge';
import { formatPlan, parsePlan, type Change, type Plan } from '../plan';
import { scriptPath, type ScriptKind } from '../scripts';
import { diffScripts, engineOptions, isGeneratedScript, type MigrationOptions } from './migrations';
import { Project, ProjectError, projectPaths } from './project';
import { replayStates, sourceModel, withEngine, type LoadOptions, type ReplayState, type ReplayStep } from './state';

export interface RebaseOptions extends Pick<MigrationOptions, 'onMessage' | 'onEcho' | 'allowHazards' | 'dryRun' | 'engine'> {
  /** What a database that deployed a renamed change must do, and hand-written changes kept unchecked. */
  onWarning?: (line: string) => void;
}

export interface RebaseResult {
  /** Lines (in the merged plan) of the git conflicts resolved by keeping both sides. */
  conflicts: number[];
  renamed: { from: string; to: string }[];
  /** Renamed changes whose scripts were written again as the diff from their new base. */
  regenerated: string[];
  /** Renamed changes kept as written because they are not (or no longer) the differ's output. */
  handWritten: string[];
  files: FileWrite[];
  removed: string[];
}

interface Move {
  /** The change in the merged plan (renamed in place by `rename`). */
  change: Change;
  from: string;
  to: string;
  scripts: OldScripts;
}

interface Rebase {
  project: Project;
  paths: ReturnType<typeof projectPaths>;
  dirs: { topDir: string };
  /** The rebased plan. */
  plan: Plan;
  moves: Move[];
  /** The scripts to write, by path: renamed ones, some regenerated. */
  contents: Map<string, string>;
  options: RebaseOptions;
  result: RebaseResult;
  say: (line: string) => void;
  rel: (file: string) => string;
}

const KINDS: ScriptKind[] = ['deploy', 'revert', 'verify'];

export async function rebaseMigrations(project: Project, options: RebaseOptions = {}): Promise<RebaseResult> {
  const say = options.onMessage ?? (() => undefined);
  const warn = options.onWarning ?? ((line: string) => say(`warning: ${line}`));
  const paths = projectPaths(project);
  if (!existsSync(paths.planFile)) {
    throw new ProjectError('NOT_FOUND', `${paths.planFile} does not exist; run \`pgshift migrations init\` first.`, { file: paths.planFile });
  }
  const rel = (file: string) => path.relative(paths.migrations, file);
  const resolved = resolveConflicts(readFileSync(paths.planFile, 'utf8'), paths.planFile);
  const merged = parsePlan(resolved.text, paths.planFile);
  merged.lines = merged.lines.filter((l) => !(l.kind === 'blank' && l.line !== undefined && resolved.blanked.has(l.line)));
  const dirs = { topDir: paths.migrations };
  const moves = renumber(merged, dirs);
  const result: RebaseResult = { conflicts: resolved.conflicts, renamed: moves.map(({ from, to }) => ({ from, to })), regenerated: [], handWritten: [], files: [], removed: [] };
  if (moves.length === 0 && resolved.conflicts.length === 0) {
    say(`Nothing to rebase: ${rel(paths.planFile)} holds no conflict markers and no number held by two changes.`);
    return result;
  }
  for (const line of resolved.conflicts) say(`Resolved the git conflict at ${rel(paths.planFile)}:${line}: kept both sides, ours then theirs`);

  const oldIds = merged.changes.map((c) => c.id);
  const { plan, updated } = rename(merged, moves);
  const r: Rebase = { project, paths, dirs, plan, moves, contents: new Map(), options, result, say, rel };
  for (const m of moves) {
    const change = plan.changes[m.change.index]!;
    for (const kind of KINDS) {
      const text = m.scripts.texts[kind];
      if (text === undefined) continue;
      // A generated script's first line names its change; a hand-written one is moved as it is.
      const renamed = m.scripts.generated ? text.replace(headerRe(kind, plan.project, m.from), (_, verb: string) => `-- ${verb} ${plan.project}:${m.to} `) : text;
      r.contents.set(scriptPath(dirs, change, kind), renamed);
    }
    say(`Renamed "${m.from}" to "${m.to}" (${KINDS.filter((k) => m.scripts.texts[k] !== undefined).map((k) => `${k}/`).join(', ')} and the plan line)`);
  }
  for (const name of updated) say(`Updated the dependencies of "${name}" to the new names`);

  if (moves.some((m) => m.scripts.generated)) {
    await (options.engine ? checkOnNewBase(r, options.engine) : withEngine(engineOptions(project), (engine) => checkOnNewBase(r, engine)));
  }
  for (const m of moves.filter((m) => !m.scripts.generated)) {
    result.handWritten.push(m.to);
    warn(
      `"${m.to}" (was "${m.from}") is kept as written: its scripts are not all marked as the differ's unedited output (a --no-diff or edited migration, ` +
        'or one written before pgshift marked them), so it was not checked on its new base; make sure it still fits after the changes now before it.',
    );
  }
  plan.changes.forEach((change, i) => {
    if (change.id === oldIds[i]) return;
    const m = moves.find((x) => x.change.index === i);
    warn(
      m
        ? `"${m.from}" is now "${m.to}", a new Sqitch change (its id hashes its name and its parent's): a database that deployed it as "${m.from}" must revert it, ` +
            'with the plan of the branch it came from, before this plan is deployed there; pgshift deploy and sqitch deploy both stop at a deployed change the plan no longer lists ("Cannot find change").'
        : `"${change.name}" keeps its name but follows a renamed change, so its Sqitch id changes too: a database that deployed it must revert it, with the plan of its branch, before this plan is deployed there.`,
    );
  });

  result.files = [...r.contents].map(([file, content]) => ({ path: file, content }));
  result.removed = moves.flatMap((m) => Object.values(m.scripts.files)).filter((file) => !r.contents.has(file));
  if (!options.dryRun) writeFilesAtomically(result.files, { path: paths.planFile, content: formatPlan(plan) }, { remove: result.removed });
  say(`${options.dryRun ? 'Would write' : 'Wrote'} ${rel(paths.planFile)}: ${moves.length} change${moves.length === 1 ? '' : 's'} renumbered`);
  return result;
}

/**
 * Each renamed change the differ wrote, in plan order, on one engine: the plan replayed up to it (its
 * base), then its deploy, then its revert. It is kept when the revert brings the base back and, for
 * the last change of the plan, base + deploy is the source state; else it is regenerated.
 */
async function checkOnNewBase(r: Rebase, engine: Engine): Promise<void> {
  const { paths, plan } = r;
  const load: LoadOptions = { envFile: paths.envFile, variables: r.project.variables, onEcho: r.options.onEcho, baseDir: r.project.dir };
  const step = (c: Change, kind: ScriptKind): ReplayStep => {
    const file = scriptPath(r.dirs, c, kind);
    const text = r.contents.get(file);
    return text === undefined ? { file } : { file, text };
  };
  let source: SchemaModel | undefined;
  for (const m of r.moves.filter((x) => x.scripts.generated)) {
    const change = plan.changes[m.change.index]!;
    const n = change.index;
    const steps = [...plan.changes.slice(0, n).map((c) => step(c, 'deploy')), step(change, 'deploy'), step(change, 'revert')];
    const [base, deployed, reverted] = (await replayStates(engine, steps, [n, n + 1, n + 2], load)) as [ReplayState, ReplayState, ReplayState];
    if ('error' in base) {
      throw new ProjectError(
        'DEPLOY_FAILED',
        `Cannot check "${m.to}" on its new base: the migrations before it do not replay (${r.rel(base.file)}): ${base.error.message} Nothing was written.`,
        { file: paths.planFile },
        { cause: base.error },
      );
    }
    const last = n === plan.changes.length - 1;
    if (last) source ??= await sourceModel(engine, paths.source, load);
    const problem =
      'error' in deployed ? `its deploy fails on the new base (${firstLine(deployed.error)})`
      : 'error' in reverted ? `its revert fails after its deploy (${firstLine(reverted.error)})`
      : !sameState(reverted.model, base.model) ? 'its revert does not bring the database back to the new base'
      : source !== undefined && !sameState(deployed.model, source) ? 'the new base with its deploy is not the source state'
      : undefined;
    if (problem === undefined) {
      r.say(`Checked "${m.to}" on its new base: its deploy and revert fit; kept`);
      continue;
    }
    const target = source ?? ('model' in deployed ? deployed.model : undefined);
    if (target === undefined) {
      throw new ProjectError(
        'DEPLOY_FAILED',
        `${where({ file: paths.planFile, line: m.change.line })}: "${m.to}" (was "${m.from}") does not fit its new base: ${problem}. ` +
          'It is not the last change of the plan, so it has no target state to be regenerated for (the source state is the target of the last change only); ' +
          `fix ${r.rel(scriptPath(r.dirs, change, 'deploy'))} by hand after the rebase. Nothing was written.`,
        { file: paths.planFile, ...(m.change.line !== undefined ? { line: m.change.line } : {}) },
      );
    }
    regenerate(r, m, base.model, target, problem);
    r.say(`Regenerated "${m.to}": ${problem}; its scripts are now the diff from its new base to ${last ? 'the source state' : 'the state its deploy reached'}`);
  }
}

/** The change's scripts as the differ writes them for base → target, in one transaction. */
function regenerate(r: Rebase, m: Move, from: SchemaModel, to: SchemaModel, problem: string): void {
  const forward = diff(from, to);
  const outside = forward.filter((c) => !c.transactional);
  if (outside.length > 0) {
    throw new ProjectError(
      'PLAN_EDIT',
      `"${m.to}" (was "${m.from}") must be regenerated because ${problem}, but its diff holds a statement that cannot run in a transaction block ` +
        `(${outside[0]!.objectKind} ${outside[0]!.objectId}); write that change by hand. Nothing was written.`,
      { file: r.paths.planFile },
    );
  }
  // Hazards its deploy listed were accepted when it was written; a new data loss needs --allow-hazards.
  const hazards = forward.flatMap((c) => c.hazards);
  const accepted = new Set([...(r.options.allowHazards ?? []), ...scriptHazards(m.scripts.texts.deploy!).map((h) => h.split(':')[0]!.trim())]);
  const refused = hazards.filter((h) => h.code === 'data-loss' && !accepted.has(h.code) && !accepted.has('all'));
  if (refused.length > 0) {
    throw new ProjectError(
      'PLAN_EDIT',
      `Regenerated, "${m.to}" would ${refused.map((h) => `${h.code}: ${h.message}`).join('; ')}, which its scripts did not before. Nothing was written; ` +
        'pass --allow-hazards data-loss to write it anyway.',
      { file: r.paths.planFile },
    );
  }
  const change = r.plan.changes[m.change.index]!;
  const written = diffScripts(r.plan.project, m.to, forward, diff(to, from));
  for (const kind of KINDS) r.contents.set(scriptPath(r.dirs, change, kind), written[kind]);
  r.result.regenerated.push(m.to);
  for (const hazard of hazards) r.say(`hazard: ${hazard.code}: ${hazard.message}`);
}

/**
 * Plan order decides: the first change to hold a number keeps it; a later change of another name
 * whose number is taken moves to one more than the highest number in use before it.
 */
function renumber(plan: Plan, dirs: { topDir: string }): Move[] {
  const holders = new Map<number, string>();
  const moves: Move[] = [];
  let highest = 0;
  for (const change of plan.changes) {
    const number = changeNumber(change.name);
    if (number === undefined) continue;
    const holder = holders.get(number);
    if (holder === undefined || holder === change.name) {
      holders.set(number, change.name);
      highest = Math.max(highest, number);
      continue;
    }
    const digits = /^\d+/.exec(change.name)![0];
    const to = `${String(highest + 1).padStart(digits.length, '0')}${change.name.slice(digits.length)}`;
    const rework = plan.changes.find((c) => c !== change && c.name === change.name);
    if (rework) {
      throw new ProjectError(
        'PLAN_EDIT',
        `${where({ file: plan.file, line: change.line })}: change "${change.name}" must be renumbered to "${to}", but it is reworked (line ${rework.line}); ` +
          'pgshift does not rename reworked changes: rename both and their scripts by hand.',
        { file: plan.file, ...(change.line !== undefined ? { line: change.line } : {}) },
      );
    }
    highest += 1;
    holders.set(highest, change.name);
    moves.push({ change, from: change.name, to, scripts: readScripts(plan, change, dirs) });
  }
  return moves;
}

/**
 * The plan with the moved changes renamed and every dependency on them following, ids computed
 * anew; and the names of the other changes whose dependencies changed.
 */
function rename(plan: Plan, moves: Move[]): { plan: Plan; updated: string[] } {
  const renames = new Map(moves.map((m) => [m.from, m.to]));
  const updated = new Set<string>();
  for (const m of moves) {
    m.change.name = m.to;
    m.change.text = undefined;
  }
  for (const change of plan.changes) {
    for (const dep of [...change.requires, ...change.conflicts]) {
      if (dep.change === undefined || (dep.project !== undefined && dep.project !== plan.project)) continue;
      const to = renames.get(dep.change);
      if (to === undefined) continue;
      dep.change = to;
      change.text = undefined;
      if (!moves.some((m) => m.change === change)) updated.add(change.name);
    }
  }
  return { plan: parsePlan(formatPlan(plan), plan.file), updated: [...updated] };
}

interface OldScripts {
  /** The scripts that exist, by kind: where they are and what they hold. */
  files: Partial<Record<ScriptKind, string>>;
  texts: Partial<Record<ScriptKind, string>>;
  generated: boolean;
}

function readScripts(plan: Plan, change: Change, dirs: { topDir: string }): OldScripts {
  const files: Partial<Record<ScriptKind, string>> = {};
  const texts: Partial<Record<ScriptKind, string>> = {};
  for (const kind of KINDS) {
    const file = scriptPath(dirs, change, kind);
    if (!existsSync(file)) continue;
    files[kind] = file;
    texts[kind] = readFileSync(file, 'utf8');
  }
  if (texts.deploy === undefined) {
    throw new ProjectError(
      'NOT_FOUND',
      `${where({ file: plan.file, line: change.line })}: the deploy script ${path.relative(dirs.topDir, scriptPath(dirs, change, 'deploy'))} of change "${change.name}" does not exist, so it cannot be renamed. Nothing was written.`,
      { file: plan.file },
    );
  }
  return { files, texts, generated: KINDS.every((k) => texts[k] !== undefined && isGeneratedScript(texts[k]!)) };
}

function headerRe(kind: ScriptKind, project: string, change: string): RegExp {
  const verb = { deploy: 'Deploy', revert: 'Revert', verify: 'Verify' }[kind];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^-- (${verb}) ${escape(project)}:${escape(change)} `);
}

/** Equal as far as the differ can tell: no change takes one to the other. */
function sameState(a: SchemaModel, b: SchemaModel): boolean {
  return diff(a, b).length === 0;
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0]!.replace(/\.$/, '');
}
