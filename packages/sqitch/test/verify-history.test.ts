/**
 * `verify` after a history in which later migrations change what earlier ones created: each
 * generated check that a later change overtook (the same object verified again, its table dropped
 * or created anew) is skipped; every check that still speaks for today's database runs.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { describeWith, postgresServer } from '@pgshift/test-support';
import { addMigration, deploy, initMigrations, loadProject, projectPaths, verify } from '../src';
import { planner, query, scratchDatabase, tempDir } from './helpers';

describeWith([postgresServer], 'verify of a history whose later changes overtake earlier checks (PostgreSQL server)', () => {
  jest.setTimeout(120_000);
  const dir = tempDir('pgshift-verify-history-');
  const write = (sql: string) => {
    mkdirSync(path.join(dir, 'db', 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'db', 'src', 'init.sql'), sql);
  };
  const project = () => loadProject(dir, { project: 'history' });
  let db: Awaited<ReturnType<typeof scratchDatabase>>;

  beforeAll(async () => {
    db = await scratchDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('a column retyped, then its table dropped and another created: every deployed change verifies', async () => {
    write('create table public.items (id int primary key, qty int, note text);\ncreate index items_qty_idx on public.items (qty);\n');
    await initMigrations(project(), { planner });
    write('create table public.items (id int primary key, qty bigint not null, note text);\ncreate index items_qty_idx on public.items (qty);\n');
    await addMigration(project(), 'qty-bigint', { planner, online: false, allowHazards: ['data-loss'] });
    write('create table public.orders (id int primary key);\n');
    await addMigration(project(), 'orders-only', { planner, allowHazards: ['data-loss'] });
    const planFile = projectPaths(project()).planFile;
    await deploy({ target: db.url, planFile, identity: planner });
    const result = await verify({ target: db.url, planFile });
    expect(result.changes.map((c) => [c.change, c.ok])).toEqual([
      ['0000000001-initial', true],
      ['0000000002-qty-bigint', true],
      ['0000000003-orders-only', true],
    ]);
    // The table the last change dropped, back again: that change's check fails, and only it.
    await query(db.url, 'CREATE TABLE public.items (id int)');
    const broken = await verify({ target: db.url, planFile });
    expect(broken.changes.filter((c) => !c.ok).map((c) => c.change)).toEqual(['0000000003-orders-only']);
  });
});
