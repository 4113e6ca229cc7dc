import { readNxJson, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parseProjectConfig } from '@pgshift/sqitch';
import { projectGenerator } from './project';

describe('project generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  test('scaffolds the examples/todo layout and registers the plugin', async () => {
    await projectGenerator(tree, { name: 'orders', schema: 'shop', skipFormat: true });
    expect(readProjectConfiguration(tree, 'orders').root).toBe('orders');
    expect(parseProjectConfig(tree.read('orders/pgshift.json', 'utf8')!, 'pgshift.json')).toEqual({
      source: 'db/src/init.sql',
      migrations: 'db/migrations',
      tests: ['tests/db/**/*.sql'],
    });
    expect(tree.read('orders/db/src/init.sql', 'utf8')).toContain('\\ir shop/schema.sql');
    expect(tree.read('orders/db/src/shop/schema.sql', 'utf8')).toContain('create table shop.items');
    expect(tree.read('orders/tests/db/structure.sql', 'utf8')).toContain("has_table('shop', 'items'");
    expect(readNxJson(tree)!.plugins).toContainEqual(expect.objectContaining({ plugin: 'pgshift' }));
  });

  test('refuses a schema name that is not a plain identifier', async () => {
    await expect(projectGenerator(tree, { name: 'orders', schema: 'x; drop', skipFormat: true })).rejects.toThrow(/--schema/);
  });

  test('refuses a folder that already holds a project', async () => {
    await projectGenerator(tree, { name: 'orders', skipFormat: true });
    await expect(projectGenerator(tree, { name: 'orders2', directory: 'orders', skipFormat: true })).rejects.toThrow(/already holds a project/);
  });
});
