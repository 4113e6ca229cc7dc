/**
 * `migrations init` and `migrations add`: the migration that takes "every existing migration
 * applied" to "the SQL source loaded", written as Sqitch deploy / revert / verify scripts and a
 * plan line, all together or not at all.
 */
import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { SchemaModel } from '@pgshift/catalog';
import { Change as DiffChange, Hazard, renderDeploy, renderVerify, diff, notMigrated, stagedDiff } from '@pgshift/diff';
import type { Engine, EngineOptions } from '@pgshift/engines';
import { writeFilesAtomically, type FileWrite } from '../atomic';
import { loadConfig, resolveIdentity } from '../conf';
import { changeNumber, checkMergedPlan, type MergeCheckOptions } from '../merge';
import { addChange, addTag, formatPlan, newPlan, readPlan, type Plan, type Planner } from '../plan';
import { Client } from 'pg';
import { tableSizes } from '../sizes';
import { connectionString, maskPassword } from '../target';
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
  /** A database (production, a copy) whose table sizes the lock and rewrite hazards report. */
  target?: string;
  /**
   * Online forms on existing tables (default on): indexes built and dropped CONCURRENTLY in
   * changes of their own, foreign keys, checks and NOT NULL validated in a change that follows.
   */
  online?: boolean;
}

export interface AddOptions extends MigrationOptions, MergeCheckOptions {
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
  const plan = readPlan(paths.planFile, options);
  checkMergedPlan(plan, options);
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
  return Math.max(0, ...plan.changes.map((c) => changeNumber(c.name) ?? 0)) + 1;
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
  const staged = from && to ? stagedDiff(from, to, { online: options.online !== false }) : undefined;
  const forward = staged ? [...staged.before, ...staged.main, ...staged.after, ...staged.validate] : undefined;
  if (from && to) for (const warning of notMigrated(from, to, { from: 'the migrations', to: 'the source' })) say(`warning: ${warning}`);
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
  const number = nextNumber(plan);
  const files: FileWrite[] = [...extra];
  const added: string[] = [];
  const dirs = { deploy: path.join(paths.migrations, 'deploy'), revert: path.join(paths.migrations, 'revert'), verify: path.join(paths.migrations, 'verify') };
  const scriptFile = (kind: keyof typeof dirs, change: string) => path.join(dirs[kind], `${change}.sql`);
  const project_ = plan.project;
  const addOne = (suffix: string, deploy: Script, revert: Script, verify: string, requires: string[]) => {
    const change = changeName(number + added.length, suffix);
    addChange(plan, { name: change, note, planner, requires, timestamp: options.timestamp });
    const scripts = changeScripts(project_, change, deploy, revert, verify);
    for (const kind of ['deploy', 'revert', 'verify'] as const) files.push({ path: scriptFile(kind, change), content: scripts[kind] });
    added.push(change);
    return change;
  };
  if (from && to && staged) {
    const s = staged;
    // Statements that cannot run in a transaction block (DROP INDEX CONCURRENTLY, a new enum value
    // that later statements use) go into a change of their own, deployed before the rest.
    if (s.before.length > 0) {
      const earlyRevert = diff(s.models.before, from);
      addOne(
        `${name}-outside-transaction`,
        { changes: s.before, transactional: false },
        earlyRevert.length > 0
          ? { changes: earlyRevert, transactional: true }
          : { changes: [], text: '-- Nothing to undo here: the revert of the change that follows takes the database back.\n' },
        renderVerify(s.before),
        [],
      );
    }
    // A concurrent build that failed half-way leaves an invalid index that no revert knows of.
    const leftovers = s.after.map((c) => `DROP INDEX IF EXISTS ${indexName(c)};\n`).join('');
    const main = addOne(
      name,
      { changes: s.main, transactional: true },
      { changes: diff(s.models.main, s.models.before), transactional: true, prefix: leftovers },
      renderVerify(s.main),
      added.slice(),
    );
    const taken = new Set<string>();
    for (const c of s.after) {
      const label = freeLabel(`${name}-index-${indexName(c).replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')}`, taken);
      addOne(label, { changes: [c], transactional: false }, { changes: [], text: `BEGIN;\n\nDROP INDEX IF EXISTS ${indexName(c)};\n\nCOMMIT;\n` }, renderVerify([c]), [main]);
    }
    if (s.validate.length > 0) {
      addOne(`${name}-validate`, { changes: s.validate, transactional: true }, { changes: diff(to, s.models.after), transactional: true }, renderVerify(s.validate), [main]);
    }
  } else {
    addOne(
      name,
      { changes: [], text: 'BEGIN;\n\n-- COPY schema.table (col, …) FROM stdin;\n-- …tab-separated rows…\n-- \\.\n\nCOMMIT;\n' },
      { changes: [], text: 'BEGIN;\n\n\nCOMMIT;\n' },
      '',
      [],
    );
  }
  const rel = (file: string) => path.relative(paths.migrations, file);
  const sizes = options.target ? await sizesOn(options.target, [...new Set(hazards.flatMap((h) => h.table ?? []))]) : new Map<string, string>();
  if (!options.dryRun) writeFilesAtomically(files, { path: paths.planFile, content: formatPlan(plan) });
  for (const file of files) say(`Created ${rel(file.path)}`);
  for (const change of added) say(`Added "${change}" to ${rel(paths.planFile)}`);
  for (const hazard of hazards) say(`hazard: ${hazard.code}: ${hazard.message}${noOnlineForm(hazard, options, sizes.get(hazard.table ?? ''))}`);
  return { changes: added, files, hazards };
}

/** The deploy / revert / verify scripts of a change that the differ wrote, each marked as generated. */
export function diffScripts(project: string, change: string, forward: DiffChange[], backward: DiffChange[]): Record<'deploy' | 'revert' | 'verify', string> {
  return changeScripts(project, change, { changes: forward, transactional: true }, { changes: backward, transactional: true }, renderVerify(forward));
}

/**
 * A change's three scripts: headers (with the hazards), bodies, and the generated mark when the
 * differ wrote the change whole in one transaction, which is what a rebase may regenerate.
 */
function changeScripts(project: string, change: string, deploy: Script, revert: Script, verify: string): Record<'deploy' | 'revert' | 'verify', string> {
  const mark = deploy.text === undefined && revert.text === undefined && deploy.transactional ? markGenerated : (text: string) => text;
  return {
    deploy: mark(header('Deploy', project, change, 'to', deploy.changes) + textOf(deploy)),
    revert: mark(header('Revert', project, change, 'from', revert.changes) + textOf(revert)),
    verify: mark(`-- Verify ${project}:${change} on pg\n\nBEGIN;\n\n${verify}\nROLLBACK;\n`),
  };
}

/**
 * A script the differ wrote carries, as its second line, a checksum of everything after that line.
 * `migrations rebase` regenerates a change only while all its scripts still match their checksum:
 * an edited script, a --no-diff one, or one written before scripts were marked counts as hand-written.
 */
const GENERATED_LINE = /^-- pgshift: generated from a diff, checksum ([0-9a-f]{16})\b/;

function checksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 16);
}

function markGenerated(script: string): string {
  const eol = script.indexOf('\n') + 1;
  const rest = script.slice(eol);
  return `${script.slice(0, eol)}-- pgshift: generated from a diff, checksum ${checksum(rest)} (an edit makes it hand-written)\n${rest}`;
}

/** Whether a script was written by the differ and not edited since (see GENERATED_LINE). */
export function isGeneratedScript(script: string): boolean {
  const first = script.indexOf('\n') + 1;
  const second = script.indexOf('\n', first) + 1;
  if (first === 0 || second === 0) return false;
  const m = GENERATED_LINE.exec(script.slice(first, second));
  return m !== null && m[1] === checksum(script.slice(second));
}

/** A script's body: changes rendered (inside BEGIN … COMMIT when transactional), or text written as is. */
interface Script {
  changes: DiffChange[];
  transactional?: boolean;
  /** Statements that run first, inside the transaction. */
  prefix?: string;
  text?: string;
}

function textOf(script: Script): string {
  if (script.text !== undefined) return script.text;
  const body = `${script.prefix ?? ''}${script.prefix ? '\n' : ''}${renderDeploy(script.changes)}`;
  return script.transactional ? `BEGIN;\n\n${body}\nCOMMIT;\n` : body;
}

/** The index a CREATE INDEX CONCURRENTLY change builds, as SQL names it: its id is `index "s"."name"`. */
function indexName(c: DiffChange): string {
  return c.objectId.replace(/^index /, '');
}

/** A change name that no other change of this migration has. */
function freeLabel(base: string, taken: Set<string>): string {
  let label = base;
  for (let i = 2; taken.has(label); i++) label = `${base}-${i}`;
  taken.add(label);
  return label;
}

/** What `migrations add` adds to a lock or rewrite hazard that the online form could not avoid. */
function noOnlineForm(hazard: Hazard, options: MigrationOptions, size: string | undefined): string {
  if (!hazard.table || !['table-rewrite', 'long-lock'].includes(hazard.code)) return '';
  const where = ` (table ${hazard.table}${size ? `: ${size}` : ''})`;
  if (options.online === false) return `${where}; --no-online`;
  return `${where}: no online form, writers to it wait until the change commits${size ? '' : '; deploy (or --target) shows its size'}`;
}

async function sizesOn(target: string, tables: string[]): Promise<Map<string, string>> {
  const conn = connectionString(target);
  const client = new Client(conn === undefined ? {} : { connectionString: conn });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await tableSizes(client, tables);
  } catch (e) {
    throw new ProjectError('TARGET', `Cannot read table sizes from --target ${maskPassword(target)}: ${(e as Error).message}. Nothing was written.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function header(verb: string, project: string, change: string, preposition: string, changes: DiffChange[]): string {
  const hazards = changes.flatMap((c) => c.hazards);
  const lines = [`-- ${verb} ${project}:${change} ${preposition} pg`];
  if (hazards.length > 0) {
    lines.push('--', '-- Hazards:');
    for (const h of hazards) lines.push(`--   ${h.code}: ${h.message.replace(/\n/g, ' ')}${h.table ? ` (table ${h.table})` : ''}`);
  }
  return `${lines.join('\n')}\n\n`;
}

function sqitchConf(): string {
  return `[core]\n\tengine = pg\n\t# plan_file = sqitch.plan\n\t# top_dir = .\n# [engine "pg"]\n\t# target = db:pg:\n\t# registry = sqitch\n\t# client = psql\n`;
}
