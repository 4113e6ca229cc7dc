import { readdirSync } from 'fs';
import * as path from 'path';
import type { CreateNodesContext, CreateNodesResult } from '@nx/devkit';
import { createNodes } from './create-nodes';
import type { PgshiftPluginOptions } from './options';
import { removeWorkspace, tempWorkspace } from '../test-utils/workspace';

const [glob, create] = createNodes;

async function infer(root: string, files: string[], options?: PgshiftPluginOptions, nxJson: CreateNodesContext['nxJsonConfiguration'] = {}) {
  const context: CreateNodesContext = { workspaceRoot: root, nxJsonConfiguration: nxJson };
  const results = await create(files, options, context);
  const projects: Record<string, NonNullable<CreateNodesResult['projects']>[string]> = {};
  for (const [, result] of results) Object.assign(projects, result.projects ?? {});
  return projects;
}

const layout = {
  'db/project.json': '{"name":"db"}',
  'db/pgshift.json': '{"source":"db/src/init.sql","migrations":"db/migrations","tests":["tests/db/**/*.sql"]}',
  'db/.env': 'A=1\n',
  'db/db/src/init.sql': '\\ir app.sql\n',
  'db/db/migrations/sqitch.plan': '%project=db\n',
  'legacy/package.json': '{"name":"legacy"}',
  'legacy/sql/migrations/sqitch.plan': '%project=legacy\n',
};

describe('createNodes', () => {
  let root: string;
  beforeEach(() => {
    root = tempWorkspace(layout);
  });
  afterEach(() => removeWorkspace(root));

  test('is keyed on pgshift.json and sqitch.plan files', () => {
    expect(glob).toBe('**/{pgshift.json,sqitch.plan}');
  });

  test('a pgshift.json gives its folder the seven targets, with exactly the SQL, migrations, tests, env and pgshift inputs', async () => {
    const projects = await infer(root, ['db/pgshift.json']);
    const db = projects['db']!;
    expect(db.name).toBeUndefined();
    expect(Object.keys(db.targets ?? {})).toEqual(['diff', 'test', 'deploy', 'revert', 'verify', 'status', 'dev']);
    const diff = db.targets!['diff']!;
    expect(diff.executor).toBe('pgshift:diff');
    expect(diff.cache).toBe(true);
    expect(diff.inputs).toEqual(['{projectRoot}/db/src/**/*.sql', '{projectRoot}/db/migrations/**/*', '{projectRoot}/.env', { externalDependencies: ['pgshift'] }, { env: 'PGSHIFT_ENGINE' }]);
    expect(db.targets!['test']!.inputs).toEqual(['{projectRoot}/db/src/**/*.sql', '{projectRoot}/tests/db/**/*.sql', '{projectRoot}/.env', { externalDependencies: ['pgshift'] }, { env: 'PGSHIFT_ENGINE' }]);
    expect(db.targets!['test']!.outputs).toEqual(['{options.outputFile}']);
    for (const name of ['deploy', 'revert', 'verify', 'status', 'dev']) {
      expect(db.targets![name]!.cache).toBe(false);
      expect(db.targets![name]!.inputs).toBeUndefined();
    }
    expect(diff.options).toMatchObject({ dir: 'db', source: 'db/src/init.sql', migrations: 'db/migrations', envFile: '.env', engine: 'pglite' });
    expect(diff.metadata).toMatchObject({ technologies: ['pgshift', 'postgresql'], description: expect.stringContaining('migrations lag the source') });
    expect(diff.metadata?.help?.command).toMatch(/pgshift diff --help$/);
  });

  test('the dev target is continuous, uncached, ready on a signal, and takes the source options only', async () => {
    const dev = (await infer(root, ['db/pgshift.json']))['db']!.targets!['dev']!;
    expect(dev).toMatchObject({ executor: 'pgshift:dev', continuous: true, cache: false, readyWhen: { signal: true } });
    expect(dev.options).toEqual({ dir: 'db', source: 'db/src/init.sql', envFile: '.env', engine: 'pglite' });
    expect(dev.metadata?.help?.command).toMatch(/pgshift dev --help$/);
  });

  test('a sqitch.plan goes to the nearest project folder above its own folder, never to the migrations folder', async () => {
    const projects = await infer(root, ['db/db/migrations/sqitch.plan', 'legacy/sql/migrations/sqitch.plan']);
    // db has a pgshift.json, which describes it: its plan adds nothing.
    expect(Object.keys(projects)).toEqual(['legacy']);
    expect(projects['legacy']!.targets!['diff']!.options).toMatchObject({ dir: 'legacy', migrations: 'sql/migrations' });
    expect(projects['legacy']!.targets!['diff']!.inputs).toContain('{projectRoot}/sql/migrations/**/*');
  });

  test('a plan under db/db/migrations belongs to project db at db/', async () => {
    removeWorkspace(path.join(root, 'db/pgshift.json'));
    const projects = await infer(root, ['db/db/migrations/sqitch.plan']);
    expect(Object.keys(projects)).toEqual(['db']);
    expect(projects['db']!.targets!['diff']!.options).toMatchObject({ dir: 'db', migrations: 'db/migrations' });
  });

  test('a folder with only a pgshift.json becomes a project named after it', async () => {
    const projects = await infer(tempWorkspaceWith(root, { 'tools/schema/pgshift.json': '{}' }), ['tools/schema/pgshift.json']);
    expect(projects['tools/schema']!.name).toBe('schema');
  });

  test('the globs and the target names come from the plugin options', async () => {
    const projects = await infer(root, ['db/pgshift.json', 'legacy/sql/migrations/sqitch.plan'], {
      planGlobs: ['apps/**/sqitch.plan'],
      diffTargetName: 'db-diff',
      testTargetName: 'pgtap',
      devTargetName: 'db-dev',
    });
    expect(Object.keys(projects)).toEqual(['db']);
    expect(Object.keys(projects['db']!.targets!)).toEqual(['db-diff', 'pgtap', 'deploy', 'revert', 'verify', 'status', 'db-dev']);
  });

  test('SQL included from other projects counts when nx.json defines the sql named input', async () => {
    const projects = await infer(root, ['db/pgshift.json'], undefined, { namedInputs: { sql: ['{projectRoot}/**/*.sql'] } });
    expect(projects['db']!.targets!['diff']!.inputs).toContain('^sql');
  });

  test('computed targets are cached by content hash and recomputed when pgshift.json changes', async () => {
    await infer(root, ['db/pgshift.json']);
    const cacheFiles = readdirSync(path.join(root, '.nx/workspace-data')).filter((f) => f.startsWith('pgshift-'));
    expect(cacheFiles).toHaveLength(1);
    tempWorkspaceWith(root, { 'db/pgshift.json': '{"source":"sql/main.sql","migrations":"migrations","tests":["t/*.sql"]}' });
    const projects = await infer(root, ['db/pgshift.json']);
    expect(projects['db']!.targets!['diff']!.inputs).toEqual(['{projectRoot}/sql/**/*.sql', '{projectRoot}/migrations/**/*', '{projectRoot}/.env', { externalDependencies: ['pgshift'] }, { env: 'PGSHIFT_ENGINE' }]);
  });

  test('an invalid pgshift.json is reported against that file', async () => {
    tempWorkspaceWith(root, { 'db/pgshift.json': '{"sources":"x.sql"}' });
    const failure = await infer(root, ['db/pgshift.json']).then(
      () => undefined,
      (error: { errors?: [string, Error][] }) => error,
    );
    expect(failure?.errors).toHaveLength(1);
    expect(failure!.errors![0]![0]).toBe('db/pgshift.json');
    expect(failure!.errors![0]![1].message).toMatch(/unknown key "sources"/);
  });
});

function tempWorkspaceWith(root: string, files: Record<string, string>): string {
  const { writeFiles } = require('../test-utils/workspace') as typeof import('../test-utils/workspace');
  writeFiles(root, files);
  return root;
}
