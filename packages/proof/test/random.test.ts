import { generateSchema, mutateSchema, schemaSql } from '../src';
import { seededRoundTrips } from './seeded';

/**
 * Randomised round trips: a seeded generator builds an application schema and mutates it (added,
 * dropped and retyped columns, enum values, function bodies, policies, grants, views, a dropped
 * table); every pair must migrate both ways. PGSHIFT_RANDOM_SEEDS sets how many seeds run.
 */
describe('the schema generator', () => {
  test('is deterministic and always changes something', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const a = schemaSql(generateSchema(seed));
      expect(schemaSql(generateSchema(seed))).toBe(a);
      expect(schemaSql(mutateSchema(generateSchema(seed), seed, 4))).not.toBe('');
    }
  });
});

seededRoundTrips({
  title: 'randomised round trips',
  seeds: Number(process.env.PGSHIFT_RANDOM_SEEDS ?? 200),
  knownFailuresFile: 'random-known-failures.json',
  label: 'seed',
  generate: (seed) => generateSchema(seed),
});
