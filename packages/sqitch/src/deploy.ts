/**
 * deploy / revert / verify / status / log against a PostgreSQL target, with Sqitch's registry.
 *
 * Unlike sqitch, which runs a script through psql and then records it in a second transaction,
 * pgshift runs the script's statements itself and writes the registry rows just before the
 * script's final COMMIT: the change and its record commit together or not at all.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { resolveIdentity } from './conf';
import { DeployError, SqitchError } from './errors';
import { scriptHash } from './ids';
import { dependencyKey, dependencyProject, indexOf, nameWithTags, readPlan, type Change, type Dependency, type Plan, type Planner } from './plan';
import { LOCK_KEY, Registry, type DeployedChange, type RegistryEvent } from './registry';
import { scriptPath, type ScriptDirs, type ScriptKind } from './scripts';
import { from as copyFrom } from 'pg-copy-streams';
import { readScript as readPsqlScript, type Statement } from '@pgshift/sql-script';
import { tableSizes } from './sizes';
import { transactionControl } from './split';
import { verifyMarker, type VerifyMarker } from '@pgshift/diff';
import { connectionString, maskPassword } from './target';

export interface TargetOptions {
  /** `db:pg://user:pass@host:port/db`, `db:pg:dbname`, or a `postgres://` URL. */
  target: string;
  planFile: string;
  /** Folder holding deploy/, revert/, verify/; defaults to the plan's folder. */
  topDir?: string;
  deployDir?: string;
  revertDir?: string;
  verifyDir?: string;
  /** Registry schema; `sqitch` by default. */
  registry?: string;
  /** Recorded as committer; defaults to resolveIdentity() in topDir. */
  identity?: Planner;
  /** Progress lines (what sqitch prints). */
  onMessage?: (message: string) => void;
  /** When another session holds the deploy lock: wait (default) or fail at once. */
  wait?: boolean;
}

/** Session limits set before each change, so that a script's own SET cannot outlive its change. */
export interface TimeoutOptions {
  /** statement_timeout in milliseconds for every statement of a change (0: none). */
  statementTimeout?: number;
  /** lock_timeout in milliseconds for every lock a change waits for (0: none; default 3000). */
  lockTimeout?: number;
  /** Tries in all for a change that hits the lock timeout, rolled back in between (default 5). */
  lockTries?: number;
  /** Wait before the first retry in milliseconds, doubled before each further one (default 500). */
  retryDelay?: number;
}

export const DEFAULT_LOCK_TIMEOUT = 3000;
const DEFAULT_LOCK_TRIES = 5;
const DEFAULT_RETRY_DELAY = 500;

export interface DeployOptions extends TargetOptions, TimeoutOptions {
  /** Deploy up to and including this change (`name`, `name@tag`, `@tag`, or an id). */
  to?: string;
  /** Run each change's verify script after its deploy script, inside the same transaction. */
  verify?: boolean;
  /**
   * Sees the hazards that the pending changes' deploy scripts list in their header (as
   * `migrations add` writes them) before anything is applied; answering false cancels the deploy.
   */
  onHazards?: (hazards: PendingHazard[]) => boolean | Promise<boolean>;
}

export interface PendingHazard {
  change: string;
  /** `code: message`, as the script's header states it. */
  hazard: string;
  /** The size on the target of the table the hazard names (`(table "s"."t")`), e.g. `≈1,000,000 rows, 65 MB`. */
  size?: string;
}

/** The table a header's hazard line names at its end, as `migrations add` writes it. */
function hazardTable(hazard: string): string | undefined {
  return /\(table ((?:"(?:[^"]|"")*")\.(?:"(?:[^"]|"")*"))\)(?::|$)/.exec(hazard)?.[1];
}

/** The `-- Hazards:` block at the top of a deploy script. */
export function scriptHazards(text: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('--')) break;
    if (/^--\s*Hazards:\s*$/.test(line)) inBlock = true;
    else if (inBlock && /^--\s{2,}\S/.test(line)) out.push(line.replace(/^--\s+/, '').trim());
    else if (inBlock) inBlock = false;
  }
  return out;
}

export interface RevertOptions extends TargetOptions, TimeoutOptions {
  /** Revert the changes after this one; all of them when omitted. */
  to?: string;
}

interface Session {
  plan: Plan;
  dirs: ScriptDirs;
  client: Client;
  registry: Registry;
  identity: Planner;
  destination: string;
  say: (m: string) => void;
  blockers: BlockerWatch;
}

function dirsOf(o: TargetOptions): ScriptDirs {
  return { topDir: o.topDir ?? path.dirname(o.planFile), deployDir: o.deployDir, revertDir: o.revertDir, verifyDir: o.verifyDir };
}

async function withSession<T>(o: TargetOptions, lock: boolean, body: (s: Session) => Promise<T>): Promise<T> {
  const plan = readPlan(o.planFile);
  const dirs = dirsOf(o);
  const destination = maskPassword(o.target);
  const conn = connectionString(o.target);
  const client = new Client(conn === undefined ? {} : { connectionString: conn });
  // An idle error on a broken connection must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new DeployError('TARGET', `Cannot connect to ${destination}: ${(e as Error).message}; ${connectHint(e)}.`, undefined, { cause: e });
  }
  const say = o.onMessage ?? (() => undefined);
  const blockers = new BlockerWatch(client, conn);
  try {
    if (lock) {
      const got = await client.query('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY]);
      if (!got.rows[0].ok) {
        if (o.wait === false) {
          throw new DeployError(
            'LOCKED',
            `Another sqitch or pgshift session is working on ${destination} (it holds advisory lock ${LOCK_KEY}); try again when it has finished.`,
          );
        }
        say(`Blocked by another instance of Sqitch working on ${destination}; waiting for it to finish...`);
        await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
      }
    }
    const identity = o.identity ?? resolveIdentity({ dir: dirs.topDir });
    return await body({ plan, dirs, client, registry: new Registry(client, o.registry), identity, destination, say, blockers });
  } finally {
    await blockers.close();
    await client.end().catch(() => undefined);
  }
}

/** What to do about a failed connection, by its cause. */
function connectHint(e: unknown): string {
  switch ((e as { code?: string }).code) {
    case '28P01':
    case '28000':
      return "check the target's user and password";
    case '3D000':
      return 'create the database first, or fix the database name in the target';
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return "check that the server is running and that the target's host and port are right";
    default:
      return 'check the target URL and that the server accepts connections';
  }
}

function checkTimeouts(o: TimeoutOptions): void {
  for (const [name, value] of [['statementTimeout', o.statementTimeout], ['lockTimeout', o.lockTimeout], ['retryDelay', o.retryDelay]] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new DeployError('DEPLOY_FAILED', `${name} must be a whole number of milliseconds ≥ 0, got ${String(value)}.`);
    }
  }
  if (o.lockTries !== undefined && !(Number.isSafeInteger(o.lockTries) && o.lockTries >= 1)) {
    throw new DeployError('DEPLOY_FAILED', `lockTries must be a whole number ≥ 1, got ${String(o.lockTries)}.`);
  }
}

async function applyTimeouts(s: Session, o: TimeoutOptions): Promise<void> {
  // Whole numbers checked by checkTimeouts, so the text is a plain integer.
  if (o.statementTimeout !== undefined) await s.client.query(`SET statement_timeout = ${o.statementTimeout}`);
  await s.client.query(`SET lock_timeout = ${o.lockTimeout ?? DEFAULT_LOCK_TIMEOUT}`);
}

const isLockTimeout = (e: unknown) => e instanceof StatementFailure && e.error.code === '55P03';

/**
 * Runs one change under the lock timeout: a change that hits it was rolled back, and is tried
 * again after a pause that doubles each time. Meanwhile a second session watches which sessions
 * block this one, so that the last failure can name them.
 */
async function withLockRetries(s: Session, o: TimeoutOptions, change: Change, run: () => Promise<void>): Promise<void> {
  const lockTimeout = o.lockTimeout ?? DEFAULT_LOCK_TIMEOUT;
  const tries = o.lockTries ?? DEFAULT_LOCK_TRIES;
  let delay = o.retryDelay ?? DEFAULT_RETRY_DELAY;
  for (let attempt = 1; ; attempt++) {
    const watch = lockTimeout > 0 ? await s.blockers.watch() : undefined;
    try {
      await applyTimeouts(s, o);
      await run();
      return;
    } catch (e) {
      const blockers = watch?.stop() ?? [];
      if (!isLockTimeout(e)) throw e;
      const by = blockers.length ? `, blocked by ${blockers.join('; ')}` : '';
      if (attempt >= tries) throw new LockTimeout(e as StatementFailure, lockTimeout, tries, by);
      s.say(`  ~ ${nameWithTags(change)} waited ${lockTimeout} ms for a lock${by}; rolled back, try ${attempt + 1} of ${tries} in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    } finally {
      watch?.stop();
    }
  }
}

class LockTimeout extends Error {
  constructor(
    readonly failure: StatementFailure,
    readonly lockTimeout: number,
    readonly tries: number,
    readonly blockedBy: string,
  ) {
    super(failure.message);
  }
}

/** The sessions that block the deploy's own, read from a second connection while a change runs. */
class BlockerWatch {
  private client: Client | undefined;
  private pid: number | undefined;

  constructor(
    private readonly main: Client,
    private readonly conn: string | undefined,
  ) {}

  async watch(): Promise<{ stop: () => string[] }> {
    if (!this.client) {
      this.pid = (await this.main.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const client = new Client(this.conn === undefined ? {} : { connectionString: this.conn });
      client.on('error', () => undefined);
      await client.connect();
      this.client = client;
    }
    const client = this.client;
    let seen: string[] = [];
    let busy = false;
    const poll = async () => {
      if (busy) return;
      busy = true;
      try {
        const { rows } = await client.query(
          `SELECT pid, application_name, state, query FROM pg_catalog.pg_stat_activity WHERE pid = ANY (pg_catalog.pg_blocking_pids($1)) ORDER BY pid`,
          [this.pid],
        );
        if (rows.length) seen = rows.map((r) => `pid ${r.pid} (application_name "${r.application_name ?? ''}", ${r.state ?? 'unknown state'}, query: ${oneLine(String(r.query ?? ''))})`);
      } catch {
        // A watcher that cannot read pg_stat_activity names no one; the deploy goes on.
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void poll(), 100);
    let stopped = false;
    return {
      stop: () => {
        if (!stopped) clearInterval(timer);
        stopped = true;
        return seen;
      },
    };
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => undefined);
  }
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Records a failed change; on a connection that died with the change there is nothing to record on. */
async function recordFailure(s: Session, change: Change): Promise<void> {
  try {
    await s.client.query('BEGIN');
    await s.registry.logEvent('fail', s.plan, change, s.identity);
    await s.client.query('COMMIT');
  } catch {
    await s.client.query('ROLLBACK').catch(() => undefined);
  }
}

function relative(s: Session, file: string): string {
  return path.relative(s.dirs.topDir, file) || file;
}

async function checkRegistryVersion(s: Session): Promise<void> {
  const v = await s.registry.version();
  if (v !== '1.1') {
    throw new DeployError(
      'REGISTRY',
      `Registry "${s.registry.name}" in ${s.destination} is at version ${v ?? 'none'}, but pgshift writes version 1.1 (Sqitch 1.3); upgrade it with "sqitch upgrade".`,
    );
  }
}

/** Deployed changes, each matched to its plan entry; a deployed change missing from the plan is an error. */
async function deployedInPlan(s: Session): Promise<{ deployed: DeployedChange; change: Change }[]> {
  if (!(await s.registry.initialized())) return [];
  await checkRegistryVersion(s);
  const rows = await s.registry.deployedChanges(s.plan.project);
  return rows.map((d) => {
    const change = s.plan.changes.find((c) => c.id === d.id);
    if (!change) {
      throw new DeployError(
        'NOT_FOUND',
        `Cannot find change ${d.id} (${[d.name, ...d.tags].join(' ')}) in ${s.plan.file}: ${s.destination} has it deployed but the plan does not list it.`,
        { file: s.plan.file },
      );
    }
    return { deployed: d, change };
  });
}

function modifiedScripts(s: Session, deployed: { deployed: DeployedChange; change: Change }[]): { change: Change; file: string }[] {
  return deployed.flatMap(({ deployed: d, change }) => {
    const file = scriptPath(s.dirs, change, 'deploy');
    return d.scriptHash !== null && scriptHash(file) !== d.scriptHash ? [{ change, file }] : [];
  });
}

/** A statement of a change script as psql reads it: variables, includes and COPY data included. */
interface ScriptStatement {
  sql: string;
  line: number;
  statement: Statement;
}

function readScript(s: Session, change: Change, kind: ScriptKind): { file: string; statements: ScriptStatement[] } | undefined {
  const file = scriptPath(s.dirs, change, kind);
  if (!existsSync(file)) return undefined;
  const items = readPsqlScript(file, { baseDir: s.dirs.topDir });
  const statements = items.flatMap((item) => (item.type === 'statement' ? [{ sql: item.sql, line: item.origin.line, statement: item }] : []));
  return { file, statements };
}

type Mode = 'script' | 'wrapped' | 'autocommit';

function modeOf(statements: ScriptStatement[]): Mode {
  const ctl = statements.map((st) => transactionControl(st.sql));
  const last = ctl.length - 1;
  if (ctl.length >= 2 && ctl[0] === 'begin' && ctl[last] === 'commit' && ctl.slice(1, last).every((c) => c === undefined)) return 'script';
  return ctl.every((c) => c === undefined) ? 'wrapped' : 'autocommit';
}

class StatementFailure extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly error: Error & { code?: string; position?: string; detail?: string },
  ) {
    super(error.message);
  }
}

async function runStatements(s: Session, file: string, statements: ScriptStatement[]): Promise<void> {
  for (const st of statements) {
    try {
      if (st.statement.copyData !== undefined) await copyIn(s, st.sql, st.statement.copyData);
      else await s.client.query(st.sql);
    } catch (e) {
      const err = e as Error & { code?: string; position?: string };
      const line = err.position ? st.statement.locate(Number(err.position)).line : st.line;
      throw new StatementFailure(relative(s, file), line, err);
    }
  }
}

function copyIn(s: Session, sql: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = s.client.query(copyFrom(sql));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(data);
  });
}

/** Verify statements without the script's own BEGIN and final ROLLBACK/COMMIT. */
function verifyBody(statements: ScriptStatement[]): ScriptStatement[] {
  let body = statements;
  if (body.length && transactionControl(body[0]!.sql) === 'begin') body = body.slice(1);
  const last = body[body.length - 1];
  if (last && ['rollback', 'commit'].includes(transactionControl(last.sql) ?? '')) body = body.slice(0, -1);
  return body;
}

/**
 * Runs one change's script and writes its registry rows in the same transaction. Scripts written
 * as `BEGIN; … COMMIT;` keep their own transaction; scripts without transaction control are
 * wrapped in one; a wrapped script that PostgreSQL refuses to run in a transaction block (SQLSTATE
 * 25001, e.g. CREATE INDEX CONCURRENTLY) and scripts with other transaction control run as written,
 * and their registry rows follow in a transaction of their own.
 */
async function runChange(
  s: Session,
  statements: ScriptStatement[],
  file: string,
  record: () => Promise<void>,
  verify?: { file: string; statements: ScriptStatement[] },
): Promise<void> {
  let mode = modeOf(statements);
  if (mode !== 'autocommit') {
    const body = mode === 'script' ? statements.slice(1, -1) : statements;
    try {
      await s.client.query(mode === 'script' ? statements[0]!.sql : 'BEGIN');
      await s.registry.lockChanges();
      await runStatements(s, file, body);
      if (verify) {
        await s.client.query('SAVEPOINT pgshift_verify');
        await runStatements(s, verify.file, verifyBody(verify.statements));
        await s.client.query('ROLLBACK TO SAVEPOINT pgshift_verify');
      }
      await record();
      await s.client.query(mode === 'script' ? statements[statements.length - 1]!.sql : 'COMMIT');
      return;
    } catch (e) {
      await s.client.query('ROLLBACK').catch(() => undefined);
      if (!(mode === 'wrapped' && e instanceof StatementFailure && e.error.code === '25001')) throw e;
      mode = 'autocommit';
    }
  }
  await runStatements(s, file, statements);
  try {
    if (verify) {
      await s.client.query('BEGIN');
      await runStatements(s, verify.file, verifyBody(verify.statements));
      await s.client.query('ROLLBACK');
    }
    await s.client.query('BEGIN');
    await s.registry.lockChanges();
    await record();
    await s.client.query('COMMIT');
  } catch (e) {
    await s.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export interface DeployResult {
  destination: string;
  deployed: string[];
  upToDate: boolean;
}

export async function deploy(o: DeployOptions): Promise<DeployResult> {
  checkTimeouts(o);
  return withSession(o, true, async (s) => {
    const { plan, registry } = s;
    if (!plan.changes.length) throw new DeployError('NOT_FOUND', `Nothing to deploy: ${plan.file} has no changes.`, { file: plan.file });
    const initialized = await registry.initialized();
    const deployed = await deployedInPlan(s);
    const modified = modifiedScripts(s, deployed);
    if (modified.length) {
      throw new DeployError(
        'MODIFIED_SCRIPT',
        `Deploy scripts of changes already deployed to ${s.destination} were edited since: ${modified
          .map((m) => `${relative(s, m.file)} (${m.change.name})`)
          .join(', ')}. A deployed change is never run again, so the edit would never reach the database; restore the script and put the edit in a new change (or rework the change).`,
        { file: modified[0]!.file },
      );
    }
    const last = deployed[deployed.length - 1];
    const position = last ? last.change.index : -1;
    if (last && last.change.tags.length) {
      await s.client.query('BEGIN');
      await registry.logTags(plan, last.change, s.identity);
      await s.client.query('COMMIT');
    }
    let toIndex = plan.changes.length - 1;
    if (o.to !== undefined) {
      const i = indexOf(plan, o.to);
      if (i === undefined) throw new DeployError('NOT_FOUND', `Unknown change: "${o.to}" is not in ${plan.file}.`, { file: plan.file });
      toIndex = i;
    }
    if (toIndex === position) {
      s.say(`Nothing to deploy (${o.to !== undefined ? `already at "${o.to}"` : 'up-to-date'})`);
      return { destination: s.destination, deployed: [], upToDate: true };
    }
    if (toIndex < position) {
      throw new DeployError('NOT_FOUND', `Cannot deploy to "${o.to}", an earlier change than the one deployed; use revert instead.`);
    }
    const pending = plan.changes.slice(position + 1, toIndex + 1);
    if (o.onHazards) {
      const hazards = pending.flatMap((change) => {
        const file = scriptPath(s.dirs, change, 'deploy');
        return existsSync(file) ? scriptHazards(readFileSync(file, 'utf8')).map((hazard) => ({ change: change.name, hazard })) : [];
      });
      const tables = hazards.map((h) => hazardTable(h.hazard));
      const sizes = await tableSizes(s.client, [...new Set(tables.flatMap((t) => t ?? []))]);
      hazards.forEach((h: PendingHazard, i) => {
        const size = sizes.get(tables[i] ?? '');
        if (size) h.size = size;
      });
      if (hazards.length > 0 && !(await o.onHazards(hazards))) {
        throw new DeployError('CANCELLED', `Deploy to ${s.destination} cancelled: nothing was applied.`);
      }
    }
    if (!initialized) {
      s.say(`Adding registry tables to ${s.destination}`);
      await registry.initialize(s.identity);
    }
    if (position === -1) await registry.registerProject(plan, s.identity);

    const resolved = await checkDependencies(s, pending);
    s.say(`Deploying changes to ${s.destination}`);
    const done: string[] = [];
    for (const change of pending) {
      const script = readScript(s, change, 'deploy');
      const file = scriptPath(s.dirs, change, 'deploy');
      if (!script) {
        throw new DeployError('NOT_FOUND', `Deploy script ${relative(s, file)} of change "${change.name}" does not exist.`, { file });
      }
      const verifyScript = o.verify ? readScript(s, change, 'verify') : undefined;
      const hash = scriptHash(file);
      try {
        await withLockRetries(s, o, change, () => runChange(s, script.statements, file, () => registry.logDeploy(plan, change, hash, resolved, s.identity), verifyScript));
      } catch (e) {
        await recordFailure(s, change);
        s.say(`  + ${nameWithTags(change)} .. not ok`);
        throw deployFailure(s, 'deploy', change, e, done);
      }
      s.say(`  + ${nameWithTags(change)} .. ok`);
      done.push(change.name);
    }
    return { destination: s.destination, deployed: done, upToDate: false };
  });
}

function deployFailure(s: Session, action: 'deploy' | 'revert', change: Change, e: unknown, done: string[]): Error {
  const rolledBack = `The change was rolled back and ${s.destination} is as it was before it${done.length ? `; ${done.join(', ')} ${action === 'deploy' ? 'stay deployed' : 'stay reverted'}` : ''}.`;
  if (e instanceof LockTimeout) {
    const f = e.failure;
    return new DeployError(
      'LOCK_TIMEOUT',
      `${action === 'deploy' ? 'Deploy' : 'Revert'} of change "${change.name}" failed at ${f.file}:${f.line}: it waited longer than the lock timeout (${e.lockTimeout} ms) for a lock, ${e.tries} time${e.tries > 1 ? 's' : ''}${e.blockedBy}. ` +
        `${rolledBack} Deploy again once the blocking session has finished, or raise --lock-timeout.`,
      { file: f.file, line: f.line },
      { cause: f.error },
    );
  }
  if (e instanceof StatementFailure) {
    const kind = e.file.startsWith('verify') ? 'verify' : action;
    const detail = e.error.detail;
    return new DeployError(
      kind === 'verify' ? 'VERIFY_FAILED' : action === 'deploy' ? 'DEPLOY_FAILED' : 'REVERT_FAILED',
      `${kind === 'verify' ? 'Verify' : action === 'deploy' ? 'Deploy' : 'Revert'} of change "${change.name}" failed at ${e.file}:${e.line}: ${e.error.message}${detail ? ` (${detail})` : ''}. ` +
        rolledBack,
      { file: e.file, line: e.line },
      { cause: e.error },
    );
  }
  if (e instanceof SqitchError) return e;
  return new DeployError(
    action === 'deploy' ? 'DEPLOY_FAILED' : 'REVERT_FAILED',
    `${action === 'deploy' ? 'Deploy' : 'Revert'} of change "${change.name}" to ${s.destination} failed: ${(e as Error).message}.`,
    undefined,
    { cause: e },
  );
}

/** Engine->check_deploy_dependencies: requirements met, conflicts absent; returns resolved ids. */
async function checkDependencies(s: Session, pending: Change[]): Promise<Map<Dependency, string | undefined>> {
  const seen = new Map<string, Change>();
  const resolved = new Map<Dependency, string | undefined>();
  const missing: string[] = [];
  const conflicting: string[] = [];
  const inPlan = (dep: Dependency): string | undefined => {
    if (dependencyProject(s.plan, dep) !== s.plan.project) return undefined;
    if (dep.id !== undefined) return dep.id;
    const key = dependencyKey(dep);
    try {
      const i = indexOf(s.plan, key);
      return i === undefined ? undefined : s.plan.changes[i]!.id;
    } catch {
      return s.plan.changes.find((c) => c.name === dep.change)?.id;
    }
  };
  for (const change of pending) {
    for (const dep of change.conflicts) {
      const id = inPlan(dep);
      if ((id !== undefined && seen.has(id)) || (await s.registry.changeIdFor(s.plan, dep)) !== undefined) {
        conflicting.push(dependencyKey(dep));
      }
    }
    for (const dep of change.requires) {
      const id = inPlan(dep);
      const found = id !== undefined && seen.has(id) ? id : await s.registry.changeIdFor(s.plan, dep);
      resolved.set(dep, found);
      if (found === undefined) missing.push(dependencyKey(dep));
    }
    seen.set(change.id, change);
  }
  if (missing.length || conflicting.length) {
    const parts = [];
    if (conflicting.length) parts.push(`conflicts with previously deployed change${conflicting.length > 1 ? 's' : ''}: ${[...new Set(conflicting)].join(' ')}`);
    if (missing.length) parts.push(`missing required change${missing.length > 1 ? 's' : ''}: ${[...new Set(missing)].join(' ')}`);
    throw new DeployError('DEPLOY_DEPENDENCY', `Cannot deploy to ${s.destination}: ${parts.join('; ')} (plan ${s.plan.file}).`, { file: s.plan.file });
  }
  return resolved;
}

export interface RevertResult {
  destination: string;
  reverted: string[];
}

export async function revert(o: RevertOptions): Promise<RevertResult> {
  checkTimeouts(o);
  return withSession(o, true, async (s) => {
    const deployed = await deployedInPlan(s);
    let keep = -1;
    if (o.to !== undefined) {
      const i = indexOf(s.plan, o.to);
      if (i === undefined) throw new DeployError('NOT_FOUND', `Unknown change: "${o.to}" is not in ${s.plan.file}.`, { file: s.plan.file });
      keep = i;
    }
    const toRevert = deployed.filter((d) => d.change.index > keep).reverse();
    if (!toRevert.length) {
      s.say(`No changes to revert from ${s.destination}`);
      return { destination: s.destination, reverted: [] };
    }
    const reverting = new Set(toRevert.map((d) => d.change.id));
    const blockers: string[] = [];
    for (const { change } of toRevert) {
      const requiring = (await s.registry.changesRequiring(change.id)).filter((r) => !reverting.has(r.id));
      if (requiring.length) {
        blockers.push(`"${nameWithTags(change)}" is required by ${requiring.map((r) => (r.project === s.plan.project ? r.change : `${r.project}:${r.change}`)).join(' ')}`);
      }
    }
    if (blockers.length) {
      throw new DeployError('DEPLOY_DEPENDENCY', `Cannot revert from ${s.destination}: ${blockers.join('; ')}.`);
    }
    s.say(`Reverting ${keep >= 0 ? `to ${nameWithTags(s.plan.changes[keep]!)}` : 'all changes'} from ${s.destination}`);
    const done: string[] = [];
    for (const { change } of toRevert) {
      const file = scriptPath(s.dirs, change, 'revert');
      const script = readScript(s, change, 'revert');
      if (!script) throw new DeployError('NOT_FOUND', `Revert script ${relative(s, file)} of change "${change.name}" does not exist.`, { file });
      try {
        await withLockRetries(s, o, change, () => runChange(s, script.statements, file, () => s.registry.logRevert(s.plan, change, s.identity)));
      } catch (e) {
        s.say(`  - ${nameWithTags(change)} .. not ok`);
        throw deployFailure(s, 'revert', change, e, done);
      }
      s.say(`  - ${nameWithTags(change)} .. ok`);
      done.push(change.name);
    }
    return { destination: s.destination, reverted: done };
  });
}

export interface VerifyResult {
  destination: string;
  ok: boolean;
  changes: { change: string; ok: boolean; message?: string }[];
}

/**
 * Runs the verify script of every deployed change, each in a transaction that is rolled back.
 * A check that pgshift generated is skipped when a later deployed change verifies the same object
 * again, or drops or recreates its table: it held when its change was deployed, and the later
 * change's check says what holds now (`deploy --verify` checks each change as it lands).
 */
export async function verify(o: TargetOptions): Promise<VerifyResult> {
  return withSession(o, false, async (s) => {
    const deployed = await deployedInPlan(s);
    const changes: VerifyResult['changes'] = [];
    const scripts = deployed.map(({ change }) => ({ change, script: readScript(s, change, 'verify') }));
    const markers = new Map<ScriptStatement, VerifyMarker>();
    const lastSubject = new Map<string, number>();
    const lastReset = new Map<string, number>();
    scripts.forEach(({ script }, i) => {
      for (const st of script?.statements ?? []) {
        const m = verifyMarker(st.sql);
        if (!m) continue;
        markers.set(st, m);
        lastSubject.set(m.subject, i);
        if (m.resets) lastReset.set(m.resets, i);
      }
    });
    const overtaken = (st: ScriptStatement, i: number) => {
      const m = markers.get(st);
      if (!m) return false;
      return (lastSubject.get(m.subject) ?? i) > i || (m.within !== undefined && (lastReset.get(m.within) ?? i) > i) || (m.resets !== undefined && (lastReset.get(m.resets) ?? i) > i);
    };
    for (const [i, { change, script }] of scripts.entries()) {
      if (!script) {
        changes.push({ change: change.name, ok: true, message: 'no verify script' });
        continue;
      }
      try {
        await s.client.query('BEGIN');
        await runStatements(s, script.file, verifyBody(script.statements).filter((st) => !overtaken(st, i)));
        changes.push({ change: change.name, ok: true });
        s.say(`  * ${nameWithTags(change)} .. ok`);
      } catch (e) {
        const message = e instanceof StatementFailure ? `${e.file}:${e.line}: ${e.error.message}` : (e as Error).message;
        changes.push({ change: change.name, ok: false, message });
        s.say(`  * ${nameWithTags(change)} .. not ok (${message})`);
      } finally {
        await s.client.query('ROLLBACK').catch(() => undefined);
      }
    }
    return { destination: s.destination, ok: changes.every((c) => c.ok), changes };
  });
}

export interface StatusResult {
  destination: string;
  project: string;
  /** The last deployed change, if any. */
  lastChange?: { id: string; name: string; tags: string[]; committedAt: Date; committerName: string };
  deployed: string[];
  undeployed: string[];
  /** Deployed changes whose deploy script differs from what was deployed. */
  modified: string[];
  upToDate: boolean;
}

export async function status(o: TargetOptions): Promise<StatusResult> {
  return withSession(o, false, async (s) => {
    const deployed = await deployedInPlan(s);
    const last = deployed[deployed.length - 1];
    const position = last ? last.change.index : -1;
    const undeployed = s.plan.changes.slice(position + 1).map((c) => c.name);
    return {
      destination: s.destination,
      project: s.plan.project,
      lastChange: last && {
        id: last.deployed.id,
        name: last.deployed.name,
        tags: last.deployed.tags,
        committedAt: last.deployed.committedAt,
        committerName: last.deployed.committerName,
      },
      deployed: deployed.map((d) => d.change.name),
      undeployed,
      modified: modifiedScripts(s, deployed).map((m) => m.change.name),
      upToDate: undeployed.length === 0,
    };
  });
}

/** The registry's events for the plan's project, newest first. */
export async function log(o: TargetOptions): Promise<RegistryEvent[]> {
  return withSession(o, false, async (s) => {
    if (!(await s.registry.initialized())) return [];
    return s.registry.events(s.plan.project);
  });
}
