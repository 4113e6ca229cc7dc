import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { diff } from '@pgshift/diff';
import { describeWith, postgresServer, serverUrl, sqitchCli } from '@pgshift/test-support';
import {
  addMigration,
  deploy,
  initMigrations,
  isGeneratedScript,
  liveModel,
  parsePlan,
  projectPaths,
  readPlan,
  rebaseMigrations,
  replayStates,
  revert,
  sourceModel,
  tagMigrations,
  withEngine,
  type RebaseResult,
} from '../src';
import { branch, merge, planText, project, script, scriptNames, writeSource, type MergeStyle } from './branches';
import { cleanup, planner, scratchDatabase, sqitch, tempDir } from './helpers';

jest.setTimeout(180_000);

const base = `create schema shop;
create table shop.items (id int primary key, name text not null);
create view shop.item_list as select id, name from shop.items;
`;
const ours = base.replace('name text not null)', 'name text not null, price numeric)').replace('select id, name from', 'select id, name, price from');
const tags = 'create table shop.tags (id int primary key, label text not null);\n';
const theirs = base.replace('name text not null)', 'name text not null, sku text)').replace('select id, name from', 'select id, name, sku from') + tags;
const mergedSource =
  base.replace('name text not null)', 'name text not null, price numeric, sku text)').replace('select id, name from', 'select id, name, price, sku from') + tags;

const quiet = { planner, onMessage: () => undefined };
const seedDeploy = "-- Deploy shop:0000000003-seed to pg\n\nBEGIN;\nINSERT INTO shop.tags VALUES (1, 'new');\nCOMMIT;\n";

/**
 * The common base (0000000001-initial), ours (0000000002-price) and theirs (0000000002-tags @tags-ready,
 * a hand-written 0000000003-seed, 0000000004-sku requiring 0000000002-tags), built once.
 */
const dirs: string[] = [];
let baseDir: string;
let oursDir: string;
let theirsDir: string;

beforeAll(async () => {
  baseDir = tempDir('pgshift-rebase-base-');
  dirs.push(baseDir);
  writeSource(baseDir, base);
  await initMigrations(project(baseDir), quiet);

  oursDir = branch(baseDir);
  writeSource(oursDir, ours);
  await addMigration(project(oursDir), 'price', { ...quiet, note: 'items have a price' });

  theirsDir = branch(baseDir);
  writeSource(theirsDir, base + tags);
  await addMigration(project(theirsDir), 'tags', { ...quiet, note: 'tags' });
  tagMigrations(project(theirsDir), 'tags-ready', { planner });
  await addMigration(project(theirsDir), 'seed', { ...quiet, noDiff: true, note: 'first tag' });
  writeFileSync(path.join(projectPaths(project(theirsDir)).migrations, 'deploy', '0000000003-seed.sql'), seedDeploy);
  writeSource(theirsDir, theirs);
  await addMigration(project(theirsDir), 'sku', { ...quiet, note: 'items have a sku' });
  const planFile = projectPaths(project(theirsDir)).planFile;
  writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('0000000004-sku ', '0000000004-sku [0000000002-tags] '));
  dirs.push(oursDir, theirsDir);
});

afterAll(() => dirs.forEach(cleanup));

let unionRun: ReturnType<typeof rebased> | undefined;
/** The union-style merge, rebased once for every test that reads it; tests that write work on a copy. */
const rebasedUnion = () => (unionRun ??= rebased('union'));

async function rebased(style: MergeStyle): Promise<{ dir: string; result: RebaseResult; messages: string[]; warnings: string[] }> {
  const dir = merge(baseDir, oursDir, theirsDir, style, mergedSource);
  dirs.push(dir);
  const messages: string[] = [];
  const warnings: string[] = [];
  const result = await rebaseMigrations(project(dir), { onMessage: (l) => messages.push(l), onWarning: (l) => warnings.push(l) });
  return { dir, result, messages, warnings };
}

const names = (dir: string) => readPlan(projectPaths(project(dir)).planFile).changes.map((c) => [c.name, c.tags.map((t) => t.name), c.requires.map((d) => d.change)]);

describe('migrations rebase after two branches each added migrations from 0000000002 on', () => {
  let union: Awaited<ReturnType<typeof rebased>>;
  beforeAll(async () => {
    union = await rebasedUnion();
  });

  test('plan order decides: ours keeps 2, theirs move to 3, 4, 5 with their tag, and requires follow the rename', () => {
    expect(union.result.renamed).toEqual([
      { from: '0000000002-tags', to: '0000000003-tags' },
      { from: '0000000003-seed', to: '0000000004-seed' },
      { from: '0000000004-sku', to: '0000000005-sku' },
    ]);
    expect(names(union.dir)).toEqual([
      ['0000000001-initial', [], []],
      ['0000000002-price', [], []],
      ['0000000003-tags', ['tags-ready'], []],
      ['0000000004-seed', [], []],
      ['0000000005-sku', [], ['0000000003-tags']],
    ]);
    const plan = planText(union.dir);
    expect(plan).toMatch(/^0000000003-tags \S+Z Ann Planner <ann@example\.com> # tags\n@tags-ready \S+Z Ann Planner <ann@example\.com>\n\n0000000004-seed /m);
    // Lines of unmoved changes are kept byte for byte.
    expect(plan.startsWith(planText(oursDir))).toBe(true);
  });

  test('scripts are renamed: no file keeps an old name, and a kept generated script only has its header renamed', () => {
    expect(scriptNames(union.dir)).toEqual(
      ['0000000001-initial', '0000000002-price', '0000000003-tags', '0000000004-seed', '0000000005-sku'].flatMap((c) => ['deploy', 'revert', 'verify'].map((k) => `${k}/${c}.sql`)).sort(),
    );
    const before = script(theirsDir, 'deploy', '0000000002-tags');
    const after = script(union.dir, 'deploy', '0000000003-tags');
    expect(after).toBe(before.replace('-- Deploy shop:0000000002-tags to pg', '-- Deploy shop:0000000003-tags to pg'));
    expect(isGeneratedScript(after)).toBe(true);
  });

  test('a generated change that fits its new base is kept; the last one, which does not reach the source, is regenerated', () => {
    expect(union.messages).toContain('Checked "0000000003-tags" on its new base: its deploy and revert fit; kept');
    expect(union.result.regenerated).toEqual(['0000000005-sku']);
    expect(union.messages.join('\n')).toMatch(/Regenerated "0000000005-sku": (its deploy fails on the new base|the new base with its deploy is not the source state)/);
    const deploySku = script(union.dir, 'deploy', '0000000005-sku');
    expect(isGeneratedScript(deploySku)).toBe(true);
    expect(deploySku).toMatch(/^-- Deploy shop:0000000005-sku to pg\n/);
    expect(deploySku).toMatch(/CREATE OR REPLACE VIEW "shop"."item_list" AS\n\s*SELECT id,\n\s*name,\n\s*price,\n\s*sku\n/);
    expect(deploySku).not.toBe(script(theirsDir, 'deploy', '0000000004-sku'));
  });

  test('the regenerated migration deploys on its new base and reaches the source state; its revert goes back', async () => {
    const paths = projectPaths(project(union.dir));
    const plan = readPlan(paths.planFile);
    const steps = [...plan.changes.map((c) => ({ file: path.join(paths.migrations, 'deploy', `${c.name}.sql`) })), { file: path.join(paths.migrations, 'revert', '0000000005-sku.sql') }];
    await withEngine({ engine: 'pglite' }, async (engine) => {
      const [base, deployed, reverted] = await replayStates(engine, steps, [4, 5, 6], { baseDir: union.dir });
      if (!('model' in base!) || !('model' in deployed!) || !('model' in reverted!)) throw new Error('the rebased plan does not replay');
      expect(diff(deployed.model, await sourceModel(engine, paths.source))).toEqual([]);
      expect(diff(reverted.model, base.model)).toEqual([]);
    });
  });

  test("a change counts as generated only while its scripts are the differ's unedited output", () => {
    const generated = script(theirsDir, 'deploy', '0000000002-tags');
    expect(generated.split('\n')[1]).toMatch(/^-- pgshift: generated from a diff, checksum [0-9a-f]{16} /);
    expect(isGeneratedScript(generated)).toBe(true);
    expect(isGeneratedScript(generated.replace(/\n/g, '\r\n'))).toBe(true);
    expect(isGeneratedScript(generated.replace('COMMIT;', "INSERT INTO shop.tags VALUES (1, 'x');\nCOMMIT;"))).toBe(false);
    expect(isGeneratedScript(generated.split('\n').filter((_, i) => i !== 1).join('\n'))).toBe(false);
    expect(isGeneratedScript(script(theirsDir, 'revert', '0000000003-seed'))).toBe(false);
  });

  test('a hand-written --no-diff migration is moved as it is, with a warning', () => {
    expect(script(union.dir, 'deploy', '0000000004-seed')).toBe(seedDeploy);
    expect(union.result.handWritten).toEqual(['0000000004-seed']);
    expect(union.warnings.join('\n')).toMatch(/"0000000004-seed" \(was "0000000003-seed"\) is kept as written: .*not checked on its new base/);
  });

  test('each renamed change gets a warning about databases that deployed it under its old name', () => {
    for (const [from, to] of [['0000000002-tags', '0000000003-tags'], ['0000000003-seed', '0000000004-seed'], ['0000000004-sku', '0000000005-sku']]) {
      expect(union.warnings).toContainEqual(expect.stringMatching(new RegExp(`^"${from}" is now "${to}", a new Sqitch change .*must revert it.*"Cannot find change"`)));
    }
  });

  test.each(['merge', 'diff3'] as const)('conflict markers (%s style) between the lines both sides appended resolve to ours then theirs', async (style) => {
    const run = await rebased(style);
    expect(run.result.conflicts).toEqual([5]);
    expect(run.messages[0]).toBe('Resolved the git conflict at sqitch.plan:5: kept both sides, ours then theirs');
    expect(planText(run.dir)).toBe(planText(union.dir));
    expect(scriptNames(run.dir)).toEqual(scriptNames(union.dir));
  });

  test('a rebased plan has nothing left to rebase, and the next migration is numbered after it', async () => {
    const dir = branch(union.dir);
    dirs.push(dir);
    const lines: string[] = [];
    const before = planText(dir);
    await rebaseMigrations(project(dir), { onMessage: (l) => lines.push(l) });
    expect(lines).toEqual(['Nothing to rebase: sqitch.plan holds no conflict markers and no number held by two changes.']);
    expect(planText(dir)).toBe(before);
    const added = await addMigration(project(dir), 'later', { ...quiet, noDiff: true });
    expect(added.changes).toEqual(['0000000006-later']);
  });
});

describe('migrations rebase refuses what it cannot do, and writes nothing', () => {
  test('a conflict in which both branches wrote the same change names the file and line', async () => {
    const dir = merge(baseDir, oursDir, theirsDir, 'merge', mergedSource);
    dirs.push(dir);
    const planFile = projectPaths(project(dir)).planFile;
    const text = readFileSync(planFile, 'utf8').replace('>>>>>>> theirs\n', `${planText(oursDir).split('\n').at(-2)}\n>>>>>>> theirs\n`);
    writeFileSync(planFile, text);
    const files = scriptNames(dir);
    await expect(rebaseMigrations(project(dir))).rejects.toThrow(
      /sqitch\.plan:\d+: the git conflict opened at line 5 cannot be resolved by keeping both sides: both branches wrote change "0000000002-price" \(line 6 on our side, line \d+ on theirs\)\. Resolve it by hand/,
    );
    expect(readFileSync(planFile, 'utf8')).toBe(text);
    expect(scriptNames(dir)).toEqual(files);
  });

  test('a diff3 conflict whose ancestor held lines, and a marker out of place, name their line', async () => {
    const dir = merge(baseDir, oursDir, theirsDir, 'diff3', mergedSource);
    dirs.push(dir);
    const planFile = projectPaths(project(dir)).planFile;
    const text = readFileSync(planFile, 'utf8');
    writeFileSync(planFile, text.replace('||||||| merged common ancestors\n', '||||||| merged common ancestors\n# an old note\n'));
    await expect(rebaseMigrations(project(dir))).rejects.toThrow(/sqitch\.plan:8: the git conflict opened at line 5 cannot be resolved by keeping both sides: the common ancestor held lines here/);
    writeFileSync(planFile, text.replace('>>>>>>> theirs\n', ''));
    await expect(rebaseMigrations(project(dir))).rejects.toThrow(/sqitch\.plan:5: the git conflict opened here is not closed by ">>>>>>>"/);
    writeFileSync(planFile, `${text}=======\n`);
    await expect(rebaseMigrations(project(dir))).rejects.toThrow(/sqitch\.plan:\d+: git conflict marker "=======" out of place \(no "<<<<<<<" before it\)/);
  });

  test('a change in the middle of the plan whose deploy fails on its new base has no target: a clear error', async () => {
    // Both branches add the same table; theirs adds one more change after it.
    const a = branch(baseDir);
    const b = branch(baseDir);
    dirs.push(a, b);
    writeSource(a, base + tags);
    await addMigration(project(a), 'tags', quiet);
    writeSource(b, base + tags);
    await addMigration(project(b), 'tags-too', quiet);
    writeSource(b, `${base + tags}create table shop.colours (id int primary key);\n`);
    await addMigration(project(b), 'colours', quiet);
    const dir = merge(baseDir, a, b, 'union', `${base + tags}create table shop.colours (id int primary key);\n`);
    dirs.push(dir);
    const before = planText(dir);
    await expect(rebaseMigrations(project(dir), { onMessage: () => undefined })).rejects.toThrow(
      /sqitch\.plan:6: "0000000003-tags-too" \(was "0000000002-tags-too"\) does not fit its new base: its deploy fails on the new base \(.*relation "tags" already exists.*\)\. It is not the last change of the plan.*fix deploy\/0000000003-tags-too\.sql by hand/,
    );
    expect(planText(dir)).toBe(before);
    expect(existsSync(path.join(projectPaths(project(dir)).migrations, 'deploy', '0000000003-tags-too.sql'))).toBe(false);
  });
});

describe('plans left by a merge, for every other reader', () => {
  test('migrations add names the duplicate number and the rebase command; a conflict marker names its line', async () => {
    const dir = merge(baseDir, oursDir, theirsDir, 'union', mergedSource);
    dirs.push(dir);
    await expect(addMigration(project(dir), 'more', { ...quiet, noDiff: true })).rejects.toThrow(
      /sqitch\.plan:6: change "0000000002-tags" is numbered 2, as "0000000002-price" \(line 5\) is: two branches each added a migration 2 .*Run `pgshift migrations rebase`/,
    );
    const conflicted = merge(baseDir, oursDir, theirsDir, 'merge', mergedSource);
    dirs.push(conflicted);
    await expect(addMigration(project(conflicted), 'more', quiet)).rejects.toThrow(/sqitch\.plan:5: git conflict marker "<<<<<<<": the plan holds an unresolved merge.*`pgshift migrations rebase`/);
    expect(() => parsePlan(planText(conflicted), 'sqitch.plan', { rebaseCommand: '`nx g pgshift:rebase --project db`' })).toThrow(/Run `nx g pgshift:rebase --project db`/);
  });
});

const sqitchTarget = (url: string) => url.replace(/^postgres(ql)?:/, 'db:pg:');

describeWith([postgresServer, sqitchCli], 'the real sqitch and the rebased plan', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeEach(async () => {
    db = await scratchDatabase();
  });
  afterEach(async () => db.drop());

  test('sqitch reads the rebased plan, refuses a database that deployed a renamed change, and deploys and reverts it once that is reverted', async () => {
    const dir = branch((await rebasedUnion()).dir);
    dirs.push(dir);
    const migrations = projectPaths(project(dir)).migrations;
    const theirsPlan = projectPaths(project(theirsDir)).planFile;
    expect(sqitch(migrations, ['plan', '--format', 'format:%n%t'])).toMatch(
      /0000000001-initial\n0000000002-price\n0000000003-tags @tags-ready\n0000000004-seed\n0000000005-sku\n/,
    );

    // A database where theirs was deployed before the merge.
    const opts = { target: db.url, identity: planner, onMessage: () => undefined };
    await deploy({ ...opts, planFile: theirsPlan });
    await expect(deploy({ ...opts, planFile: path.join(migrations, 'sqitch.plan') })).rejects.toThrow(/Cannot find change \w+ \(0000000002-tags @tags-ready\) in .*sqitch\.plan: .* has it deployed but the plan does not list it/);
    expect(() => sqitch(migrations, ['deploy', '--target', sqitchTarget(db.url)])).toThrow(/Cannot find change/);

    // Reverted with theirs' plan, the database takes the rebased plan from sqitch.
    await revert({ ...opts, planFile: theirsPlan, to: '0000000001-initial' });
    sqitch(migrations, ['deploy', '--verify', '--target', sqitchTarget(db.url)]);
    expect(sqitch(migrations, ['status', '--target', sqitchTarget(db.url)])).toMatch(/# Change:\s+\w+\n# Name:\s+0000000005-sku[\s\S]*Nothing to deploy \(up-to-date\)/);
    // Both models from the same server: view definitions print differently across major versions.
    const source = await withEngine({ engine: 'server', url: serverUrl() }, (e) => sourceModel(e, projectPaths(project(dir)).source));
    expect(diff(await liveModel(db.url), source)).toEqual([]);
    sqitch(migrations, ['revert', '-y', '--to', '0000000004-seed', '--target', sqitchTarget(db.url)]);
    expect(sqitch(migrations, ['status', '--target', sqitchTarget(db.url)])).toMatch(/Undeployed change:\n\s+\* 0000000005-sku/);
  });
});
