import { cpSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { describeWith, postgresServer, sqitchCli } from '@pgshift/test-support';
import { deploy, DeployError, log, LOCK_KEY, readPlan, revert, status, verify, type PendingHazard, type TargetOptions } from '../src';
import { cleanup, planner, query, scratchDatabase, sqitch, tempDir, write } from './helpers';

const scripts: Record<string, { deploy: string; revert: string; verify: string; requires?: string }> = {
  appschema: {
    deploy: 'BEGIN;\nCREATE SCHEMA app;\nCOMMIT;\n',
    revert: 'BEGIN;\nDROP SCHEMA app;\nCOMMIT;\n',
    verify: "BEGIN;\nSELECT 1/count(*) FROM pg_namespace WHERE nspname = 'app';\nROLLBACK;\n",
  },
  users: {
    requires: 'appschema',
    deploy: "-- Deploy users\nBEGIN;\n\nCREATE TABLE app.users (\n  id int PRIMARY KEY,\n  name text NOT NULL DEFAULT 'a;b'\n);\n\nCOMMIT;\n",
    revert: 'BEGIN;\nDROP TABLE app.users;\nCOMMIT;\n',
    verify: 'BEGIN;\nSELECT id, name FROM app.users WHERE false;\nROLLBACK;\n',
  },
  widgets: {
    requires: 'users',
    deploy:
      'CREATE TABLE app.widgets (id int REFERENCES app.users);\n' +
      'CREATE FUNCTION app.widget_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM app.widgets; $$;\n',
    revert: 'DROP FUNCTION app.widget_count();\nDROP TABLE app.widgets;\n',
    verify: 'SELECT app.widget_count();\n',
  },
};

/** A project made by the real sqitch: init, then `sqitch add` per change, then our scripts. */
function makeProject(names = Object.keys(scripts)): string {
  const dir = tempDir();
  sqitch(dir, ['init', 'flipr', '--engine', 'pg']);
  for (const name of names) {
    const s = scripts[name]!;
    sqitch(dir, ['add', name, ...(s.requires ? ['--requires', s.requires] : []), '-n', `Adds ${name}.`]);
    for (const kind of ['deploy', 'revert', 'verify'] as const) write(dir, `${kind}/${name}.sql`, s[kind]);
  }
  return dir;
}

const sqitchTarget = (url: string) => url.replace(/^postgres(ql)?:/, 'db:pg:');

/** `sqitch status` exits 1 when nothing is deployed; its report is what matters here. */
function sqitchStatus(dir: string, url: string): string {
  try {
    return sqitch(dir, ['status', '--target', sqitchTarget(url)]);
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

describeWith([postgresServer, sqitchCli], 'deploy, revert, verify with the sqitch registry', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let dir: string;
  let opts: TargetOptions;
  let template: string;
  const messages: string[] = [];

  beforeAll(() => {
    template = makeProject();
  }, 60_000);
  afterAll(() => cleanup(template));

  beforeEach(async () => {
    db = await scratchDatabase();
    dir = tempDir();
    cpSync(template, dir, { recursive: true });
    messages.length = 0;
    opts = { target: db.url, planFile: path.join(dir, 'sqitch.plan'), identity: planner, onMessage: (m) => messages.push(m) };
  }, 60_000);
  afterEach(async () => {
    await db.drop();
    cleanup(dir);
  });

  test('pgshift deploys three changes; sqitch sees them up to date, logs them, and reverts them', async () => {
    const result = await deploy(opts);
    expect(result.deployed).toEqual(['appschema', 'users', 'widgets']);
    expect(await query(db.url, 'SELECT app.widget_count() AS n')).toEqual([{ n: '0' }]);
    const plan = readPlan(opts.planFile);
    const rows = await query<{ change_id: string; change: string }>(db.url, 'SELECT change_id, change FROM sqitch.changes ORDER BY committed_at');
    expect(rows).toEqual(plan.changes.map((c) => ({ change_id: c.id, change: c.name })));
    expect(await query(db.url, 'SELECT change_id, dependency, type FROM sqitch.dependencies ORDER BY dependency')).toEqual([
      { change_id: plan.changes[1]!.id, dependency: 'appschema', type: 'require' },
      { change_id: plan.changes[2]!.id, dependency: 'users', type: 'require' },
    ]);

    const st = sqitch(dir, ['status', '--target', sqitchTarget(db.url)]);
    expect(st).toContain(`# Change:   ${plan.changes[2]!.id}`);
    expect(st).toContain('Nothing to deploy (up-to-date)');
    expect(sqitch(dir, ['log', '--target', sqitchTarget(db.url)])).toMatch(/Deploy [0-9a-f]{40}\nName:      widgets/);
    expect(sqitch(dir, ['verify', '--target', sqitchTarget(db.url)])).toContain('Verify successful');

    sqitch(dir, ['revert', '-y', '--target', sqitchTarget(db.url)]);
    expect(await query(db.url, "SELECT nspname FROM pg_namespace WHERE nspname = 'app'")).toEqual([]);
    expect(await status(opts)).toMatchObject({ deployed: [], undeployed: ['appschema', 'users', 'widgets'], upToDate: false });
  }, 60_000);

  test('sqitch deploys two changes, pgshift deploys the third and reverts all', async () => {
    sqitch(dir, ['deploy', '--to', 'users', '--target', sqitchTarget(db.url)]);
    expect((await status(opts)).undeployed).toEqual(['widgets']);
    expect((await deploy(opts)).deployed).toEqual(['widgets']);
    expect(sqitch(dir, ['status', '--target', sqitchTarget(db.url)])).toContain('Nothing to deploy (up-to-date)');

    expect((await revert(opts)).reverted).toEqual(['widgets', 'users', 'appschema']);
    expect(await query(db.url, "SELECT nspname FROM pg_namespace WHERE nspname = 'app'")).toEqual([]);
    const events = await log(opts);
    expect(events.map((e) => `${e.event} ${e.change}`)).toEqual([
      'revert appschema', 'revert users', 'revert widgets', 'deploy widgets', 'deploy users', 'deploy appschema',
    ]);
    expect(events[2]).toMatchObject({ requires: ['users'], conflicts: [], tags: [], note: 'Adds widgets.' });
    expect(sqitchStatus(dir, db.url)).toContain('No changes deployed');
  }, 60_000);

  test('a failing third statement leaves nothing of its change and records a fail event', async () => {
    write(dir, 'deploy/widgets.sql', 'BEGIN;\nCREATE TABLE app.widgets (id int);\nINSERT INTO app.widgets VALUES (1);\nSELECT\n  no_such_function();\nCOMMIT;\n');
    const err = await deploy(opts).catch((e) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect(err.code).toBe('DEPLOY_FAILED');
    expect(err.message).toContain('deploy/widgets.sql:5');
    expect(err.message).toContain('no_such_function');
    expect(err.origin).toEqual({ file: 'deploy/widgets.sql', line: 5 });
    expect(await query(db.url, "SELECT to_regclass('app.widgets') AS t")).toEqual([{ t: null }]);
    expect(await query(db.url, 'SELECT change FROM sqitch.changes ORDER BY committed_at')).toEqual([{ change: 'appschema' }, { change: 'users' }]);
    expect(await query(db.url, "SELECT event, change FROM sqitch.events WHERE event = 'fail'")).toEqual([{ event: 'fail', change: 'widgets' }]);
    expect(sqitch(dir, ['status', '--target', sqitchTarget(db.url)])).toContain('widgets');
  }, 60_000);

  test('the registry rows commit with the change: a registry insert that fails undoes the script', async () => {
    // Two changes with the same deploy script violate sqitch's UNIQUE(project, script_hash) on insert.
    const same = 'CREATE TABLE IF NOT EXISTS app.extra (id int);\nINSERT INTO app.extra VALUES (1);\n';
    sqitch(dir, ['add', 'one', '-n', 'One']);
    sqitch(dir, ['add', 'twin', '-n', 'Same script as one']);
    write(dir, 'deploy/one.sql', same);
    write(dir, 'deploy/twin.sql', same);
    const err = await deploy(opts).catch((e) => e);
    expect(err.code).toBe('DEPLOY_FAILED');
    expect(err.message).toMatch(/"twin".*duplicate key value violates unique constraint "changes_project_script_hash_key"/s);
    // twin's INSERT ran, then its registry row failed: the row it inserted is gone with it.
    expect(await query(db.url, 'SELECT count(*)::int AS n FROM app.extra')).toEqual([{ n: 1 }]);
    expect(await query(db.url, 'SELECT count(*)::int AS n FROM sqitch.changes')).toEqual([{ n: 4 }]);
    expect(await query(db.url, "SELECT event FROM sqitch.events WHERE change = 'twin'")).toEqual([{ event: 'fail' }]);
  }, 60_000);

  test('an edited deployed script blocks deploy until it is restored', async () => {
    await deploy({ ...opts, to: 'users' });
    write(dir, 'deploy/users.sql', scripts.users!.deploy.replace('name text', 'full_name text'));
    expect((await status(opts)).modified).toEqual(['users']);
    const err = await deploy(opts).catch((e) => e);
    expect(err.code).toBe('MODIFIED_SCRIPT');
    expect(err.message).toContain('deploy/users.sql (users)');
    expect(await query(db.url, "SELECT to_regclass('app.widgets') AS t")).toEqual([{ t: null }]);
    write(dir, 'deploy/users.sql', scripts.users!.deploy);
    expect((await deploy(opts)).deployed).toEqual(['widgets']);
  }, 60_000);

  test('a second deploy waits for the lock holder, or fails at once with wait: false', async () => {
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const withPassword = { ...opts, target: db.url };
    const fast = await deploy({ ...withPassword, wait: false }).catch((e) => e);
    expect(fast.code).toBe('LOCKED');
    expect(fast.message).toContain('pgshift:***@');
    expect(fast.message).not.toContain('pgshift:pgshift@');

    let release!: () => void;
    const waiting = new Promise<void>((r) => (release = r));
    const slow = deploy({ ...opts, onMessage: (m) => (m.startsWith('Blocked') ? release() : undefined) });
    await waiting;
    expect(await query(db.url, "SELECT to_regclass('sqitch.changes') AS t")).toEqual([{ t: null }]);
    await holder.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    expect((await slow).deployed).toEqual(['appschema', 'users', 'widgets']);
    await holder.end();
  }, 60_000);

  test('verify: a failing verify script rolls its change back; verify() reports each change', async () => {
    write(dir, 'verify/widgets.sql', 'SELECT missing_column FROM app.widgets;\n');
    const err = await deploy({ ...opts, verify: true }).catch((e) => e);
    expect(err.code).toBe('VERIFY_FAILED');
    expect(err.message).toContain('verify/widgets.sql:1');
    expect(await query(db.url, "SELECT to_regclass('app.widgets') AS t")).toEqual([{ t: null }]);
    write(dir, 'verify/widgets.sql', scripts.widgets!.verify);
    await deploy({ ...opts, verify: true });
    expect(await verify(opts)).toMatchObject({ ok: true, changes: [{ change: 'appschema', ok: true }, { change: 'users', ok: true }, { change: 'widgets', ok: true }] });
    write(dir, 'verify/users.sql', 'SELECT nope FROM app.users;\n');
    const v = await verify(opts);
    expect(v.ok).toBe(false);
    expect(v.changes[1]).toMatchObject({ change: 'users', ok: false });
    expect(v.changes[1]!.message).toContain('verify/users.sql:1');
  }, 60_000);

  test('tags planned after a deploy are recorded as sqitch records them', async () => {
    await deploy(opts);
    sqitch(dir, ['tag', 'v1.0', '-n', 'First release']);
    writeFileSync(path.join(dir, 'deploy', '.keep'), '');
    expect((await deploy(opts)).upToDate).toBe(true);
    const plan = readPlan(opts.planFile);
    expect(await query(db.url, 'SELECT tag_id, tag, change_id, note FROM sqitch.tags')).toEqual([
      { tag_id: plan.changes[2]!.tags[0]!.id, tag: '@v1.0', change_id: plan.changes[2]!.id, note: 'First release' },
    ]);
    expect(sqitch(dir, ['status', '--target', sqitchTarget(db.url)])).toContain('# Tag:      @v1.0');
  }, 60_000);

  test('the registry pgshift creates is the one sqitch creates, column for column', async () => {
    const other = await scratchDatabase();
    try {
      sqitch(dir, ['deploy', '--to', 'appschema', '--target', sqitchTarget(other.url)]);
      await deploy({ ...opts, to: 'appschema' });
      const shape = `
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
               pg_get_expr(d.adbin, d.adrelid) AS def, col_description(c.oid, a.attnum) AS comment
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
          LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
         WHERE n.nspname = 'sqitch'
        UNION ALL
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), NULL, NULL, NULL
          FROM pg_constraint WHERE connamespace = 'sqitch'::regnamespace
        UNION ALL
        SELECT 'schema', NULL, obj_description('sqitch'::regnamespace, 'pg_namespace'), NULL, NULL, NULL
         ORDER BY 1, 2`;
      const ours = await query(db.url, shape);
      expect(ours.length).toBeGreaterThan(60);
      expect(ours).toEqual(await query(other.url, shape));
      expect(await query(db.url, 'SELECT version FROM sqitch.releases')).toEqual(await query(other.url, 'SELECT version FROM sqitch.releases'));
      const row = 'SELECT change_id, script_hash, change, project, note, committer_name, committer_email, planned_at, planner_name, planner_email FROM sqitch.changes';
      expect(await query(db.url, row)).toEqual(await query(other.url, row));
      const ev = 'SELECT event, change_id, change, project, note, requires, conflicts, tags, committer_name, planned_at, planner_name FROM sqitch.events';
      expect(await query(db.url, ev)).toEqual(await query(other.url, ev));
    } finally {
      await other.drop();
    }
  }, 60_000);
  test('hazards listed in pending deploy scripts are shown before anything runs, and a refusal cancels the deploy', async () => {
    write(dir, 'deploy/users.sql', `-- Deploy flipr:users to pg\n--\n-- Hazards:\n--   data-loss: dropping table app.old loses its rows\n\n${scripts.users!.deploy}`);
    const seen: PendingHazard[][] = [];
    await expect(deploy({ ...opts, onHazards: (h) => (seen.push(h), false) })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen).toEqual([[{ change: 'users', hazard: 'data-loss: dropping table app.old loses its rows' }]]);
    expect(await query(db.url, "select count(*)::int as n from pg_namespace where nspname in ('app', 'sqitch')")).toEqual([{ n: 0 }]);
    const result = await deploy({ ...opts, onHazards: () => true });
    expect(result.deployed).toEqual(['appschema', 'users', 'widgets']);
  });
});
