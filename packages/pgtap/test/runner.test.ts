import * as path from 'path';
import { createEngine, type Engine } from '@pgshift/engines';
import { describeWith, postgresServer, serverUrl, type Component } from '@pgshift/test-support';
import { discoverTests, runTests, type TestRun } from '../src/runner';
import { findPgtapScript, NOT_FOUND_MESSAGE } from '../src/pgtap-install';
import { formatRun } from '../src/reporters/terminal';
import type { FileResult } from '../src/types';

jest.setTimeout(300_000);

const shop = path.join(__dirname, 'fixtures/shop');
const pgtapScript: Component = { name: 'pgTAP', missing: findPgtapScript() ? undefined : NOT_FOUND_MESSAGE };

const isolation = path.join(__dirname, 'fixtures/isolation');

const loadShop = (db: import('@pgshift/engines').Database) => db.runScript(path.join(shop, 'db/init.sql'), { baseDir: shop });

function byName(run: TestRun): Record<string, FileResult> {
  return Object.fromEntries(run.files.map((f) => [path.basename(f.file, '.sql'), f]));
}

/** What every engine must report for the shop fixture. */
function expectShopReport(run: TestRun): void {
  const f = byName(run);
  expect(run.files.map((x) => x.file)).toEqual(discoverTests(shop));

  expect(f.passing).toMatchObject({ passed: true, plan: { count: 4 } });
  expect(f.passing.assertions.every((a) => a.ok)).toBe(true);

  expect(f.failing.passed).toBe(false);
  expect(f.failing.assertions.map((a) => a.ok)).toEqual([true, false, true]);
  expect(f.failing.assertions[1].diagnostics).toEqual(['Failed test 2: "total is 99"', '        have: 13.50', '        want: 99']);
  expect(f.failing.planMismatch).toBeUndefined();

  expect(f.sql_error.passed).toBe(false);
  expect(f.sql_error.assertions).toHaveLength(1);
  expect(f.sql_error.errorLocation).toEqual({ file: 'tests/db/sql_error.sql', line: 7, column: 25 });
  expect(f.sql_error.error).toMatch(/^tests\/db\/sql_error\.sql:7:25: ERROR: relation "shop\.nope" does not exist/);
  expect(f.sql_error.planMismatch).toBe('planned 3 tests but ran 1');

  expect(f.plan_mismatch).toMatchObject({ passed: false, planMismatch: 'planned 3 tests but ran 2' });
  expect(f.plan_mismatch.comments).toEqual(['Looks like you planned 3 tests but ran 2']);

  expect(f.no_plan).toMatchObject({ passed: true, plan: { count: 4 } });
  expect(f.no_plan.assertions.map((a) => a.directive?.kind)).toEqual([undefined, undefined, 'skip', 'todo']);

  expect(f.bail_out).toMatchObject({ passed: false, bailedOut: 'the shop schema is not usable' });
  expect(f.bail_out.assertions).toHaveLength(1);

  expect(run.tests).toEqual({ passed: 12, failed: 1, skipped: 1, todo: 1, total: 15 });
  expect(run.filesFailed).toBe(4);
  expect(run.success).toBe(false);
  expect(formatRun(run)).toContain('Tests: 1 failed, 1 skipped, 1 todo, 12 passed, 15 total');
}

async function withEngine<T>(make: () => Promise<Engine>, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await make();
  try {
    return await fn(engine);
  } finally {
    await engine.dispose();
  }
}

/** The template is loaded once, and what one file commits never reaches the next file's database. */
async function expectIsolatedCopiesOfOneLoad(make: () => Promise<Engine>): Promise<void> {
  let loads = 0;
  const load = async (db: import('@pgshift/engines').Database) => {
    loads++;
    await db.runScript(path.join(isolation, 'db/init.sql'));
  };
  const files = discoverTests(isolation);
  expect(files).toEqual(['tests/db/a_commits.sql', 'tests/db/b_reads.sql']);
  const run = await withEngine(make, (engine) => runTests({ engine, load, files, baseDir: isolation }));
  if (!run.success) throw new Error(formatRun(run));
  expect(run.tests.passed).toBe(4);
  expect(loads).toBe(1);
}

describeWith([pgtapScript], 'runTests on pglite', () => {
  test('each file runs in its own copy of a template loaded once', async () => {
    await expectIsolatedCopiesOfOneLoad(() => createEngine({ engine: 'pglite' }));
  });

  test('reports passing, failing, erroring, mismatched and bailing files as the TAP says', async () => {
    const done: string[] = [];
    const run = await withEngine(
      () => createEngine({ engine: 'pglite' }),
      (engine) => runTests({ engine, load: loadShop, files: discoverTests(shop), baseDir: shop, onFileDone: (r) => done.push(r.file) }),
    );
    expect(run.pgtap.method).toBe('script');
    expect(done).toHaveLength(6);
    expectShopReport(run);
    process.stdout.write(`pglite: template ${run.templateMs} ms, total ${run.durationMs} ms\n`);
  });

  test('a passing file alone makes a successful run', async () => {
    const run = await withEngine(
      () => createEngine({ engine: 'pglite' }),
      (engine) => runTests({ engine, load: loadShop, files: ['tests/db/passing.sql'], baseDir: shop }),
    );
    expect(run.success).toBe(true);
    expect(run.tests).toEqual({ passed: 4, failed: 0, skipped: 0, todo: 0, total: 4 });
  });

  test('without pgTAP anywhere the run stops with the one clear error', async () => {
    await expect(
      withEngine(
        () => createEngine({ engine: 'pglite' }),
        (engine) => runTests({ engine, load: loadShop, files: ['tests/db/passing.sql'], baseDir: shop, pgtapSearchDirs: [] }),
      ),
    ).rejects.toMatchObject({ code: 'PGTAP_NOT_FOUND', message: NOT_FOUND_MESSAGE });
  });
});

describeWith([postgresServer], 'runTests on a PostgreSQL server', () => {
  test('each file runs in its own copy of a template loaded once', async () => {
    await expectIsolatedCopiesOfOneLoad(() => createEngine({ engine: 'server', url: serverUrl() }));
  });

  test('reports the same as pglite, with files in parallel copies of one template', async () => {
    const run = await withEngine(
      () => createEngine({ engine: 'server', url: serverUrl() }),
      (engine) => runTests({ engine, load: loadShop, files: discoverTests(shop), baseDir: shop, parallel: 3 }),
    );
    expectShopReport(run);
    process.stdout.write(`server: pgtap ${run.pgtap.method}, template ${run.templateMs} ms, total ${run.durationMs} ms\n`);
  });

  test('leaves no test database behind', async () => {
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    try {
      const count = async () => (await admin.query<{ n: string }>("select count(*) as n from pg_database where datname like 'pgshift\\_tmp\\_' || $1 || '\\_%'", [String(process.pid)])).rows[0].n;
      const before = await count();
      await withEngine(
        () => createEngine({ engine: 'server', url: serverUrl() }),
        (engine) => runTests({ engine, load: loadShop, files: ['tests/db/passing.sql', 'tests/db/sql_error.sql'], baseDir: shop, parallel: 2 }),
      );
      expect(await count()).toBe(before);
    } finally {
      await admin.end();
    }
  });
});
