import { PGlite } from '@electric-sql/pglite';
import { catalogQueries, introspect } from '../src';
import { largeSchemaSql } from './large-schema';
import { counting, pgliteQuery } from './support';

jest.setTimeout(180_000);

describe('query count', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
  });
  afterAll(async () => {
    await db?.close();
  });

  test('is the same small number for 5 tables and for 50 tables', async () => {
    await db.exec(largeSchemaSql(5, 'five'));
    const small = counting(pgliteQuery(db));
    const smallModel = await introspect(small.query);
    await db.exec(largeSchemaSql(50, 'fifty'));
    const large = counting(pgliteQuery(db));
    const largeModel = await introspect(large.query);

    expect(smallModel.tables).toHaveLength(5);
    expect(largeModel.tables).toHaveLength(55);
    expect(largeModel.views).toHaveLength(55);
    expect(large.calls()).toBe(small.calls());
    expect(small.calls()).toBe(catalogQueries(smallModel.serverVersionNum).length + 3); // version, search_path set and restored
    // One query per concern (rules, publications, subscriptions, foreign data, statistics, text search, operators, casts, grants on extension members and the names of unmodelled objects included), never one per object.
    expect(small.calls()).toBeLessThanOrEqual(34);
  });

  test('a failing catalog query fails the introspection, naming the query, however the queries are spread', async () => {
    const query = pgliteQuery(db);
    const failing = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
      // The heaviest query, taken first, while the reader waits on the lighter ones still queued.
      if (sql.includes('from pg_attribute a')) throw new Error('permission denied for table pg_attribute');
      return query<T>(sql, params);
    };
    for (const connections of [[failing], [failing, failing], [failing, failing, failing]]) {
      await expect(introspect(connections)).rejects.toThrow(/The catalog query "columns" \(queries\/columns\.ts\) failed: permission denied/);
    }
  });
});
