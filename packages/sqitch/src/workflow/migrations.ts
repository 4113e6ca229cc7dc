/**
 * `migrations init` and `migrations add`: the migration that takes "every existing migration
 * applied" to "the SQL source loaded", written as Sqitch deploy / revert / verify scripts and a
 * plan line, all together or not at all.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { SchemaModel } from '@pgshift/catalog';
import { Change as DiffChange, Hazard, renderDeploy, renderVerify, diff } from '@pgshift/diff';
import type { Engine, EngineOptions } from '@pgshift/engines';
import { writeFilesAtomically, type FileWrite } from '../atomic';
import { loadConfig, resolveIdentity } from '../conf';
import { addChange, addTag, formatPlan, newPlan, readPlan, type Plan, type Planner } from '../plan';
import { Project, ProjectError, projectPaths } from './project';
import { emptyModel, migrationsModel, sourceModel, withEngine } from './state';

export interface MigrationOptions {
  /** Progress and result lines, as Sqitch users know them. */
  onMessage?: (line: string) => void;
  /** Output of \echo while the source loads. */
  onEcho?: (text: string) => void;
  /** Hazard codes that may appear in the written migration; `data-loss` is refused unless listed here. */
  allowHazards?: string[];
  /** Write nothing; report what would be written. */
  dryRun?: boolean;
  planner?: Planner;
  timestamp?: Date;
  /** Reuse an engine the caller owns instead of starting one. */
  engine?: Engine;
}

export interface AddOptions extends MigrationOptions {
  note?: string;
  /** Write empty scripts for a hand-written (data) migration instead of diffing. */
  noDiff?: boolean;
}

export interface WrittenMigration {
  /** Changes added to the plan (two when some statements cannot run in a transaction block). */
  changes: string[];
  files: FileWrite[];
  hazards: Hazard[];
}

const NUMBER_WIDTH = 10;
const refusedByDefault = ['data-loss'];

export function engineOptions(project: Project): EngineOptions {
  if (project.engine === 'server') return { engine: 'server', url: project.databaseUrl };
  if (project.engine === 'docker') return { engine: 'docker', ...(project.docker ?? {}) };
  return { engine: 'pglite' };
}

/** Creates sqitch.conf, sqitch.plan and 0000000001-initial from the whole source state. */
export async function initMigrations(project: Project, options: MigrationOptions = {}): Promise<WrittenMigration> {
  const paths = projectPaths(project);
  if (existsSync(paths.planFile)) {
    throw new ProjectError('PLAN_EDIT', `${paths.planFile} already exists: the migrations are initialised; use \`pgshift migrations add NAME\`.`, {
      file: paths.planFile,
    });
  }
  const name = project.project ?? path.basename(project.dir);
  const plan = newPlan(paths.planFile, name);
  const conf: FileWrite = { path: paths.confFile, content: existsSync(paths.confFile) ? readFileSync(paths.confFile, 'utf8') : sqitchConf() };
  return run(project, options, async (engine) => {
    const [from, to] = [await emptyModel(engine), await sourceModel(engine, paths.source, loadOptions(project, options))];
    return write(project, plan, 'initial', 'Initial schema', from, to, options, [conf]);
  });
}

/** Appends the next migration: the diff from the migrations' state to the source's. */
export async function addMigration(project: Project, name: string, options: AddOptions = {}): Promise<WrittenMigration> {
  const paths = projectPaths(project);
  if (!existsSync(paths.planFile)) {
    throw new ProjectError('NOT_FOUND', `${paths.planFile} does not exist; run \`pgshift migrations init\` first.`, { file: paths.planFile });
  }
  const plan = readPlan(paths.planFile);
  if (options.noDiff) return write(project, plan, name, options.note, undefined, undefined, options, []);
  return run(project, options, async (engine) => {
    const from = await migrationsModel(engine, paths.planFile, loadOptions(project, options));
    const to = await sourceModel(engine, paths.source, loadOptions(project, options));
    return write(project, plan, name, options.note, from, to, options, []);
  });
}

export interface TagOptions {
  note?: string;
  onMessage?: (line: string) => void;
  dryRun?: boolean;
  planner?: Planner;
  timestamp?: Date;
}

/**
 * `sqitch tag NAME`: tags the last change of the plan. Unlike sqitch, a change takes one tag only,
 * so that a release names exactly one point of the history.
 */
export function tagMigrations(project: Project, name: string, options: TagOptions = {}): { tag: string; change: string } {
  const paths = projectPaths(project);
  if (!existsSync(paths.planFile)) {
    throw new ProjectError('NOT_FOUND', `${paths.planFile} does not exist; run \`pgshift migrations init\` first.`, { file: paths.planFile });
  }
  const plan = readPlan(paths.planFile);
  const last = plan.changes[plan.changes.length - 1];
  if (last && last.tags.length > 0) {
    throw new ProjectError(
      'PLAN_EDIT',
      `${paths.planFile}: the last change "${last.name}" is already tagged @${last.tags[0]!.name}; add a migration before tagging again.`,
      { file: paths.planFile },
    );
  }
  const planner = options.planner ?? resolveIdentity({ config: loadConfig({ dir: paths.migrations }), dir: project.dir });
  const tag = addTag(plan, { name, note: options.note, planner, timestamp: options.timestamp });
  if (!options.dryRun) writeFilesAtomically([], { path: paths.planFile, content: formatPlan(plan) });
  options.onMessage?.(`Tagged "${tag.change.name}" with @${tag.name}`);
  return { tag: tag.name, change: tag.change.name };
}

function loadOptions(project: Project, options: MigrationOptions) {
  return { envFile: projectPaths(project).envFile, variables: project.variables, onEcho: options.onEcho, baseDir: project.dir };
}

async function run<T>(project: Project, options: MigrationOptions, work: (engine: Engine) => Promise<T>): Promise<T> {
  return options.engine ? work(options.engine) : withEngine(engineOptions(project), work);
}

/** The next free number: one more than the highest NNNNNNNNNN- prefix in the plan. */
export function nextNumber(plan: Plan): number {
  let max = 0;
  for (const change of plan.changes) {
    const m = /^(\d+)-/.exec(change.name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

export function changeName(number: number, name: string): string {
  return `${String(number).padStart(NUMBER_WIDTH, '0')}-${name}`;
}

async function write(
  project: Project,
  plan: Plan,
  name: string,
  note: string | undefined,
  from: SchemaModel | undefined,
  to: SchemaModel | undefined,
  options: MigrationOptions,
  extra: FileWrite[],
): Promise<WrittenMigration> {
  const say = options.onMessage ?? (() => undefined);
  const paths = projectPaths(project);
  const planner = options.planner ?? resolveIdentity({ config: loadConfig({ dir: existsSync(paths.migrations) ? paths.migrations : project.dir }), dir: project.dir });
  const forward = from && to ? diff(from, to) : undefined;
  if (forward && forward.length === 0) {
    say('No changes: the migrations already produce the source state; nothing written.');
    return { changes: [], files: [], hazards: [] };
  }
  const hazards = forward?.flatMap((c) => c.hazards) ?? [];
  const allowed = new Set([...(options.allowHazards ?? [])]);
  const refused = hazards.filter((h) => refusedByDefault.includes(h.code) && !allowed.has(h.code) && !allowed.has('all'));
  if (refused.length > 0) {
    throw new ProjectError(
      'PLAN_EDIT',
      `The migration "${name}" would ${refused.map((h) => `${h.code}: ${h.message}`).join('; ')}. Nothing was written; ` +
        `pass --allow-hazards ${[...new Set(refused.map((h) => h.code))].join(',')} to write it anyway.`,
    );
  }
  // Statements that cannot run in a transaction block (a new enum value that later statements use)
  // go into a change of their own, deployed before the rest.
  const outside = forward?.filter((c) => !c.transactional) ?? [];
  const inside = forward?.filter((c) => c.transactional) ?? [];
  const backward = from && to ? diff(to, from) : undefined;
  const number = nextNumber(plan);
  const files: FileWrite[] = [...extra];
  const added: string[] = [];
  const dirs = { deploy: path.join(paths.migrations, 'deploy'), revert: path.join(paths.migrations, 'revert'), verify: path.join(paths.migrations, 'verify') };
  const scriptFile = (kind: keyof typeof dirs, change: string) => path.join(dirs[kind], `${change}.sql`);
  const addOne = (change: string, deploy: string, revert: string, verify: string, requires: string[]) => {
    addChange(plan, { name: change, note, planner, requires, timestamp: options.timestamp });
    files.push({ path: scriptFile('deploy', change), content: deploy });
    files.push({ path: scriptFile('revert', change), content: revert });
    files.push({ path: scriptFile('verify', change), content: verify });
    added.push(change);
  };
  const project_ = plan.project;
  if (outside.length > 0) {
    const change = changeName(number, `${name}-outside-transaction`);
    addOne(
      change,
      header('Deploy', project_, change, 'to', outside) + renderDeploy(outside),
      `-- Revert ${project_}:${change} from pg\n-- Nothing to undo here: the revert of the change that follows takes the database back.\n`,
      `-- Verify ${project_}:${change} on pg\n\nBEGIN;\n\n${renderVerify(outside)}\nROLLBACK;\n`,
      [],
    );
  }
  const main = changeName(number + (outside.length > 0 ? 1 : 0), name);
  if (forward) {
    addOne(
      main,
      `${header('Deploy', project_, main, 'to', inside)}BEGIN;\n\n${renderDeploy(inside)}\nCOMMIT;\n`,
      `${header('Revert', project_, main, 'from', backward ?? [])}BEGIN;\n\n${renderDeploy(backward ?? [])}\nCOMMIT;\n`,
      `-- Verify ${project_}:${main} on pg\n\nBEGIN;\n\n${renderVerify(inside)}\nROLLBACK;\n`,
      added.slice(),
    );
  } else {
    addOne(
      main,
      `-- Deploy ${project_}:${main} to pg\n\nBEGIN;\n\n-- COPY schema.table (col, …) FROM stdin;\n-- …tab-separated rows…\n-- \\.\n\nCOMMIT;\n`,
      `-- Revert ${project_}:${main} from pg\n\nBEGIN;\n\n\nCOMMIT;\n`,
      `-- Verify ${project_}:${main} on pg\n\nBEGIN;\n\n\nROLLBACK;\n`,
      [],
    );
  }
  const rel = (file: string) => path.relative(paths.migrations, file);
  if (!options.dryRun) writeFilesAtomically(files, { path: paths.planFile, content: formatPlan(plan) });
  for (const file of files) say(`Created ${rel(file.path)}`);
  for (const change of added) say(`Added "${change}" to ${rel(paths.planFile)}`);
  for (const hazard of hazards) say(`hazard: ${hazard.code}: ${hazard.message}`);
  return { changes: added, files, hazards };
}

function header(verb: string, project: string, change: string, preposition: string, changes: DiffChange[]): string {
  const hazards = changes.flatMap((c) => c.hazards);
  const lines = [`-- ${verb} ${project}:${change} ${preposition} pg`];
  if (hazards.length > 0) {
    lines.push('--', '-- Hazards:');
    for (const h of hazards) lines.push(`--   ${h.code}: ${h.message.replace(/\n/g, ' ')}`);
  }
  return `${lines.join('\n')}\n\n`;
}

function sqitchConf(): string {
  return `[core]\n\tengine = pg\n\t# plan_file = sqitch.plan\n\t# top_dir = .\n# [engine "pg"]\n\t# target = db:pg:\n\t# registry = sqitch\n\t# client = psql\n`;
}
