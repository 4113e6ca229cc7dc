import { generateSchema, mutateSchema, schemaSql } from '../src';
import { RESERVED_WORDS } from '../src/generate';
import { seededRoundTrips } from './seeded';

/**
 * The randomised round trip (random.test.ts) with every invented name hostile to SQL pasted from
 * unquoted text: quotes, spaces, dots, non-ASCII, mixed case, reserved words. Whatever pgshift
 * emits must quote them. PGSHIFT_HOSTILE_SEEDS sets how many seeds run.
 */
const hostile = (seed: number) => generateSchema(seed, 6, { hostile: true });

/** The quoted identifiers of a script, unescaped; string literals are skipped. */
function quotedIdentifiers(sql: string): string[] {
  const names: string[] = [];
  for (const m of sql.matchAll(/'(?:[^']|'')*'|"((?:[^"]|"")*)"/g)) if (m[1] !== undefined) names.push(m[1].replace(/""/g, '"'));
  return names;
}

describe('the hostile schema generator', () => {
  test('quotes names of every hostile kind', () => {
    const names = quotedIdentifiers(schemaSql(hostile(1)) + schemaSql(mutateSchema(hostile(1), 1, 4)));
    const has = (test: (name: string) => boolean) => names.some(test);
    expect(has((n) => n.includes('"'))).toBe(true);
    expect(has((n) => n.includes("'"))).toBe(true);
    expect(has((n) => n.includes(' '))).toBe(true);
    expect(has((n) => n.includes('.'))).toBe(true);
    expect(has((n) => /[^\x00-\x7f]/.test(n))).toBe(true);
    expect(has((n) => /[A-Z]/.test(n))).toBe(true);
    expect(has((n) => RESERVED_WORDS.includes(n))).toBe(true);
    expect(names.every((n) => Buffer.byteLength(n) <= 63)).toBe(true);
  });

  test('is deterministic and keeps the shape of the plain schema', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(schemaSql(hostile(seed))).toBe(schemaSql(hostile(seed)));
      expect(schemaSql(hostile(seed)).split('\n').length).toBe(schemaSql(generateSchema(seed)).split('\n').length);
    }
  });
});

seededRoundTrips({
  title: 'hostile-name round trips',
  seeds: Number(process.env.PGSHIFT_HOSTILE_SEEDS ?? 40),
  knownFailuresFile: 'hostile-known-failures.json',
  label: 'hostile',
  generate: hostile,
});
