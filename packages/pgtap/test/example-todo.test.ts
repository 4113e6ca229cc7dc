import { existsSync } from 'fs';
import * as path from 'path';
import { createEngine, type Database, type Engine } from '@pgshift/engines';
import { describeWith, docker, dockerImage, postgresServer, repoRoot, serverUrl, type Component } from '@pgshift/test-support';
import { discoverTests, runTests, type TestRun } from '../src/runner';
import { findPgtapScript, NOT_FOUND_MESSAGE } from '../src/pgtap-install';
import { formatRun } from '../src/reporters/terminal';

jest.setTimeout(600_000);

const todo = path.join(repoRoot, 'examples/todo');
const globs: string[] = existsSync(path.join(todo, 'pgshift.json')) ? require(path.join(todo, 'pgshift.json')).tests : undefined;
const pgtap: Component = { name: 'pgTAP', missing: findPgtapScript() ? undefined : NOT_FOUND_MESSAGE };
const example: Component = {
  name: 'examples/todo tests',
  missing: existsSync(todo) && discoverTests(todo, globs).length > 0 ? undefined : `no pgTAP tests under ${todo}`,
};

const load = (db: Database) => db.runScript(path.join(todo, 'db/src/init.sql'), { baseDir: todo, envFile: path.join(todo, '.env') });

async function runExample(make: () => Promise<Engine>, parallel?: number): Promise<TestRun> {
  const engine = await make();
  try {
    return await runTests({ engine, load, files: discoverTests(todo, globs), baseDir: todo, ...(parallel ? { parallel } : {}) });
  } finally {
    await engine.dispose();
  }
}

function expectAllPass(run: TestRun): void {
  if (!run.success) throw new Error(`the example's pgTAP tests failed:\n${formatRun(run, { verbose: false })}`);
  expect(run.tests.failed).toBe(0);
  expect(run.tests.total).toBeGreaterThan(0);
}

describeWith([example, pgtap], 'the example project (examples/todo) on pglite', () => {
  test('its pgTAP tests pass', async () => {
    const run = await runExample(() => createEngine({ engine: 'pglite' }));
    expectAllPass(run);
    process.stdout.write(`examples/todo on pglite: ${run.tests.total} tests in ${run.files.length} files, ${run.durationMs} ms\n`);
  });
});

describeWith([example, postgresServer], 'the example project (examples/todo) on a PostgreSQL server', () => {
  test('its pgTAP tests pass, files in parallel', async () => {
    const run = await runExample(() => createEngine({ engine: 'server', url: serverUrl() }), 2);
    expectAllPass(run);
    process.stdout.write(`examples/todo on server: ${run.tests.total} tests in ${run.files.length} files, ${run.durationMs} ms\n`);
  });
});

describeWith([example, docker], 'the example project (examples/todo) on the docker engine', () => {
  test('its pgTAP tests pass, with pgTAP from the image as an extension, files in parallel', async () => {
    const run = await runExample(() => createEngine({ engine: 'docker', image: dockerImage(), network: 'host', pull: 'never' }), 2);
    expectAllPass(run);
    expect(run.pgtap).toEqual({ method: 'extension' });
    process.stdout.write(`examples/todo on docker: ${run.tests.total} tests in ${run.files.length} files, ${run.durationMs} ms\n`);
  });
});
