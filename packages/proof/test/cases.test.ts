import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { quoteIdent, quoteLiteral } from '@pgshift/catalog';
import { createEngine, Engine } from '@pgshift/engines';
import { describeWith, pgDump, postgresServer, serverUrl } from '@pgshift/test-support';
import { Outcome, readCaseFile, roundTrip } from '../src';

/** pgshift's own corpus: every object kind × create / drop / alter, and dependency chains. */
const casesDir = path.join(__dirname, 'cases');
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .flatMap((f) => readCaseFile(path.join(casesDir, f)));
const roles = ['app_owner', 'app_reader', 'app_writer', 'app_anon'];
/**
 * Cases that do not round-trip yet, each with the reason. A listed case that fails is reported,
 * not failed; an unlisted failure fails the run, and so does a listed case that now passes (so the
 * list only ever shrinks).
 */
const knownFailures: Record<string, string> = JSON.parse(readFileSync(path.join(__dirname, 'cases-known-failures.json'), 'utf8'));

describeWith([postgresServer, pgDump], 'own corpus on the server engine, both directions', () => {
  const tally = new Map<Outcome, number>();
  // Concurrent tests do not wait for beforeAll, so each awaits this one-time setup.
  let ready: Promise<Engine> | undefined;
  const setup = () => (ready ??= prepare());

  async function prepare(): Promise<Engine> {
    const client = new Client({ connectionString: serverUrl() });
    await client.connect();
    for (const role of roles) {
      await client.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN CREATE ROLE ${quoteIdent(role)}; END IF; END $$`,
      );
    }
    await client.end();
    return createEngine({ engine: 'server', url: serverUrl() });
  }

  afterAll(async () => {
    if (ready) await (await ready).dispose();
    process.stdout.write(`own corpus: ${cases.length} cases; ${[...tally].map(([o, n]) => `${o} ${n}`).join(', ')}\n`);
  });

  test('has at least 200 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  test.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await roundTrip(await setup(), c.a, c.b, { dump: true, pair: true });
    for (const r of Object.values(result)) tally.set(r.outcome, (tally.get(r.outcome) ?? 0) + 1);
    const failures = Object.entries(result).filter(([, r]) => r.outcome !== 'pass' && r.outcome !== 'column-order');
    const known = knownFailures[c.name];
    if (known !== undefined) {
      if (failures.length === 0) throw new Error(`"${c.name}" passes now: remove it from cases-known-failures.json`);
      process.stdout.write(`known failure: ${c.name}: ${known}\n`);
      return;
    }
    for (const [direction, r] of failures) {
      throw new Error(`${direction}: ${r.outcome}\n${r.detail ?? ''}\n--- deploy ---\n${r.deploy ?? ''}`);
    }
  }, 120_000);
});
