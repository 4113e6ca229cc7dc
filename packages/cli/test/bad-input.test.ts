import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { describeWith, postgresServer, repoRoot, serverUrl } from '@pgshift/test-support';
import { main } from '../src/main';
import { cases, type BadInputCase } from './bad-input/cases';

const corpus = path.join(__dirname, 'bad-input');
const launcher = path.join(repoRoot, 'packages/cli/bin/pgshift.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every file under a folder with the hash of its bytes, to prove a failing command wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha1').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function withUrl(base: string, edit: (u: URL) => void): string {
  const u = new URL(base);
  edit(u);
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const c = new Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A case ready to run: a scratch copy of its folder and its argv with placeholders filled in. */
async function prepare(c: BadInputCase): Promise<{ dir: string; argv: string[]; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pgshift-bad-${c.name}-`));
  if (c.folder) cpSync(path.join(corpus, c.folder), dir, { recursive: true });
  let database: string | undefined;
  const fill = (arg: string): string => {
    if (arg.includes('{target}')) {
      database ??= `pgshift_bad_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      return arg.replace('{target}', withUrl(serverUrl(), (u) => (u.pathname = `/${database}`)));
    }
    if (arg === '{server}') return serverUrl();
    if (arg === '{server-wrong-password}') return withUrl(serverUrl(), (u) => (u.password = 'not-the-password'));
    if (arg === '{server-missing-db}') return withUrl(serverUrl(), (u) => (u.pathname = '/pgshift_no_such_db'));
    return arg.replace('{dir}', dir);
  };
  const argv = c.argv.map(fill);
  if (database) await adminQuery(`CREATE DATABASE "${database}"`);
  return {
    dir,
    argv,
    cleanup: async () => {
      if (database) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function inProcess(argv: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const code = await main(argv, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function throughLauncher(argv: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher, ...argv], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** What every failure owes the user, whatever its cause. */
function expectExplained(c: BadInputCase, run: Run): void {
  const output = run.stdout + run.stderr;
  expect({ case: c.name, code: run.code }).toEqual({ case: c.name, code: c.code });
  expect(run.stderr).toMatch(/^pgshift: /m);
  expect(run.stderr).toMatch(c.message);
  expect(output).not.toMatch(/\n\s+at /);
  if (c.secret) expect(output).not.toContain(c.secret);
}

async function check(c: BadInputCase, via: (argv: string[]) => Promise<Run>): Promise<void> {
  const p = await prepare(c);
  try {
    const before = snapshot(p.dir);
    const run = await via(p.argv);
    expectExplained(c, run);
    expect(snapshot(p.dir)).toEqual(before);
  } finally {
    await p.cleanup();
  }
}

const local = cases.filter((c) => !c.server);
const onServer = cases.filter((c) => c.server);

describe('bad input: every case exits non-zero with one paragraph naming the file:line or option', () => {
  jest.setTimeout(120_000);

  test('the corpus holds at least 40 cases with distinct names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    for (const c of cases) if (c.folder) expect(existsSync(path.join(corpus, c.folder))).toBe(true);
  });

  test.each(local.map((c) => [c.name, c] as const))('%s', async (_name, c) => check(c, (argv) => inProcess(argv, c.env)));

  test('--verbose adds the stack trace that is otherwise left out', async () => {
    const r = await inProcess(['diff', '--to', 'empty', '--verbose']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--from is required\n\s+at /);
  });
});

describeWith([postgresServer], 'bad input against the PostgreSQL server', () => {
  jest.setTimeout(120_000);
  test.each(onServer.map((c) => [c.name, c] as const))('%s', async (_name, c) => check(c, (argv) => inProcess(argv, c.env)));
});

const viaLauncher = cases.filter((c) => c.launcher);
const serverPresent = postgresServer.missing === undefined;

describe('bad input through the real launcher (node packages/cli/bin/pgshift.js)', () => {
  jest.setTimeout(240_000);

  beforeAll(async () => {
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', path.join(repoRoot, 'packages/cli')], { cwd: repoRoot }, (error, stdout) =>
        error ? reject(new Error(`tsc -b packages/cli failed:\n${stdout}`)) : resolve(),
      ),
    );
  });

  test.each(viaLauncher.filter((c) => serverPresent || !c.server).map((c) => [c.name, c] as const))('%s', async (_name, c) =>
    check(c, (argv) => throughLauncher(argv, c.env)),
  );
});
