import { cpSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { firstDifference } from '@pgshift/proof';
import { describeWith, pgDump, postgresServer, repoRoot, serverUrl, sqitchCli } from '@pgshift/test-support';
import { execFileSync } from 'child_process';
import {
  addMigration,
  deploy,
  initMigrations,
  liveModel,
  loadProject,
  projectPaths,
  revert,
  sourceModel,
  status,
  verify,
  withEngine,
} from '../src';
import { planner, scratchDatabase, sqitch, tempDir } from './helpers';

/**
 * The whole story on the example project, as a team lives it: init, a data migration with COPY,
 * a view change, deploy to PostgreSQL 15, verify, revert to the initial change, redeploy — and the
 * real sqitch agrees about the result.
 */
describeWith([postgresServer, sqitchCli, pgDump], 'migrations story on examples/todo', () => {
  jest.setTimeout(300_000);

  test('init → data migration → view change → deploy → verify → revert → redeploy', async () => {
    const dir = path.join(tempDir('pgshift-story-'), 'todo');
    cpSync(path.join(repoRoot, 'examples', 'todo'), dir, { recursive: true });
    const project = loadProject(dir);
    const paths = projectPaths(project);
    const messages: string[] = [];
    const common = { planner, onMessage: (m: string) => messages.push(m) };

    await initMigrations(project, common);
    expect(messages).toEqual(expect.arrayContaining(['Created deploy/0000000001-initial.sql', 'Added "0000000001-initial" to sqitch.plan']));

    await addMigration(project, 'initial-data', { ...common, noDiff: true, note: 'initial dataset' });
    const data = path.join(paths.migrations, 'deploy', '0000000002-initial-data.sql');
    writeFileSync(
      data,
      readFileSync(data, 'utf8').replace(
        /-- COPY[\s\S]*?-- \\\.\n/,
        'COPY data.users (id, name, email, password, role) FROM stdin;\n1\talice\talice@email.com\tpass\twebuser\n\\.\n' +
          "SELECT setval('data.users_id_seq', 1);\n",
      ),
    );
    writeFileSync(path.join(paths.migrations, 'revert', '0000000002-initial-data.sql'), 'BEGIN;\nDELETE FROM data.users;\nCOMMIT;\n');
    writeFileSync(path.join(paths.migrations, 'verify', '0000000002-initial-data.sql'), "SELECT 1 / count(*) FROM data.users WHERE email = 'alice@email.com';\n");

    const view = path.join(dir, 'db', 'src', 'api', 'todos.sql');
    writeFileSync(view, readFileSync(view, 'utf8').replace('as mine', 'as mine, length(todo) as todo_length, created_at::date as created_on'));
    messages.length = 0;
    await addMigration(project, 'todos-computed-columns', { ...common, note: 'todos view gains computed columns' });
    const deployView = readFileSync(path.join(paths.migrations, 'deploy', '0000000003-todos-computed-columns.sql'), 'utf8');
    expect(deployView).toMatch(/VIEW "api"\."todos"/);
    const revertView = readFileSync(path.join(paths.migrations, 'revert', '0000000003-todos-computed-columns.sql'), 'utf8');
    expect(revertView).toContain('DROP VIEW "api"."todos"');
    expect(revertView).toContain('ALTER VIEW "api"."todos" OWNER TO "api"');
    expect(revertView).toContain('TO "webuser"');

    // What the source alone produces on this server: the deployed database must equal it.
    const expected = await withEngine({ engine: 'server', url: serverUrl() }, (engine) =>
      sourceModel(engine, paths.source, { envFile: paths.envFile, baseDir: dir }),
    );

    const db = await scratchDatabase();
    try {
      const target = { target: db.url, planFile: paths.planFile, identity: planner };
      await deploy({ ...target, to: '0000000001-initial' });
      const initialDump = dump(db.url);
      await deploy(target);
      expect(firstDifference(await liveModel(db.url), expected)).toBeUndefined();
      expect((await verify(target)).changes.filter((c) => !c.ok)).toEqual([]);

      await revert({ ...target, to: '0000000001-initial' });
      expect(dump(db.url)).toBe(initialDump);
      expect((await status(target)).undeployed).toEqual(['0000000002-initial-data', '0000000003-todos-computed-columns']);

      await deploy(target);
      expect((await status(target)).upToDate).toBe(true);
      const sqitchStatus = sqitch(paths.migrations, ['status', '--target', `db:${db.url.replace(/^postgres(ql)?:/, 'pg:')}`]);
      expect(sqitchStatus).toContain('Nothing to deploy (up-to-date)');
      expect(sqitchStatus).toContain('0000000003-todos-computed-columns');
    } finally {
      await db.drop();
    }
  });
});

function dump(url: string): string {
  return execFileSync('pg_dump', ['--schema-only', '-d', url], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => !/^\\(un)?restrict /.test(l))
    .join('\n');
}
