import { addProjectConfiguration, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { initGenerator } from './init';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  test('registers the plugin in nx.json with its target names and adds the sql named input', async () => {
    await initGenerator(tree, { skipFormat: true });
    const nxJson = readNxJson(tree)!;
    expect(nxJson.plugins).toContainEqual({
      plugin: 'pgshift',
      options: {
        diffTargetName: 'diff',
        testTargetName: 'test',
        deployTargetName: 'deploy',
        revertTargetName: 'revert',
        verifyTargetName: 'verify',
        statusTargetName: 'status',
        devTargetName: 'dev',
      },
    });
    expect(nxJson.namedInputs?.['sql']).toEqual(['{projectRoot}/**/*.sql']);
  });

  test('picks another name for a target that a database project already has', async () => {
    addProjectConfiguration(tree, 'db', { root: 'db', targets: { test: { command: 'jest' } } });
    tree.write('db/pgshift.json', '{}');
    addProjectConfiguration(tree, 'web', { root: 'web', targets: { deploy: { command: 'echo' } } });
    await initGenerator(tree, { skipFormat: true });
    const entry = readNxJson(tree)!.plugins!.find((p) => typeof p !== 'string' && p.plugin === 'pgshift');
    expect(entry).toMatchObject({ options: { testTargetName: 'pgshift-test', deployTargetName: 'deploy' } });
  });

  test('running it twice leaves one plugin entry and keeps an existing sql named input', async () => {
    const nxJson = readNxJson(tree)!;
    nxJson.namedInputs = { ...nxJson.namedInputs, sql: ['{projectRoot}/sql/**/*'] };
    tree.write('nx.json', JSON.stringify(nxJson));
    await initGenerator(tree, { skipFormat: true });
    await initGenerator(tree, { skipFormat: true });
    const after = readNxJson(tree)!;
    expect(after.plugins!.filter((p) => (typeof p === 'string' ? p : p.plugin) === 'pgshift')).toHaveLength(1);
    expect(after.namedInputs!['sql']).toEqual(['{projectRoot}/sql/**/*']);
  });
});
