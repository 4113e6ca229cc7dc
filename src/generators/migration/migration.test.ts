import { existsSync, readdirSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree } from 'nx/src/generators/tree';
import { parsePlan } from '@pgshift/sqitch';
import { migrationsInitGenerator } from '../migrations-init/migrations-init';
import { dataMigrationGenerator } from '../data-migration/data-migration';
import { migrationGenerator } from './migration';
import { tagGenerator } from '../tag/tag';
import { viewEdit, writeTodoToTree } from '../../test-utils/tree';
import { copyTodo, removeWorkspace, tempWorkspace } from '../../test-utils/workspace';

jest.setTimeout(300_000);

const planOf = (tree: Tree) => parsePlan(tree.read('db/db/migrations/sqitch.plan', 'utf8')!, 'sqitch.plan');
const scratch = path.join(os.tmpdir(), 'pgshift-nx-tree');

describe('migration generators on the todo example (pglite)', () => {
  let tree: Tree;
  let lines: string[];
  beforeAll(() => {
    tree = createTreeWithEmptyWorkspace();
    writeTodoToTree(tree);
  });
  beforeEach(() => {
    lines = [];
    jest.spyOn(logger, 'info').mockImplementation((line: unknown) => void lines.push(String(line)));
  });
  afterEach(() => jest.restoreAllMocks());

  test('migrations-init writes sqitch.conf, the plan and the initial change through the Tree and prints what it created', async () => {
    await migrationsInitGenerator(tree, { project: 'db' });
    expect(planOf(tree).changes.map((c) => c.name)).toEqual(['0000000001-initial']);
    expect(tree.exists('db/db/migrations/sqitch.conf')).toBe(true);
    expect(tree.read('db/db/migrations/deploy/0000000001-initial.sql', 'utf8')).toMatch(/CREATE VIEW "api"\."todos"/);
    expect(tree.exists('db/db/migrations/revert/0000000001-initial.sql')).toBe(true);
    expect(tree.exists('db/db/migrations/verify/0000000001-initial.sql')).toBe(true);
    expect(lines).toContain('Created deploy/0000000001-initial.sql');
    expect(lines).toContain('Added "0000000001-initial" to sqitch.plan');
  });

  test('migration writes the diff of an edited view as the next change, with its note', async () => {
    tree.write('db/db/src/api/todos.sql', viewEdit(tree.read('db/db/src/api/todos.sql', 'utf8')!));
    await migrationGenerator(tree, { project: 'db', name: 'todos-created-at', note: 'show created_at' });
    const plan = planOf(tree);
    expect(plan.changes.map((c) => c.name)).toEqual(['0000000001-initial', '0000000002-todos-created-at']);
    expect(plan.changes[1]!.note).toBe('show created_at');
    const deploy = tree.read('db/db/migrations/deploy/0000000002-todos-created-at.sql', 'utf8')!;
    expect(deploy).toMatch(/created_at/);
    expect(deploy).toMatch(/CREATE VIEW "api"\."todos"/);
  });

  test('migration with nothing to write says so and leaves the plan as it was', async () => {
    const before = tree.read('db/db/migrations/sqitch.plan', 'utf8');
    await migrationGenerator(tree, { project: 'db', name: 'nothing' });
    expect(tree.read('db/db/migrations/sqitch.plan', 'utf8')).toBe(before);
    expect(lines).toContain('No changes: the migrations already produce the source state; nothing written.');
  });

  test('data-migration writes empty scripts with a COPY template and no diff', async () => {
    await dataMigrationGenerator(tree, { project: 'db', name: 'seed', note: 'initial data' });
    expect(planOf(tree).changes.map((c) => c.name).at(-1)).toBe('0000000003-seed');
    expect(tree.read('db/db/migrations/deploy/0000000003-seed.sql', 'utf8')).toMatch(/-- COPY schema\.table/);
  });

  test('tag appends @NAME after the last change, as sqitch tag does, and refuses a second tag on it', async () => {
    await tagGenerator(tree, { project: 'db', name: 'v1.0.0', note: 'First release' });
    const plan = planOf(tree);
    const last = plan.changes[plan.changes.length - 1]!;
    expect(last.tags.map((t) => [t.name, t.note])).toEqual([['v1.0.0', 'First release']]);
    expect(lines).toContain(`Tagged "${last.name}" with @v1.0.0`);
    await expect(tagGenerator(tree, { project: 'db', name: 'v1.0.1' })).rejects.toThrow(/already tagged @v1\.0\.0/);
  });

  test('an unknown --project is an error that names the option', async () => {
    await expect(migrationGenerator(tree, { project: 'nope', name: 'x' })).rejects.toThrow(/no Nx project named "nope" \(option --project\)/);
  });

  test('nothing is left in the scratch folder', () => {
    expect(existsSync(scratch) ? readdirSync(scratch) : []).toEqual([]);
  });
});

describe('migration generators on a workspace on disk', () => {
  test('write only through the Tree: without a flush (--dry-run) the disk keeps no migrations', async () => {
    const root = tempWorkspace();
    try {
      copyTodo(root);
      const tree = new FsTree(root, false);
      jest.spyOn(logger, 'info').mockImplementation(() => undefined);
      await migrationsInitGenerator(tree, { project: 'db' });
      expect(tree.listChanges().map((c) => c.path)).toContain('db/db/migrations/sqitch.plan');
      expect(existsSync(path.join(root, 'db/db/migrations'))).toBe(false);
    } finally {
      jest.restoreAllMocks();
      removeWorkspace(root);
    }
  });
});
