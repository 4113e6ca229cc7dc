import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { addMigration, initMigrations, loadProject, projectPaths } from '../src';
import { planner, tempDir } from './helpers';

/** migrations init / add on the embedded engine, on a small project of its own. */
describe('migrations init and add', () => {
  jest.setTimeout(180_000);
  const dir = tempDir('pgshift-migrations-');
  const source = path.join(dir, 'db', 'src', 'init.sql');
  const write = (sql: string) => {
    mkdirSync(path.dirname(source), { recursive: true });
    writeFileSync(source, sql);
  };
  const project = () => loadProject(dir, { project: 'shop' });
  const paths = () => projectPaths(project());
  const files = () => ['deploy', 'revert', 'verify'].flatMap((k) => (existsSync(path.join(paths().migrations, k)) ? readdirSync(path.join(paths().migrations, k)).map((f) => `${k}/${f}`) : [])).sort();

  test('init writes the whole source state as 0000000001-initial and says so as sqitch does', async () => {
    write('create schema shop;\ncreate table shop.items (id int primary key, name text not null, price numeric);\n');
    const lines: string[] = [];
    await initMigrations(project(), { planner, onMessage: (l) => lines.push(l) });
    expect(lines).toEqual([
      'Created sqitch.conf',
      'Created deploy/0000000001-initial.sql',
      'Created revert/0000000001-initial.sql',
      'Created verify/0000000001-initial.sql',
      'Added "0000000001-initial" to sqitch.plan',
    ]);
    const deploy = readFileSync(path.join(paths().migrations, 'deploy', '0000000001-initial.sql'), 'utf8');
    expect(deploy).toMatch(/^-- Deploy shop:0000000001-initial to pg\n/);
    expect(deploy).toContain('CREATE TABLE "shop"."items"');
    expect(readFileSync(paths().planFile, 'utf8')).toMatch(/^%syntax-version=1\.0\.0\n%project=shop\n\n0000000001-initial \S+Z Ann Planner <ann@example.com> # Initial schema\n$/);
    await expect(initMigrations(project(), { planner })).rejects.toThrow(/already exists/);
  });

  test('add with nothing to migrate writes nothing and says so', async () => {
    const lines: string[] = [];
    const before = readFileSync(paths().planFile, 'utf8');
    const written = await addMigration(project(), 'noop', { planner, onMessage: (l) => lines.push(l) });
    expect(written.changes).toEqual([]);
    expect(lines.join('\n')).toMatch(/No changes/);
    expect(readFileSync(paths().planFile, 'utf8')).toBe(before);
  });

  test('a migration that loses data is refused unless allowed, and nothing is written', async () => {
    write('create schema shop;\ncreate table shop.items (id int primary key, name text not null);\n');
    const before = readFileSync(paths().planFile, 'utf8');
    const filesBefore = files();
    await expect(addMigration(project(), 'drop-price', { planner })).rejects.toThrow(/data-loss.*--allow-hazards data-loss/s);
    expect(readFileSync(paths().planFile, 'utf8')).toBe(before);
    expect(files()).toEqual(filesBefore);
    const written = await addMigration(project(), 'drop-price', { planner, allowHazards: ['data-loss'], note: 'price goes' });
    expect(written.changes).toEqual(['0000000002-drop-price']);
    const deploy = readFileSync(path.join(paths().migrations, 'deploy', '0000000002-drop-price.sql'), 'utf8');
    expect(deploy).toMatch(/-- Hazards:\n--   data-loss: /);
    expect(deploy).toMatch(/BEGIN;[\s\S]*DROP COLUMN "price"[\s\S]*COMMIT;\n$/);
    const revert = readFileSync(path.join(paths().migrations, 'revert', '0000000002-drop-price.sql'), 'utf8');
    expect(revert).toContain('ADD COLUMN "price" numeric');
    expect(readFileSync(paths().planFile, 'utf8')).toContain('0000000002-drop-price');
  });

  test('--no-diff writes empty scripts for a hand-written data migration', async () => {
    const written = await addMigration(project(), 'seed', { planner, noDiff: true, note: 'seed data' });
    expect(written.changes).toEqual(['0000000003-seed']);
    expect(readFileSync(path.join(paths().migrations, 'deploy', '0000000003-seed.sql'), 'utf8')).toMatch(/BEGIN;[\s\S]*COPY[\s\S]*COMMIT;/);
  });
});
