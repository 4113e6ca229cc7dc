import { readdirSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { quoteIdent, quoteLiteral } from '@pgshift/catalog';
import { createEngine, Engine } from '@pgshift/engines';
import { describeWith, postgresServer, serverUrl } from '@pgshift/test-support';
import { onlineRoundTrip, readCaseFile } from '../src';

/**
 * The cases of the own corpus where online forms apply, again as online migrations: each stage
 * must leave the model the differ says it leaves, its verify checks must hold, and the reverts
 * must walk back to the start. PGSHIFT_ONLINE_CASES=all runs every case file.
 */
const casesDir = path.join(__dirname, 'cases');
const files = process.env.PGSHIFT_ONLINE_CASES === 'all' ? undefined : ['online.sql', 'indexes.sql', 'foreign-keys.sql'];
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.sql') && (files === undefined || files.includes(f)))
  .sort()
  .flatMap((f) => readCaseFile(path.join(casesDir, f)));
const roles = ['app_owner', 'app_reader', 'app_writer', 'app_anon'];

describeWith([postgresServer], 'own corpus as online migrations on the server engine', () => {
  let ready: Promise<Engine> | undefined;
  const setup = () => (ready ??= prepare());
  const staged = { before: 0, main: 0, after: 0, validate: 0 };

  async function prepare(): Promise<Engine> {
    const client = new Client({ connectionString: serverUrl() });
    await client.connect();
    for (const role of roles) {
      await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN CREATE ROLE ${quoteIdent(role)}; END IF; END $$`);
    }
    await client.end();
    return createEngine({ engine: 'server', url: serverUrl() });
  }

  afterAll(async () => {
    if (ready) await (await ready).dispose();
    process.stdout.write(`online: ${cases.length} cases × 2 directions; changes by stage: ${JSON.stringify(staged)}\n`);
  });

  test('the online cases take every online form', async () => {
    const engine = await setup();
    const byName = new Map(cases.map((c) => [c.name, c]));
    const stagesOf = async (name: string) => (await onlineRoundTrip(engine, byName.get(name)!.a, byName.get(name)!.b)).stages;
    expect(await stagesOf('online: online: index on an existing table, with a comment')).toEqual({ before: 0, main: 0, after: 1, validate: 0 });
    expect(await stagesOf('online: online: index definition changes')).toEqual({ before: 1, main: 0, after: 1, validate: 0 });
    expect(await stagesOf('online: online: foreign key and check on existing tables')).toEqual({ before: 0, main: 2, after: 0, validate: 2 });
    expect((await stagesOf('online: online: SET NOT NULL on an existing column')).validate).toBe(2);
    expect((await stagesOf('online: online: foreign key to a new unique index stays in the transaction')).after).toBe(0);
    expect((await stagesOf('online: online: index on a partitioned table is built in the transaction')).after).toBe(0);
    expect((await stagesOf('online: online: clustered new index stays in the transaction')).after).toBe(0);
  }, 120_000);

  test.concurrent.each(cases.flatMap((c) => [[`${c.name} (a→b)`, c.a, c.b] as const, [`${c.name} (b→a)`, c.b, c.a] as const]))('%s', async (_name, a, b) => {
    const result = await onlineRoundTrip(await setup(), a, b);
    for (const k of Object.keys(staged) as (keyof typeof staged)[]) staged[k] += result.stages[k];
    if (result.failure) throw new Error(`${result.failure}\n--- deploy ---\n${result.deploy}`);
  }, 120_000);
});
