import { readFileSync } from 'fs';
import * as path from 'path';
import { describeWith, postgresServer, sqitchCli } from '@pgshift/test-support';
import { deploy, loadProject, readPlan, revert, status, tagMigrations, type TargetOptions } from '../src';
import { cleanup, planner, query, scratchDatabase, sqitch, tempDir, write } from './helpers';

/** A sqitch project whose migrations folder is the project itself. */
function makeProject(): string {
  const dir = tempDir();
  sqitch(dir, ['init', 'flipr', '--engine', 'pg']);
  write(dir, 'pgshift.json', JSON.stringify({ migrations: '.' }));
  addChange(dir, 'appschema', 'CREATE SCHEMA app;', 'DROP SCHEMA app;');
  addChange(dir, 'users', 'CREATE TABLE app.users (id int PRIMARY KEY);', 'DROP TABLE app.users;');
  return dir;
}

function addChange(dir: string, name: string, deploySql: string, revertSql: string): void {
  sqitch(dir, ['add', name, '-n', `Adds ${name}.`]);
  write(dir, `deploy/${name}.sql`, `BEGIN;\n${deploySql}\nCOMMIT;\n`);
  write(dir, `revert/${name}.sql`, `BEGIN;\n${revertSql}\nCOMMIT;\n`);
  write(dir, `verify/${name}.sql`, 'SELECT 1;\n');
}

const sqitchTarget = (url: string) => url.replace(/^postgres(ql)?:/, 'db:pg:');

describeWith([postgresServer, sqitchCli], 'plan tags written by pgshift and by sqitch', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let opts: TargetOptions;
  beforeEach(async () => {
    dir = makeProject();
    db = await scratchDatabase();
    opts = { target: db.url, planFile: path.join(dir, 'sqitch.plan'), identity: planner, onMessage: () => undefined };
  }, 60_000);
  afterEach(async () => {
    await db.drop();
    cleanup(dir);
  });

  test('migrations tag writes the line sqitch tag writes, and says so as sqitch does', () => {
    const twin = tempDir();
    try {
      for (const f of ['sqitch.conf', 'sqitch.plan']) write(twin, f, readFileSync(path.join(dir, f), 'utf8'));
      const timestamp = new Date();
      const lines: string[] = [];
      tagMigrations(loadProject(dir), 'v1.0.0', { note: 'First release.', planner, timestamp, onMessage: (l) => lines.push(l) });
      sqitch(twin, ['tag', 'v1.0.0', '-n', 'First release.']);
      expect(lines).toEqual(['Tagged "users" with @v1.0.0']);
      // The same line but for the second the two were made in.
      const strip = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'T');
      expect(strip(readFileSync(path.join(dir, 'sqitch.plan'), 'utf8'))).toBe(strip(readFileSync(path.join(twin, 'sqitch.plan'), 'utf8')));
    } finally {
      cleanup(twin);
    }
  });

  test('a tag on an already tagged change, or a tag name taken, is a clear error and the plan is untouched', () => {
    const project = loadProject(dir);
    tagMigrations(project, 'v1', { planner });
    const before = readFileSync(path.join(dir, 'sqitch.plan'), 'utf8');
    expect(() => tagMigrations(project, 'v2', { planner })).toThrow(/the last change "users" is already tagged @v1; add a migration before tagging again/);
    addChange(dir, 'widgets', 'CREATE TABLE app.widgets (id int);', 'DROP TABLE app.widgets;');
    const withWidgets = readFileSync(path.join(dir, 'sqitch.plan'), 'utf8');
    expect(withWidgets.startsWith(before)).toBe(true);
    expect(() => tagMigrations(project, 'v1', { planner })).toThrow(/Tag "@v1" already exists/);
    expect(readFileSync(path.join(dir, 'sqitch.plan'), 'utf8')).toBe(withWidgets);
  });

  test("sqitch deploys to pgshift's tag; pgshift deploys to sqitch's; both revert to the other's tag", async () => {
    tagMigrations(loadProject(dir), 'v1', { planner });
    addChange(dir, 'widgets', 'CREATE TABLE app.widgets (id int);', 'DROP TABLE app.widgets;');
    sqitch(dir, ['tag', 'v2', '-n', 'Second release.']);
    addChange(dir, 'gadgets', 'CREATE TABLE app.gadgets (id int);', 'DROP TABLE app.gadgets;');

    // sqitch reads pgshift's tag line.
    sqitch(dir, ['deploy', '--target', sqitchTarget(db.url), '--to', '@v1']);
    const plan = readPlan(path.join(dir, 'sqitch.plan'));
    const v1 = plan.changes[1]!.tags[0]!;
    // pgshift computes the tag id sqitch recorded.
    expect(await query(db.url, 'SELECT tag, tag_id FROM sqitch.tags ORDER BY committed_at')).toEqual([{ tag: '@v1', tag_id: v1.id }]);

    // pgshift reads sqitch's tag line, deploys up to it and records it as sqitch does.
    const result = await deploy({ ...opts, to: '@v2' });
    expect(result.deployed).toEqual(['widgets']);
    const v2 = plan.changes[2]!.tags[0]!;
    expect(await query(db.url, 'SELECT t.tag, t.tag_id, c.change FROM sqitch.tags t JOIN sqitch.changes c USING (change_id) ORDER BY t.committed_at')).toEqual([
      { tag: '@v1', tag_id: v1.id, change: 'users' },
      { tag: '@v2', tag_id: v2.id, change: 'widgets' },
    ]);
    expect((await status(opts)).undeployed).toEqual(['gadgets']);
    expect(sqitch(dir, ['status', '--target', sqitchTarget(db.url)])).toMatch(/# Name:\s+widgets[\s\S]*# Tag:\s+@v2/);

    // pgshift reverts to pgshift's tag; sqitch then reverts to nothing and deploys everything.
    await revert({ ...opts, to: '@v1' });
    expect((await status(opts)).undeployed).toEqual(['widgets', 'gadgets']);
    expect(await query(db.url, 'SELECT tag FROM sqitch.tags ORDER BY committed_at')).toEqual([{ tag: '@v1' }]);
    sqitch(dir, ['deploy', '--target', sqitchTarget(db.url)]);
    await revert({ ...opts, to: '@v2' });
    expect(sqitch(dir, ['status', '--target', sqitchTarget(db.url)])).toMatch(/# Tag:\s+@v2[\s\S]*Undeployed change:\n\s+\* gadgets/);
  });
});
