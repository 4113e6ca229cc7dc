import { readFileSync } from 'fs';
import * as path from 'path';
import { findPgtapScript, NOT_FOUND_MESSAGE } from '@pgshift/pgtap';
import { describeWith, type Component } from '@pgshift/test-support';
import testExecutor from './executor';
import { captured, executorContext } from '../../test-utils/executor-context';
import { copyTodo, removeWorkspace, tempWorkspace, writeFiles } from '../../test-utils/workspace';

jest.setTimeout(600_000);

const pgtap: Component = { name: 'pgTAP', missing: findPgtapScript() ? undefined : NOT_FOUND_MESSAGE };

describe('test executor options', () => {
  test('the junit reporter without outputFile is refused, naming the option', async () => {
    const run = await captured(() => testExecutor({ reporter: 'junit' }, executorContext('/nonexistent', 'db', 'db')));
    expect(run.result).toEqual({ success: false });
    expect(run.errors).toMatch(/"outputFile".*\[OPTION\]/);
  });
});

describeWith([pgtap], 'test executor on a copy of examples/todo (pglite)', () => {
  let root: string;
  beforeAll(() => {
    root = tempWorkspace();
    copyTodo(root);
  });
  afterAll(() => removeWorkspace(root));

  test("runs the example's pgTAP files, prints PASS per file and writes a JUnit report", async () => {
    const run = await captured(() => testExecutor({ reporter: 'junit', outputFile: 'reports/db.xml' }, executorContext(root, 'db', 'db')));
    expect(run.errors).toBe('');
    expect(run.result).toEqual({ success: true });
    expect(run.stdout).toMatch(/PASS .*tests\/db\/structure\.sql/);
    const xml = readFileSync(path.join(root, 'reports/db.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="db"/);
    expect(xml).not.toMatch(/<failure/);
  });

  test('a failing assertion fails the run', async () => {
    writeFiles(root, { 'db/tests/db/broken.sql': "begin;\nselect plan(1);\nselect has_table('data', 'nope', 'there is no such table');\nselect * from finish();\nrollback;\n" });
    const run = await captured(() => testExecutor({}, executorContext(root, 'db', 'db')));
    expect(run.result).toEqual({ success: false });
    expect(run.stdout).toMatch(/FAIL .*broken\.sql/);
  });
});
