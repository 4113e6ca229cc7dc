import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { initMigrations, loadProject } from '@pgshift/sqitch';
import diffExecutor from './executor';
import { captured, executorContext } from '../../test-utils/executor-context';
import { viewEdit } from '../../test-utils/tree';
import { copyTodo, removeWorkspace, tempWorkspace, writeFiles } from '../../test-utils/workspace';

jest.setTimeout(300_000);

const quiet = { onMessage: () => undefined, onEcho: () => undefined };

describe('diff executor on a copy of examples/todo (pglite)', () => {
  let root: string;
  let dir: string;
  beforeAll(() => {
    root = tempWorkspace();
    dir = copyTodo(root);
  });
  afterAll(() => removeWorkspace(root));
  const context = () => executorContext(root, 'db', 'db');

  test('without migrations it prints the whole source as pending SQL and fails, pointing at migrations-init', async () => {
    const run = await captured(() => diffExecutor({}, context()));
    expect(run.result).toEqual({ success: false });
    expect(run.stdout).toMatch(/CREATE TABLE "data"\."todos"/);
    expect(run.errors).toMatch(/The migrations lag the source: \d+ pending changes .*nx g pgshift:migrations-init --project db.*\[PENDING\]/s);
  });

  test('with migrations that produce the source it succeeds and says nothing is pending', async () => {
    await initMigrations(loadProject(dir), quiet);
    const run = await captured(() => diffExecutor({}, context()));
    expect(run.result).toEqual({ success: true });
    expect(run.stdout).toBe('');
    expect(run.info).toMatch(/No pending changes/);
  });

  test('an edited view is pending: the run fails unless allowPending', async () => {
    const file = path.join(dir, 'db/src/api/todos.sql');
    writeFileSync(file, viewEdit(readFileSync(file, 'utf8')));
    const gated = await captured(() => diffExecutor({}, context()));
    expect(gated.result).toEqual({ success: false });
    expect(gated.stdout).toMatch(/created_at/);
    expect(gated.errors).toMatch(/nx g pgshift:migration NAME --project db/);
    const allowed = await captured(() => diffExecutor({ allowPending: true }, context()));
    expect(allowed.result).toEqual({ success: true });
    expect(allowed.stdout).toBe(gated.stdout);
  });
});

describe('diff executor hazards (pglite)', () => {
  test('pending data loss fails even with allowPending, unless the hazard is allowed', async () => {
    const root = tempWorkspace({
      'db/project.json': '{"name":"db"}',
      'db/db/src/init.sql': 'create table public.t (a int, b int);\n',
    });
    try {
      await initMigrations(loadProject(path.join(root, 'db')), quiet);
      writeFiles(root, { 'db/db/src/init.sql': 'create table public.t (a int);\n' });
      const context = executorContext(root, 'db', 'db');
      const refused = await captured(() => diffExecutor({ allowPending: true }, context));
      expect(refused.result).toEqual({ success: false });
      expect(refused.info).toMatch(/hazard: data-loss/);
      expect(refused.errors).toMatch(/--allowHazards=data-loss.*\[HAZARD\]/);
      const allowed = await captured(() => diffExecutor({ allowPending: true, allowHazards: ['data-loss'] }, context));
      expect(allowed.result).toEqual({ success: true });
      expect(allowed.stdout).toMatch(/DROP COLUMN "b"/);
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('diff executor on a plan that a git merge left behind', () => {
  const head = '%syntax-version=1.0.0\n%project=shop\n\n0000000001-initial 2026-01-05T10:00:00Z Ann Planner <ann@example.com> # Initial schema\n';
  const line = (name: string) => `${name} 2026-01-06T10:00:00Z Ann Planner <ann@example.com>\n`;
  const runOn = async (plan: string) => {
    const root = tempWorkspace({ 'db/project.json': '{"name":"db"}', 'db/db/src/init.sql': 'create schema shop;\n', 'db/db/migrations/sqitch.plan': plan });
    try {
      return await captured(() => diffExecutor({ allowPending: true }, executorContext(root, 'db', 'db')));
    } finally {
      removeWorkspace(root);
    }
  };

  test('two changes of one number: one paragraph naming sqitch.plan and the line, and the rebase generator', async () => {
    const run = await runOn(head + line('0000000002-price') + line('0000000002-tags'));
    expect(run.result).toEqual({ success: false });
    expect(run.stdout).toBe('');
    expect(run.errors).toMatch(
      /^\S*db\/db\/migrations\/sqitch\.plan:6: change "0000000002-tags" is numbered 2, as "0000000002-price" \(line 5\) is: two branches each added a migration 2 and git merged both into the plan\. Run `nx g pgshift:rebase --project db` \(outside Nx: `pgshift migrations rebase`\) to renumber .* \[PLAN_MERGE\]$/,
    );
  });

  test('a conflict marker: the same, naming its line', async () => {
    const run = await runOn(`${head}<<<<<<< HEAD\n${line('0000000002-price')}=======\n${line('0000000002-tags')}>>>>>>> tags\n`);
    expect(run.result).toEqual({ success: false });
    expect(run.errors).toMatch(
      /^\S*db\/db\/migrations\/sqitch\.plan:5: git conflict marker "<<<<<<<": the plan holds an unresolved merge of two branches\. Run `nx g pgshift:rebase --project db` \(outside Nx: `pgshift migrations rebase`\) .* \[PLAN_MERGE\]$/,
    );
    expect(run.errors.split('\n')).toHaveLength(1);
  });
});
