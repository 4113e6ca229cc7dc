/**
 * Online migrations under live traffic: a table of 1,000,000 rows on the PostgreSQL server, a
 * writer inserting and updating it in short transactions the whole time, and a migration written
 * by `migrations add` that builds an index, drops one, adds a foreign key and a check and sets
 * NOT NULL. The deploy must finish with no writer error and no writer wait near the lock timeout.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { describeWith, postgresServer } from '@pgshift/test-support';
import { addMigration, deploy, initMigrations, loadProject, projectPaths, revert, verify } from '../src';
import { planner, query, scratchDatabase, tempDir } from './helpers';

const ROWS = 1_000_000;
const LOCK_TIMEOUT = 3000;

const before = `create schema app;
create table app.customers (id int primary key, name text);
create table app.orders (id bigint generated always as identity primary key, customer_id int, amount int, note text);
create index orders_note_idx on app.orders (note);
`;
const after = `create schema app;
create table app.customers (id int primary key, name text);
create table app.orders (
  id bigint generated always as identity primary key,
  customer_id int references app.customers,
  amount int check (amount >= 0),
  note text not null
);
create index orders_customer_idx on app.orders (customer_id);
`;

/** Inserts and updates in short transactions until stopped; every statement's wait is recorded. */
function startWriter(url: string) {
  const client = new Client({ connectionString: url, application_name: 'writer' });
  const waits: number[] = [];
  const errors: string[] = [];
  let running = true;
  const done = (async () => {
    await client.connect();
    for (let i = 0; running; i++) {
      const started = performance.now();
      try {
        if (i % 2 === 0) await client.query(`INSERT INTO app.orders (customer_id, amount, note) VALUES ($1, $2, 'live')`, [1 + (i % 1000), i % 100]);
        else await client.query(`UPDATE app.orders SET amount = amount + 1 WHERE id = $1`, [1 + ((i * 7919) % ROWS)]);
      } catch (e) {
        errors.push((e as Error).message);
      }
      waits.push(performance.now() - started);
    }
    await client.end();
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { waits, errors, max: Math.max(...waits) };
    },
  };
}

describeWith([postgresServer], 'online migrations under a concurrent writer (PostgreSQL server, 1,000,000 rows)', () => {
  jest.setTimeout(300_000);
  const dir = tempDir('pgshift-online-');
  const source = path.join(dir, 'db', 'src', 'init.sql');
  const write = (sql: string) => {
    mkdirSync(path.dirname(source), { recursive: true });
    writeFileSync(source, sql);
  };
  const project = () => loadProject(dir, { project: 'shop' });
  let db: Awaited<ReturnType<typeof scratchDatabase>>;

  beforeAll(async () => {
    db = await scratchDatabase();
    write(before);
    await initMigrations(project(), { planner });
    const planFile = projectPaths(project()).planFile;
    await deploy({ target: db.url, planFile, identity: planner });
    const c = new Client({ connectionString: db.url });
    await c.connect();
    await c.query(`INSERT INTO app.customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g`);
    await c.query(`INSERT INTO app.orders (customer_id, amount, note) SELECT 1 + g % 1000, g % 100, 'order ' || g FROM generate_series(1, ${ROWS}) g`);
    await c.query('VACUUM ANALYZE app.orders');
    await c.end();
  });

  afterAll(async () => {
    await db?.drop();
  });

  test('migrations add writes the online form: a concurrent drop before, NOT VALID inside, a concurrent build and the validation after', async () => {
    write(after);
    const written = await addMigration(project(), 'orders-integrity', { planner });
    expect(written.changes).toEqual([
      '0000000002-orders-integrity-outside-transaction',
      '0000000003-orders-integrity',
      '0000000004-orders-integrity-index-app_orders_customer_idx',
      '0000000005-orders-integrity-validate',
    ]);
    const script = (kind: string, change: string) => readFileSync(path.join(projectPaths(project()).migrations, kind, `${change}.sql`), 'utf8');
    expect(script('deploy', written.changes[0]!)).toContain('DROP INDEX CONCURRENTLY IF EXISTS "app"."orders_note_idx";');
    const main = script('deploy', written.changes[1]!);
    expect(main).toMatch(/ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY \(customer_id\) REFERENCES app\.customers\(id\) NOT VALID;/);
    expect(main).toMatch(/ADD CONSTRAINT "orders_amount_check" CHECK \(\(amount >= 0\)\) NOT VALID;/);
    expect(main).toMatch(/ADD CONSTRAINT "note_not_null" CHECK \(\("note" IS NOT NULL\)\) NOT VALID;/);
    expect(main).not.toMatch(/^[^-].*(SET NOT NULL|CREATE INDEX)/m);
    expect(script('deploy', written.changes[2]!)).toMatch(/^DROP INDEX CONCURRENTLY IF EXISTS "app"."orders_customer_idx";\nCREATE INDEX CONCURRENTLY orders_customer_idx ON app\.orders USING btree \(customer_id\);$/m);
    const validate = script('deploy', written.changes[3]!);
    expect(validate).toContain('ALTER TABLE "app"."orders" VALIDATE CONSTRAINT "orders_customer_id_fkey";');
    expect(validate).toContain('ALTER TABLE "app"."orders" VALIDATE CONSTRAINT "orders_amount_check";');
    expect(validate).toContain('ALTER TABLE "app"."orders" VALIDATE CONSTRAINT "note_not_null";');
    // SET NOT NULL holds an ACCESS EXCLUSIVE lock to the commit: it comes after every validation.
    expect(validate).toMatch(/VALIDATE CONSTRAINT[^]*ALTER TABLE "app"."orders" ALTER COLUMN "note" SET NOT NULL;\nALTER TABLE "app"."orders" DROP CONSTRAINT "note_not_null";\n\nCOMMIT;/);
    expect(validate.lastIndexOf('VALIDATE CONSTRAINT')).toBeLessThan(validate.indexOf('SET NOT NULL;'));
  });

  test('deploys while a writer runs: no writer error, no wait near the lock timeout; each stage verified as it lands, and revert walks back', async () => {
    const planFile = projectPaths(project()).planFile;
    const writer = startWriter(db.url);
    await new Promise((r) => setTimeout(r, 300));
    const lines: string[] = [];
    const started = performance.now();
    const result = await deploy({ target: db.url, planFile, identity: planner, lockTimeout: LOCK_TIMEOUT, verify: true, onMessage: (m) => lines.push(m) });
    const took = performance.now() - started;
    await new Promise((r) => setTimeout(r, 300));
    const { waits, errors, max } = await writer.stop();
    process.stdout.write(`online deploy over ${ROWS} rows: ${took.toFixed(0)} ms; writer: ${waits.length} statements, longest wait ${max.toFixed(0)} ms\n`);
    expect(result.deployed).toHaveLength(4);
    expect(errors).toEqual([]);
    expect(waits.length).toBeGreaterThan(100);
    expect(max).toBeLessThan(LOCK_TIMEOUT);
    expect(lines.filter((l) => l.includes('waited'))).toEqual([]);

    const catalog = await query<{ indexes: string[]; validated: boolean[]; notnull: boolean }>(
      db.url,
      `SELECT (SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'app' AND tablename = 'orders') AS indexes,
              (SELECT array_agg(convalidated ORDER BY conname) FROM pg_constraint WHERE conrelid = 'app.orders'::regclass AND contype IN ('c', 'f')) AS validated,
              (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'app.orders'::regclass AND attname = 'note') AS notnull`,
    );
    expect(catalog[0]).toEqual({ indexes: ['orders_customer_idx', 'orders_pkey'], validated: [true, true], notnull: true });
    // Each stage's verify ran right after it (deploy --verify). verify now runs every deployed change's
    // script: the initial one's check of a nullable note is overtaken by the later check of the column.
    const verified = await verify({ target: db.url, planFile });
    expect(verified.changes.filter((c) => !c.ok)).toEqual([]);
    expect(verified.changes).toHaveLength(5);
    // A check that nothing overtook still fails when its object is not as the change left it.
    await query(db.url, 'DROP INDEX app.orders_customer_idx');
    expect((await verify({ target: db.url, planFile })).changes.filter((x) => !x.ok).map((x) => x.change)).toEqual(['0000000004-orders-integrity-index-app_orders_customer_idx']);
    await query(db.url, 'CREATE INDEX orders_customer_idx ON app.orders (customer_id)');
    expect((await verify({ target: db.url, planFile })).ok).toBe(true);

    await revert({ target: db.url, planFile, identity: planner, to: '0000000001-initial' });
    const back = await query<{ indexes: string[]; constraints: number; notnull: boolean }>(
      db.url,
      `SELECT (SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'app' AND tablename = 'orders') AS indexes,
              (SELECT count(*)::int FROM pg_constraint WHERE conrelid = 'app.orders'::regclass AND contype IN ('c', 'f')) AS constraints,
              (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'app.orders'::regclass AND attname = 'note') AS notnull`,
    );
    expect(back[0]).toEqual({ indexes: ['orders_note_idx', 'orders_pkey'], constraints: 0, notnull: false });
  });

  test('what has no online form keeps its hazard: migrations add says so, and deploy shows the size of the table on the target', async () => {
    write(after.replace('amount int check', 'amount bigint check'));
    const lines: string[] = [];
    const written = await addMigration(project(), 'amount-bigint', { planner, onMessage: (l) => lines.push(l), target: db.url });
    expect(written.changes).toEqual(['0000000006-amount-bigint']);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^hazard: table-rewrite: changing the type of app\.orders\.amount \(integer → bigint\) rewrites the table under an ACCESS EXCLUSIVE lock \(table "app"\."orders": ≈1,0\d\d,\d{3} rows, \d+ MB on the target\): no online form, writers to it wait until the change commits$/,
      ),
    );
    const seen: { change: string; hazard: string; size?: string }[] = [];
    await expect(deploy({ target: db.url, planFile: projectPaths(project()).planFile, identity: planner, onHazards: (h) => (seen.push(...h.filter((x) => x.change === '0000000006-amount-bigint')), false) })).rejects.toThrow(/cancelled/);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.size).toMatch(/^≈1,0\d\d,\d{3} rows, \d+ MB on the target$/);
  });

  test('an unreachable --target is one error with its password masked, and nothing is written', async () => {
    write(after.replace('amount int check', 'amount numeric check'));
    const planFile = projectPaths(project()).planFile;
    const before = readFileSync(planFile, 'utf8');
    const error = await addMigration(project(), 'amount-numeric', { planner, target: 'postgres://app:s3cret@127.0.0.1:1/prod' }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^Cannot read table sizes from --target postgres:\/\/app:\*+@127\.0\.0\.1:1\/prod: .*Nothing was written\.$/);
    expect((error as Error).message).not.toContain('s3cret');
    expect(readFileSync(planFile, 'utf8')).toBe(before);
  });
});
