import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree } from 'nx/src/generators/tree';
import { parsePlan } from '@pgshift/sqitch';
import { rebaseGenerator } from './rebase';
import { removeWorkspace, tempWorkspace } from '../../test-utils/workspace';

const migrations = 'db/db/migrations';
const line = (name: string, deps = '') => `${name} ${deps}${deps ? ' ' : ''}2026-01-06T10:00:00Z Ann Planner <ann@example.com>\n`;
const head = `%syntax-version=1.0.0\n%project=shop\n\n${line('0000000001-initial')}`;
/** Ours added 0000000002-price; theirs 0000000002-tags @v1 and 0000000003-tag-items requiring it; git conflicted. */
const mergedPlan =
  `${head}<<<<<<< HEAD\n${line('0000000002-price')}=======\n${line('0000000002-tags')}@v1 2026-01-06T11:00:00Z Ann Planner <ann@example.com>\n\n` +
  `${line('0000000003-tag-items', '[0000000002-tags]')}>>>>>>> tags\n`;
const changes = ['0000000001-initial', '0000000002-price', '0000000002-tags', '0000000003-tag-items'];

/** Hand-written scripts (no "generated from a diff" line): renamed, not replayed, so no database starts. */
function files(): Record<string, string> {
  const out: Record<string, string> = {
    'db/project.json': JSON.stringify({ name: 'db', root: 'db' }),
    'db/db/src/init.sql': 'create schema shop;\n',
    [`${migrations}/sqitch.conf`]: '[core]\n\tengine = pg\n',
    [`${migrations}/sqitch.plan`]: mergedPlan,
  };
  for (const change of changes) {
    for (const kind of ['deploy', 'revert', 'verify']) out[`${migrations}/${kind}/${change}.sql`] = `-- ${kind} ${change}\nSELECT 1;\n`;
  }
  return out;
}

describe('rebase generator', () => {
  let info: string[];
  let warnings: string[];
  beforeEach(() => {
    info = [];
    warnings = [];
    jest.spyOn(logger, 'info').mockImplementation((m: unknown) => void info.push(String(m)));
    jest.spyOn(logger, 'warn').mockImplementation((m: unknown) => void warnings.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  test('resolves the conflict, renumbers theirs through the Tree, removes the old script names and warns', async () => {
    const tree: Tree = createTreeWithEmptyWorkspace();
    for (const [file, content] of Object.entries(files())) tree.write(file, content);
    await rebaseGenerator(tree, { project: 'db' });
    const plan = parsePlan(tree.read(`${migrations}/sqitch.plan`, 'utf8')!, 'sqitch.plan');
    expect(plan.changes.map((c) => [c.name, c.tags.map((t) => t.name), c.requires.map((d) => d.change)])).toEqual([
      ['0000000001-initial', [], []],
      ['0000000002-price', [], []],
      ['0000000003-tags', ['v1'], []],
      ['0000000004-tag-items', [], ['0000000003-tags']],
    ]);
    for (const kind of ['deploy', 'revert', 'verify']) {
      expect(tree.exists(`${migrations}/${kind}/0000000002-tags.sql`)).toBe(false);
      expect(tree.exists(`${migrations}/${kind}/0000000003-tag-items.sql`)).toBe(false);
      expect(tree.read(`${migrations}/${kind}/0000000003-tags.sql`, 'utf8')).toBe(`-- ${kind} 0000000002-tags\nSELECT 1;\n`);
      expect(tree.read(`${migrations}/${kind}/0000000004-tag-items.sql`, 'utf8')).toBe(`-- ${kind} 0000000003-tag-items\nSELECT 1;\n`);
    }
    expect(info).toContain('Resolved the git conflict at sqitch.plan:5: kept both sides, ours then theirs');
    expect(info).toContain('Renamed "0000000002-tags" to "0000000003-tags" (deploy/, revert/, verify/ and the plan line)');
    expect(warnings.join('\n')).toMatch(/^warning: "0000000003-tags" \(was "0000000002-tags"\) is kept as written/m);
    expect(warnings.join('\n')).toMatch(/^warning: "0000000002-tags" is now "0000000003-tags", a new Sqitch change .*must revert it/m);
  });

  test('writes only through the Tree: without a flush (--dry-run) the disk keeps the merged plan and the old names', async () => {
    const root = tempWorkspace(files());
    try {
      const tree = new FsTree(root, false);
      await rebaseGenerator(tree, { project: 'db' });
      const changed = tree.listChanges().map((c) => `${c.type} ${c.path}`);
      expect(changed).toContain(`DELETE ${migrations}/deploy/0000000002-tags.sql`);
      expect(changed).toContain(`CREATE ${migrations}/deploy/0000000004-tag-items.sql`);
      expect(readFileSync(path.join(root, migrations, 'sqitch.plan'), 'utf8')).toBe(mergedPlan);
      expect(existsSync(path.join(root, migrations, 'deploy/0000000003-tags.sql'))).toBe(false);
    } finally {
      removeWorkspace(root);
    }
  });

  test('a conflict both branches edited is an error naming sqitch.plan and its line; the Tree is untouched', async () => {
    const tree: Tree = createTreeWithEmptyWorkspace();
    const bad = mergedPlan.replace('>>>>>>> tags\n', `${line('0000000002-price')}>>>>>>> tags\n`);
    for (const [file, content] of Object.entries({ ...files(), [`${migrations}/sqitch.plan`]: bad })) tree.write(file, content);
    const before = tree.listChanges().length;
    await expect(rebaseGenerator(tree, { project: 'db' })).rejects.toThrow(
      /db\/db\/migrations\/sqitch\.plan:12: the git conflict opened at line 5 cannot be resolved by keeping both sides: both branches wrote change "0000000002-price" \(line 6 on our side, line 12 on theirs\)/,
    );
    expect(tree.listChanges().length).toBe(before);
    expect(tree.read(`${migrations}/sqitch.plan`, 'utf8')).toBe(bad);
  });
});
