/**
 * Deploys that are damaged for real: the pgshift process killed mid-change, its server connection
 * terminated, a script failing on its third statement, two deploys at once, and session timeouts.
 * Each runs the real launcher (`node packages/cli/bin/pgshift.js`) against the PostgreSQL server,
 * and what the database and the registry hold afterwards is checked from a separate connection.
 */
import { ChildProcess, execFile, spawn } from 'child_process';
import * as path from 'path';
import { describeWith, postgresServer, repoRoot, serverUrl } from '@pgshift/test-support';
import { query, scratchDatabase } from './helpers';

const launcher = path.join(repoRoot, 'packages/cli/bin/pgshift.js');
const project = (name: string) => path.join(__dirname, 'fixtures/faults', name);

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `pgshift deploy` as a child of its own; the child's pid is pgshift's, with no shell between. */
function startDeploy(target: string, name: string, ...extra: string[]): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [launcher, 'deploy', '--target', target, '--project-dir', project(name), ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exit };
}

const deployOnce = (target: string, name: string, ...extra: string[]) => startDeploy(target, name, ...extra).exit;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The server pid of the session in `database` that is running pg_sleep, once there is one. */
function sleepingBackend(database: string): Promise<number> {
  return until('a deploy to reach pg_sleep', async () => {
    const rows = await query<{ pid: number }>(
      serverUrl(),
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows[0]?.pid;
  });
}

/** Waits until no session is left in the database: the server has ended what a dead client began. */
function sessionsGone(database: string): Promise<true> {
  return until('the server to end the dead session', async () => {
    const rows = await query<{ n: number }>(serverUrl(), `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [database]);
    return rows[0]!.n === 0 ? true : undefined;
  });
}

async function deployedChanges(url: string): Promise<string[]> {
  return (await query<{ change: string }>(url, 'SELECT change FROM sqitch.changes ORDER BY committed_at')).map((r) => r.change);
}

async function events(url: string): Promise<string[]> {
  return (await query<{ e: string }>(url, `SELECT event || ' ' || change AS e FROM sqitch.events ORDER BY committed_at`)).map((r) => r.e);
}

async function relations(url: string, ...names: string[]): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const name of names) out[name] = (await query<{ r: string | null }>(url, 'SELECT to_regclass($1)::text AS r', [name]))[0]!.r !== null;
  return out;
}

async function columnExists(url: string, table: string, column: string): Promise<boolean> {
  const rows = await query(url, `SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped`, [table, column]);
  return rows.length === 1;
}

const noStack = (e: Exit) => expect(e.stdout + e.stderr).not.toMatch(/\n\s+at /);

describeWith([postgresServer], 'deploy under faults (real PostgreSQL, real pgshift process)', () => {
  jest.setTimeout(60_000);
  let db: Awaited<ReturnType<typeof scratchDatabase>>;

  beforeAll(async () => {
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', path.join(repoRoot, 'packages/cli')], { cwd: repoRoot }, (error, stdout) =>
        error ? reject(new Error(`tsc -b packages/cli failed:\n${stdout}`)) : resolve(),
      ),
    );
  }, 240_000);

  beforeEach(async () => {
    db = await scratchDatabase();
  }, 60_000);
  afterEach(async () => {
    await db.drop();
  }, 60_000);

  test('SIGKILL between two statements of a change leaves it undeployed and without objects; the next deploy completes it', async () => {
    const first = startDeploy(db.url, 'slow');
    await sleepingBackend(db.name);
    expect(first.child.kill('SIGKILL')).toBe(true);
    expect((await first.exit).signal).toBe('SIGKILL');
    await sessionsGone(db.name);

    expect(await deployedChanges(db.url)).toEqual(['0000000001-base']);
    expect(await relations(db.url, 'fault.base', 'fault.a', 'fault.b')).toEqual({ 'fault.base': true, 'fault.a': false, 'fault.b': false });
    expect(await columnExists(db.url, 'fault.base', 'note')).toBe(false);

    const again = await deployOnce(db.url, 'slow');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('+ 0000000002-slow .. ok');
    expect(again.stdout).not.toContain('0000000001-base ..');
    expect(await deployedChanges(db.url)).toEqual(['0000000001-base', '0000000002-slow']);
    expect(await relations(db.url, 'fault.a', 'fault.b')).toEqual({ 'fault.a': true, 'fault.b': true });
  });

  test('a connection terminated mid-change fails the deploy at the script line, leaves nothing, and the next deploy completes it', async () => {
    const first = startDeploy(db.url, 'slow');
    const pid = await sleepingBackend(db.name);
    await query(serverUrl(), 'SELECT pg_terminate_backend($1)', [pid]);
    const exit = await first.exit;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/Deploy of change "0000000002-slow" failed at deploy\/0000000002-slow\.sql:3: terminating connection due to administrator command/);
    noStack(exit);

    expect(await deployedChanges(db.url)).toEqual(['0000000001-base']);
    expect(await relations(db.url, 'fault.a', 'fault.b')).toEqual({ 'fault.a': false, 'fault.b': false });

    expect((await deployOnce(db.url, 'slow')).code).toBe(0);
    expect(await deployedChanges(db.url)).toEqual(['0000000001-base', '0000000002-slow']);
  });

  test('a script failing on its third statement leaves nothing of it, records a fail event, and names deploy/…sql:line', async () => {
    const exit = await deployOnce(db.url, 'third');
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/^pgshift: Deploy of change "0000000002-prices" failed at deploy\/0000000002-prices\.sql:6: column "rate" does not exist/);
    expect(exit.stdout).toContain('+ 0000000002-prices .. not ok');
    noStack(exit);
    expect(await deployedChanges(db.url)).toEqual(['0000000001-base']);
    expect(await relations(db.url, 'fault.prices')).toEqual({ 'fault.prices': false });
    expect(await events(db.url)).toEqual(['deploy 0000000001-base', 'fail 0000000002-prices']);
  });

  test('two deploys started at once: exactly one applies each change, the other waits and finds nothing to do', async () => {
    const [a, b] = await Promise.all([deployOnce(db.url, 'slow'), deployOnce(db.url, 'slow')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const applied = [a, b].map((e) => (e.stdout.match(/ \.\. ok/g) ?? []).length).sort();
    expect(applied).toEqual([0, 2]);
    expect([a, b].some((e) => /Nothing to deploy/.test(e.stdout))).toBe(true);
    expect(await events(db.url)).toEqual(['deploy 0000000001-base', 'deploy 0000000002-slow']);
  });

  test('while another session holds the deploy lock, --no-wait fails at once and a plain deploy waits for it', async () => {
    const { Client } = await import('pg');
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(75474063)');
      const refused = await deployOnce(db.url, 'slow', '--no-wait');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Another sqitch or pgshift session is working on .*advisory lock 75474063/);
      noStack(refused);

      const waiting = startDeploy(db.url, 'slow');
      await until('the deploy to wait for the lock', async () => {
        const rows = await query(serverUrl(), `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'advisory'`, [db.name]);
        return rows.length > 0 ? true : undefined;
      });
      expect(waiting.child.exitCode).toBeNull();
      await holder.query('SELECT pg_advisory_unlock(75474063)');
      const done = await waiting.exit;
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/Blocked by another instance/);
    } finally {
      await holder.end();
    }
    expect(await events(db.url)).toEqual(['deploy 0000000001-base', 'deploy 0000000002-slow']);
  });

  test('--statement-timeout cancels a change whose statement runs too long, at its line, and rolls it back', async () => {
    const exit = await deployOnce(db.url, 'slow', '--statement-timeout', '300');
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/failed at deploy\/0000000002-slow\.sql:3: canceling statement due to statement timeout/);
    expect(await deployedChanges(db.url)).toEqual(['0000000001-base']);
    expect(await relations(db.url, 'fault.a')).toEqual({ 'fault.a': false });
    expect(await events(db.url)).toEqual(['deploy 0000000001-base', 'fail 0000000002-slow']);
    expect((await deployOnce(db.url, 'slow', '--statement-timeout', '0')).code).toBe(0);
  });

  test('a change that waits past --lock-timeout is rolled back, retried, and then fails naming the session that holds the lock', async () => {
    expect((await deployOnce(db.url, 'slow', '--to', '0000000001-base')).code).toBe(0);
    const { Client } = await import('pg');
    const holder = new Client({ connectionString: db.url, application_name: 'nightly-report' });
    await holder.connect();
    try {
      const pid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE fault.base IN ACCESS EXCLUSIVE MODE');
      const exit = await deployOnce(db.url, 'slow', '--lock-timeout', '300', '--lock-tries', '3', '--retry-delay', '50');
      expect(exit.code).toBe(1);
      expect(exit.stdout.match(/waited 300 ms for a lock, blocked by pid \d+ .*; rolled back, try \d of 3 in \d+ ms/g)).toHaveLength(2);
      expect(exit.stdout).toContain('try 3 of 3 in 100 ms');
      expect(exit.stderr).toMatch(/failed at deploy\/0000000002-slow\.sql:5: it waited longer than the lock timeout \(300 ms\) for a lock, 3 times, blocked by pid (\d+)/);
      expect(exit.stderr).toContain(`pid ${pid} (application_name "nightly-report", idle in transaction, query: LOCK TABLE fault.base IN ACCESS EXCLUSIVE MODE)`);
      noStack(exit);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await deployedChanges(db.url)).toEqual(['0000000001-base']);
    expect(await relations(db.url, 'fault.a', 'fault.b')).toEqual({ 'fault.a': false, 'fault.b': false });
  });

  test('a lock released during the retries lets the change through', async () => {
    expect((await deployOnce(db.url, 'slow', '--to', '0000000001-base')).code).toBe(0);
    const { Client } = await import('pg');
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE fault.base IN ACCESS EXCLUSIVE MODE');
      const running = startDeploy(db.url, 'slow', '--lock-timeout', '200', '--retry-delay', '300');
      let out = '';
      running.child.stdout!.on('data', (d) => (out += d));
      await until('the first retry', async () => (out.includes('try 2 of 5') ? true : undefined));
      await holder.query('ROLLBACK');
      const exit = await running.exit;
      expect(exit.code).toBe(0);
      expect(exit.stdout).toMatch(/waited 200 ms for a lock.*try 2 of 5/);
    } finally {
      await holder.end();
    }
    expect(await deployedChanges(db.url)).toEqual(['0000000001-base', '0000000002-slow']);
  });
});
