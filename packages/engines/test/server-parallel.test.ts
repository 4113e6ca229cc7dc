import { Client } from 'pg';
import { describeWith, postgresServer } from '@pgshift/test-support';
import { createEngine, type Database } from '../src';

jest.setTimeout(120_000);

type AnyQuery = (this: Client, ...args: unknown[]) => unknown;

/**
 * Watches every real pg Client: counts the calls to query() made while the same client still had
 * one running, which node-postgres queues and warns about ("already executing a query").
 */
function watchPiling(): { piled: () => number; restore: () => void } {
  const running = new Map<Client, number>();
  let piled = 0;
  const original = Client.prototype.query as unknown as AnyQuery;
  const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
    const now = running.get(this) ?? 0;
    if (now > 0) piled++;
    running.set(this, now + 1);
    const result = original.apply(this, args);
    const settled = (): void => {
      running.set(this, (running.get(this) ?? 1) - 1);
    };
    if (result instanceof Promise) result.then(settled, settled);
    else settled();
    return result;
  } as AnyQuery as never);
  return { piled: () => piled, restore: () => spy.mockRestore() };
}

describeWith([postgresServer], 'server engine under parallel use', () => {
  test('databases working at once never pile statements onto a connection, the shared admin one included', async () => {
    const watch = watchPiling();
    const engine = await createEngine({ engine: 'server' });
    try {
      const source = await engine.createDatabase();
      await source.exec('CREATE TABLE t (id int)');
      const copies: Database[] = await Promise.all(Array.from({ length: 4 }, () => source.clone()));
      // Each exec compares pg_roles before and after on the admin connection; the queries on one
      // database are fired together.
      await Promise.all(
        copies.map((c, i) => Promise.all(Array.from({ length: 5 }, (_, n) => c.exec(`INSERT INTO t VALUES (${i * 10 + n})`)))),
      );
      const counts = await Promise.all(copies.map(async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0].n));
      expect(counts).toEqual([5, 5, 5, 5]);
      await Promise.all([source, ...copies].map((d) => d.dispose()));
      expect(watch.piled()).toBe(0);
    } finally {
      watch.restore();
      await engine.dispose();
    }
  });
});
