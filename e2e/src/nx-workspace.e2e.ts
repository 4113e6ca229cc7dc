/**
 * pgshift in a fresh Nx workspace, installed from a local registry: every generator and executor
 * run for real through the `nx` command, the cache and `nx affected` included.
 */
import { execFileSync, spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { describeWith, postgresServer, repoRoot, serverUrl, type Component } from '@pgshift/test-support';
import { runJob, type JobRun, type Workflow } from './github-workflow';
import { publishAll } from './publish';
import { createWorkspace } from './workspace';
import { startRegistry, verdaccioBin, type Registry } from './registry';

jest.setTimeout(1_800_000);

const verdaccio: Component = { name: 'verdaccio', missing: verdaccioBin() ? undefined : 'not installed: npm install --prefix e2e (the e2e target does it)' };
const built: Component = {
  name: 'built plugin',
  missing: existsSync(path.join(repoRoot, 'dist/index.js')) ? undefined : 'dist/index.js is missing: npm run build',
};

describeWith([verdaccio, built, postgresServer], 'pgshift in a fresh Nx workspace (local registry)', () => {
  let tmp: string;
  let registry: Registry;
  let ws: string;
  let env: NodeJS.ProcessEnv;
  const database = `pgshift_e2e_${process.pid}`;
  const ciTarget = `pgshift_e2e_ci_${process.pid}`;
  const version = `0.1.0-e2e.${Date.now()}`;

  const run = (command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const result = spawnSync(command, args, { cwd: ws, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${output}`);
    return output;
  };
  const nx = (...args: string[]) => run('npx', ['nx', ...args]);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, env, encoding: 'utf8' });
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pgshift-e2e-'));
    registry = await startRegistry(path.join(tmp, 'registry'));
    publishAll(registry.url, path.join(tmp, 'stage'), version);
    env = {
      ...process.env,
      npm_config_registry: registry.url,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_SKIP_NX_CACHE: undefined,
      NX_INTERACTIVE: 'false',
      CI: 'true',
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@localhost',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@localhost',
      NODE_OPTIONS: undefined,
    };
    ws = path.join(tmp, 'ws');
    createWorkspace(ws, env);
    await admin(`create database ${database}`);
  });

  afterAll(async () => {
    await registry?.stop();
    await admin(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await admin(`drop database if exists ${ciTarget} with (force)`).catch(() => undefined);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('nx add pgshift registers the plugin and the sql named input', () => {
    nx('add', `pgshift@${version}`);
    const nxJson = JSON.parse(readFileSync(path.join(ws, 'nx.json'), 'utf8'));
    expect(nxJson.plugins).toContainEqual(expect.objectContaining({ plugin: 'pgshift' }));
    expect(nxJson.namedInputs.sql).toEqual(['{projectRoot}/**/*.sql']);
  });

  test('the todo example gets inferred targets with their inputs', () => {
    cpSync(path.join(repoRoot, 'examples/todo'), path.join(ws, 'db'), { recursive: true, filter: (f) => !f.includes(`${path.sep}migrations`) });
    writeFileSync(path.join(ws, 'db/project.json'), JSON.stringify({ name: 'db' }));
    const shown = JSON.parse(nx('show', 'project', 'db', '--json'));
    expect(Object.keys(shown.targets)).toEqual(expect.arrayContaining(['diff', 'test', 'deploy', 'revert', 'verify', 'status']));
    expect(shown.targets.diff.inputs).toContainEqual({ externalDependencies: ['pgshift'] });
  });

  test('generators write the migrations', () => {
    nx('g', 'pgshift:migrations-init', '--project=db');
    nx('g', 'pgshift:data-migration', 'seed', '--project=db', '--note=initial dataset');
    const view = path.join(ws, 'db/db/src/api/todos.sql');
    writeFileSync(view, readFileSync(view, 'utf8').replace('select id, todo, private,', 'select id, todo, private, created_at,'));
    nx('g', 'pgshift:migration', 'todos-view', '--project=db', '--note=change todos view');
    const plan = readFileSync(path.join(ws, 'db/db/migrations/sqitch.plan'), 'utf8');
    expect(plan).toMatch(/0000000001-initial/);
    expect(plan).toMatch(/0000000002-seed/);
    expect(plan).toMatch(/0000000003-todos-view/);
  });

  test('diff succeeds and the second run is a cache hit', () => {
    nx('run', 'db:diff', '--outputStyle=static');
    const second = nx('run', 'db:diff', '--outputStyle=static');
    expect(second).toMatch(/existing outputs match the cache|\[local cache\]/);
  });

  test('test runs the pgTAP files', () => {
    expect(nx('run', 'db:test', '--outputStyle=static')).toMatch(/PASS/);
  });

  test('deploy applies the migrations to the PostgreSQL server', () => {
    const url = new URL(serverUrl());
    url.pathname = `/${database}`;
    const out = run('npx', ['nx', 'run', 'db:deploy', '--outputStyle=static'], { DATABASE_URL: url.toString() });
    expect(out).toMatch(/0000000003-todos-view \.\. ok/);
  });

  test('nx affected selects the database project after an SQL change, not after a README change', () => {
    git('add', '-A');
    git('commit', '-qm', 'database');
    writeFileSync(path.join(ws, 'db/README.md'), 'changed\n');
    git('commit', '-qam', 'readme');
    expect(nx('show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '-t', 'diff')).not.toMatch(/\bdb\b/);
    const schema = path.join(ws, 'db/db/src/data/todos.sql');
    writeFileSync(schema, `${readFileSync(schema, 'utf8')}\n-- touched\n`);
    git('commit', '-qam', 'sql');
    expect(nx('show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '-t', 'diff')).toMatch(/\bdb\b/);
  });

  test('the GitHub workflow of nx g pgshift:ci runs: its pull-request job, then its tag job deploys to the secret database', async () => {
    const base = git('rev-parse', 'HEAD~1').trim();
    nx('g', 'pgshift:ci', '--provider=github');
    git('add', '-A');
    git('commit', '-qm', 'ci');
    const workflow = parse(readFileSync(path.join(ws, '.github/workflows/pgshift.yml'), 'utf8')) as Workflow;
    // A service container starts empty: no database from the tests above holds objects of the roles the source recreates.
    await admin(`drop database if exists ${database} with (force)`);
    await admin(`create database ${ciTarget}`);
    const target = new URL(serverUrl());
    target.pathname = `/${ciTarget}`;
    const job = (condition: string) => Object.values(workflow.jobs).find((j) => j.if?.includes(condition))!;
    let installed = false;
    const options: JobRun = {
      cwd: ws,
      // The jobs' own environment only: none of the e2e's PGSHIFT_* or DATABASE_URL.
      env: { ...env, PGSHIFT_DATABASE_URL: undefined, PGSHIFT_ENGINE: undefined, DATABASE_URL: undefined },
      // What GitHub would put in the workflow's expressions.
      expressions: {
        'github.event.pull_request.base.sha': base,
        'github.sha': git('rev-parse', 'HEAD').trim(),
        'secrets.DATABASE_URL': target.toString(),
      },
      // The service container is this machine's server, which has pgTAP already.
      services: { PGSHIFT_DATABASE_URL: serverUrl() },
      // CI gives each job a fresh checkout; here the jobs share one working copy, and a second
      // `npm ci` would only reinstall the same lockfile (about a minute).
      skip: (run) => {
        if (run !== 'npm ci') return false;
        const again = installed;
        installed = true;
        return again;
      },
    };
    const checked = runJob(workflow, job("github.event_name == 'pull_request'"), options);
    expect(checked.map((step) => step.run)).toEqual(['npm ci', 'npx nx affected -t diff test --parallel=1']);
    expect(checked[1]!.output).toMatch(/Successfully ran targets diff, test for project db/);
    const released = runJob(workflow, job("startsWith(github.ref, 'refs/tags/v')"), options);
    expect(released.map((step) => step.run)).toEqual([expect.stringMatching(/^npx nx run-many -t deploy --projects=db /), expect.stringMatching(/^npx nx run-many -t verify --projects=db /)]);
    expect(released[0]!.output).toMatch(/Successfully ran target deploy for project db/);
    expect(released[1]!.output).toMatch(/Successfully ran target verify for project db/);
    const client = new Client({ connectionString: target.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ change: string }>('select change from sqitch.changes order by committed_at, change');
      expect(rows.map((r) => r.change)).toEqual(['0000000001-initial', '0000000002-seed', '0000000003-todos-view']);
    } finally {
      await client.end();
    }
  });

  test('PGSHIFT_ENGINE=server moves the executors onto the server at PGSHIFT_DATABASE_URL', () => {
    const unreachable = { PGSHIFT_ENGINE: 'server', PGSHIFT_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/postgres' };
    expect(() => run('npx', ['nx', 'run', 'db:test', '--skip-nx-cache', '--outputStyle=static'], unreachable)).toThrow(/cannot connect to postgres:\/\/nobody@127\.0\.0\.1:1/);
  });
});
