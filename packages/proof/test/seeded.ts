/**
 * The seeded round-trip suite shared by the randomised and the hostile-name tests: each seed's
 * schema and its mutation migrate both ways on the server engine, judged by pg_dump. A seed in the
 * known-failure list must fail (and says why); one that starts passing fails the run, so the list
 * only shrinks.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { quoteIdent, quoteLiteral } from '@pgshift/catalog';
import { createEngine, Engine } from '@pgshift/engines';
import { describeWith, pgDump, postgresServer, serverUrl } from '@pgshift/test-support';
import { GENERATOR_ROLES, mutateSchema, roundTrip, schemaSql, type GeneratedSchema } from '../src';

export interface SeededSuite {
  title: string;
  seeds: number;
  /** File beside the tests holding `{ "<seed>": "<reason>" }`. */
  knownFailuresFile: string;
  /** Prefix of the state names in errors, e.g. `seed` → `seed-7/a.sql`. */
  label: string;
  generate: (seed: number) => GeneratedSchema;
}

export function seededRoundTrips(suite: SeededSuite): void {
  const knownFailures: Record<string, string> = JSON.parse(readFileSync(path.join(__dirname, suite.knownFailuresFile), 'utf8'));
  describeWith([postgresServer, pgDump], `${suite.title} (${suite.seeds} seeds) on the server engine`, () => {
    let ready: Promise<Engine> | undefined;
    const setup = () =>
      (ready ??= (async () => {
        const client = new Client({ connectionString: serverUrl() });
        await client.connect();
        for (const role of GENERATOR_ROLES) {
          await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN CREATE ROLE ${quoteIdent(role)}; END IF; END $$`);
        }
        await client.end();
        return createEngine({ engine: 'server', url: serverUrl() });
      })());

    afterAll(async () => {
      if (ready) await (await ready).dispose();
    });

    test.concurrent.each(Array.from({ length: suite.seeds }, (_, i) => i + 1))('seed %d', async (seed) => {
      const base = suite.generate(seed);
      const a = { name: `${suite.label}-${seed}/a.sql`, sql: schemaSql(base) };
      const b = { name: `${suite.label}-${seed}/b.sql`, sql: schemaSql(mutateSchema(base, seed, 1 + (seed % 4))) };
      const result = await roundTrip(await setup(), a, b, { dump: true });
      const failures = Object.entries(result).filter(([, r]) => r.outcome !== 'pass' && r.outcome !== 'column-order');
      const known = knownFailures[String(seed)];
      if (known !== undefined) {
        if (failures.length === 0) throw new Error(`seed ${seed} passes now: remove it from ${suite.knownFailuresFile}`);
        process.stdout.write(`known failure: seed ${seed}: ${known}\n`);
        return;
      }
      for (const [direction, r] of failures) {
        throw new Error(`seed ${seed} ${direction}: ${r.outcome}\n${r.detail ?? ''}\n--- a ---\n${a.sql}\n--- b ---\n${b.sql}\n--- deploy ---\n${r.deploy ?? ''}`);
      }
    }, 120_000);
  });
}
