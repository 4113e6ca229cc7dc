import { describeWith, postgresServer } from '@pgshift/test-support';
import { catalogQueries, introspect, serializeModel } from '../src';
import { largeSchemaSql } from './large-schema';
import { clientQuery, counting, ScratchDatabase } from './support';

jest.setTimeout(600_000);

const TABLES = 1000;

describeWith([postgresServer], 'introspect a 1,000-table schema on the PostgreSQL server', () => {
  const scratch = new ScratchDatabase();
  beforeAll(async () => {
    const client = await scratch.create();
    await client.query(largeSchemaSql(TABLES));
  });
  afterAll(async () => {
    await scratch.drop();
  });

  test('reads every table, column, view, function, policy and grant with the same handful of queries', async () => {
    const q = counting(clientQuery(scratch.client));
    await introspect(q.query); // warm the server's caches
    const runs: number[] = [];
    let model = await introspect(q.query);
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      model = await introspect(q.query);
      runs.push(performance.now() - started);
    }
    const columns = model.tables.reduce((n, t) => n + t.columns.length, 0);
    process.stdout.write(
      `catalog: introspected ${model.tables.length} tables, ${columns} columns, ${model.views.length} views, ` +
        `${model.routines.length} routines, ${model.policies.length} policies in ${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms ` +
        `(${(serializeModel(model).length / 1e6).toFixed(1)} MB of JSON)\n`,
    );
    expect(model.tables).toHaveLength(TABLES);
    expect(columns).toBe(TABLES * 25);
    expect(model.views).toHaveLength(TABLES);
    expect(model.routines).toHaveLength(TABLES);
    expect(model.policies).toHaveLength(TABLES);
    expect(model.tables[1]!.columns.find((c) => c.name === 'c1')!.acl).toEqual([{ grantee: 'catalog_fx_anon', privilege: 'UPDATE', grantable: false }]);
    // One statement per concern, plus one more per full page of views (version, search_path set and restored).
    const queries = catalogQueries(model.serverVersionNum);
    const viewPages = Math.floor(model.views.length / queries.find((c) => c.name === 'views')!.pageSize!);
    expect(viewPages).toBe(2);
    expect(q.calls()).toBe(5 * (queries.length + viewPages + 3));
  });

  test('spread over three connections, the queries give the same model', async () => {
    const extra = [await scratch.connect(), await scratch.connect()];
    try {
      const queries = [scratch.client, ...extra].map(clientQuery);
      const single = serializeModel(await introspect(clientQuery(scratch.client)));
      const runs: number[] = [];
      let model = await introspect(queries);
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        model = await introspect(queries);
        runs.push(performance.now() - started);
      }
      process.stdout.write(`catalog: ${TABLES} tables over 3 connections in ${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms\n`);
      expect(serializeModel(model)).toBe(single);
    } finally {
      await Promise.all(extra.map((c) => c.end()));
    }
  });
});
