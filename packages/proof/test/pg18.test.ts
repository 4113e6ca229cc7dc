import { readdirSync } from 'fs';
import * as path from 'path';
import { createEngine, Engine } from '@pgshift/engines';
import { readCaseFile, roundTrip } from '../src';

/** Cases only PostgreSQL 18 can load (virtual generated columns), on the embedded engine, which is PostgreSQL 18. */
const casesDir = path.join(__dirname, 'cases-pg18');
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .flatMap((f) => readCaseFile(path.join(casesDir, f)));

describe('PostgreSQL 18 cases on the pglite engine, both directions', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ engine: 'pglite' });
  }, 120_000);
  afterAll(async () => {
    await engine?.dispose();
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await roundTrip(engine, c.a, c.b, { dump: false, pair: true });
    for (const [direction, r] of Object.entries(result)) {
      if (r.outcome !== 'pass' && r.outcome !== 'column-order') throw new Error(`${direction}: ${r.outcome}\n${r.detail ?? ''}\n--- deploy ---\n${r.deploy ?? ''}`);
    }
  }, 120_000);
});
