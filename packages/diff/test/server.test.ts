/**
 * The generated SQL against a real PostgreSQL server: for each pair of models, deploy the old
 * one from nothing, check that verify fails, deploy the diff, check that verify passes, revert,
 * and check that verify fails again.
 */
import { emptyModel, ids, type SchemaModel } from '@pgshift/catalog';
import { planMigration } from '@pgshift/diff';
import { describeWith, postgresServer, serverUrl } from '@pgshift/test-support';
import { Client } from 'pg';
import { col, constraint, grant, index } from './builders';
import { functionUsers, kitchenSink, kitchenSinkChanged } from './kitchen-sink';
import { realisticModel } from './realistic';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function run(url: string, sql: string): Promise<void> {
  if (sql === '') return;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The realistic model after a feature: retyped column, enum losing a label, function with a new result, a new index and grant. */
function changedModel(version: number): SchemaModel {
  const m = realisticModel(version);
  const todos = m.tables.find((t) => t.name === 'todos')!;
  return {
    ...m,
    types: m.types.map((t) => (t.kind === 'enum' ? { ...t, labels: ['new', 'doing'], comment: 'todo state, revised' } : t)),
    tables: m.tables.map((t) =>
      t !== todos
        ? t
        : {
            ...t,
            columns: t.columns.map((c) => (c.name === 'title' ? col('title', 'character varying(200)', { notNull: true, comment: 'what to do', position: c.position }) : c)),
            constraints: t.constraints.map((c) => (c.name === 'todos_title_check' ? constraint('todos_title_check', 'c', 'CHECK ((length((title)::text) > 0))', { dependsOn: c.dependsOn }) : c)),
            acl: [...(t.acl ?? []), grant('web', 'SELECT')],
          },
    ),
    views: m.views.map((v) => ({ ...v, columns: v.columns.map((c) => (c.name === 'title' ? { ...c, type: 'character varying(200)' } : c)) })),
    indexes: [...m.indexes, index(todos, 'todos_title_idx', 'CREATE INDEX todos_title_idx ON data.todos USING btree (title)', { dependsOn: [ids.column('data', 'todos', 'title')] })].sort((a, b) => (a.id < b.id ? -1 : 1)),
    routines: m.routines.map((r) =>
      r.name === 'current_user_id' ? { ...r, result: 'bigint', definition: r.definition.replace('RETURNS integer', 'RETURNS bigint').replace('::integer', '::bigint') } : r,
    ),
  };
}

describeWith([postgresServer], 'generated SQL on a real server', () => {
  let version = 0;
  const db = `pgshift_diff_${process.pid}`;
  const admin = () => serverUrl();
  const url = () => withDatabase(serverUrl(), db);

  beforeAll(async () => {
    const client = new Client({ connectionString: admin() });
    await client.connect();
    version = Number((await client.query('SHOW server_version_num')).rows[0].server_version_num);
    await client.query(`DROP DATABASE IF EXISTS ${db}`);
    await client.query(`CREATE DATABASE ${db}`);
    await client.end();
  });

  afterAll(async () => {
    const client = new Client({ connectionString: admin() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await client.end();
  });

  async function roundTrip(from: SchemaModel, to: SchemaModel): Promise<void> {
    await run(url(), planMigration(emptyModel(version), from).deploy);
    const plan = planMigration(from, to);
    await expect(run(url(), plan.verify)).rejects.toThrow(/verify failed/);
    await run(url(), plan.deploy);
    await run(url(), plan.verify);
    await run(url(), plan.revert);
    await expect(run(url(), plan.verify)).rejects.toThrow(/verify failed/);
    // The revert's own verify proves the old state is back.
    await run(url(), planMigration(to, from).verify);
    await run(url(), planMigration(from, emptyModel(version)).deploy);
  }

  test('a realistic model deploys from nothing, verifies, and reverts to nothing', async () => {
    await roundTrip(emptyModel(version), realisticModel(version));
  });

  // '' is the role running the deploy: no ALTER OWNER, grants and policies TO CURRENT_USER, no FOR ROLE.
  test('every kind at once (FK cycle, serial, partitions, domain, composite, enum, column grants, default privileges) deploys and reverts', async () => {
    await roundTrip(emptyModel(version), kitchenSink(''));
  });

  test('in-place changes of every kind (ADD VALUE, domain, composite, grants, options, partition bounds, sequences) deploy and revert', async () => {
    await roundTrip(kitchenSink(''), kitchenSinkChanged(''));
  });

  test('a function whose signature changes under a default, a check, a policy, a trigger and a view', async () => {
    await roundTrip(functionUsers('', 'integer'), functionUsers('', 'bigint'));
  });

  test('objects owned by the deploying role move to a named owner and back', async () => {
    const named = kitchenSink('pgshift_diff_owner');
    await roundTrip(kitchenSink(''), named);
  });

  test('a feature that retypes a viewed column, rebuilds an enum and changes a function result deploys and reverts', async () => {
    await roundTrip(realisticModel(version), changedModel(version));
  });
});
