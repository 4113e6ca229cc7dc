import { diff } from '@pgshift/diff';
import type { Column } from '@pgshift/catalog';
import { col, composite, constraint, constraintIndex, domain, index, model, role, schema, sequence, statements, table } from './builders';

const base = { schemas: [schema('app')], roles: [role('owner')] };

describe('table details', () => {
  const t = table('app', 't', [col('id', 'integer'), col('a', 'integer')], { constraints: [constraint('t_pkey', 'p', 'PRIMARY KEY (id)')] });
  const pkey = constraintIndex(t, 't_pkey', 'CREATE UNIQUE INDEX t_pkey ON app.t USING btree (id)');
  const byA = index(t, 't_a', 'CREATE INDEX t_a ON app.t USING btree (a)');

  test('CLUSTER ON moves between indexes, is cleared with SET WITHOUT CLUSTER, and follows a new index', () => {
    const state = (clustered: 't_a' | 't_pkey' | null) =>
      model({ ...base, tables: [t], indexes: [pkey, byA].map((i) => (i.name === clustered ? { ...i, clustered: true as const } : i)) });
    expect(statements(diff(state(null), state('t_a')))).toEqual(['ALTER TABLE "app"."t" CLUSTER ON "t_a"']);
    expect(statements(diff(state('t_a'), state('t_pkey')))).toEqual(['ALTER TABLE "app"."t" CLUSTER ON "t_pkey"']);
    expect(statements(diff(state('t_a'), state(null)))).toEqual(['ALTER TABLE "app"."t" SET WITHOUT CLUSTER']);
    // Dropping the marked index clears the mark by itself.
    const dropped = model({ ...base, tables: [t], indexes: [pkey] });
    expect(statements(diff(state('t_a'), dropped))).toEqual(['DROP INDEX "app"."t_a"']);
    const created = statements(diff(model({ ...base, tables: [t], indexes: [pkey] }), state('t_a')));
    expect(created.indexOf('ALTER TABLE "app"."t" CLUSTER ON "t_a"')).toBeGreaterThan(created.indexOf('CREATE INDEX t_a ON app.t USING btree (a)'));
  });

  test('the index of a constraint has a comment of its own, set again when the constraint is recreated', () => {
    const commented = { ...pkey, comment: 'primary key' };
    expect(statements(diff(model({ ...base, tables: [t], indexes: [pkey] }), model({ ...base, tables: [t], indexes: [commented] })))).toEqual([
      `COMMENT ON INDEX "app"."t_pkey" IS 'primary key'`,
    ]);
    const wider = { ...t, constraints: [constraint('t_pkey', 'p', 'PRIMARY KEY (id, a)')] };
    const recreated = statements(diff(model({ ...base, tables: [t], indexes: [commented] }), model({ ...base, tables: [wider], indexes: [{ ...commented, definition: 'CREATE UNIQUE INDEX t_pkey ON app.t USING btree (id, a)' }] })));
    expect(recreated.indexOf(`COMMENT ON INDEX "app"."t_pkey" IS 'primary key'`)).toBeGreaterThan(recreated.indexOf('ALTER TABLE "app"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id, a)'));
  });

  test('a column dropped and added again warns of data loss unless generated on both sides', () => {
    const state = (generated: string | null) => model({ ...base, tables: [table('app', 't', [col('id', 'integer'), col('x', 'integer', { generated })])] });
    const codes = (a: string | null, b: string | null) => diff(state(a), state(b)).flatMap((c) => c.hazards.map((h) => h.code)).filter((c) => c === 'data-loss');
    expect(codes(null, '(id * 2)')).toEqual(['data-loss']);
    expect(codes('(id * 2)', '(id * 3)')).toEqual([]);
  });

  test('SET STATISTICS follows the column: set, changed, reset to -1, and after ADD COLUMN', () => {
    const withStats = (n?: number) => model({ ...base, tables: [table('app', 't', [col('id', 'integer', n === undefined ? {} : { statistics: n })])] });
    expect(statements(diff(withStats(), withStats(100)))).toEqual(['ALTER TABLE "app"."t" ALTER COLUMN "id" SET STATISTICS 100']);
    expect(statements(diff(withStats(100), withStats(200)))).toEqual(['ALTER TABLE "app"."t" ALTER COLUMN "id" SET STATISTICS 200']);
    expect(statements(diff(withStats(100), withStats()))).toEqual(['ALTER TABLE "app"."t" ALTER COLUMN "id" SET STATISTICS -1']);
    expect(statements(diff(model(base), withStats(50)))).toContain('ALTER TABLE "app"."t" ALTER COLUMN "id" SET STATISTICS 50');
  });

  test('new columns are added in their table order, not by name', () => {
    const from = model({ ...base, tables: [table('app', 't', [col('id', 'integer')])] });
    const to = model({ ...base, tables: [table('app', 't', [col('id', 'integer'), col('zeta', 'text'), col('alpha', 'text')])] });
    expect(statements(diff(from, to))).toEqual(['ALTER TABLE "app"."t" ADD COLUMN "zeta" text', 'ALTER TABLE "app"."t" ADD COLUMN "alpha" text']);
  });

  test('a raised MINVALUE or lowered MAXVALUE first moves a current value that would fall outside', () => {
    const s = sequence('app', 's');
    const raised = statements(diff(model({ ...base, sequences: [s] }), model({ ...base, sequences: [{ ...s, min: '1000', start: '1000' }] })));
    expect(raised).toEqual([
      `SELECT pg_catalog.setval(pg_catalog.to_regclass('"app"."s"'), 1000, false) FROM "app"."s" WHERE last_value < 1000`,
      'ALTER SEQUENCE "app"."s" MINVALUE 1000 START WITH 1000',
    ]);
    const lowered = statements(diff(model({ ...base, sequences: [s] }), model({ ...base, sequences: [{ ...s, max: '500' }] })));
    expect(lowered[0]).toBe(`SELECT pg_catalog.setval(pg_catalog.to_regclass('"app"."s"'), 500, true) FROM "app"."s" WHERE last_value > 500`);
    expect(statements(diff(model({ ...base, sequences: [{ ...s, min: '1000', start: '1000' }] }), model({ ...base, sequences: [s] })))).toEqual(['ALTER SEQUENCE "app"."s" MINVALUE 1 START WITH 1']);
  });

  test('a sequence moved to a range that shares no value with the old one restarts, flagged as data loss', () => {
    const s = sequence('app', 's');
    const descending = { ...s, increment: '-1', min: '-1000', max: '-1', start: '-1' };
    const changes = diff(model({ ...base, sequences: [s] }), model({ ...base, sequences: [descending] }));
    expect(statements(changes)).toEqual(['ALTER SEQUENCE "app"."s" INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1 START WITH -1 RESTART']);
    expect(changes[0]!.hazards.map((h) => h.code)).toEqual(['data-loss']);
  });

  test('attribute options and compression: inline for a new column, SET / RESET for an existing one', () => {
    const state = (extra: Partial<Column>) => model({ ...base, tables: [table('app', 't', [col('id', 'integer'), col('body', 'text', extra)])] });
    expect(statements(diff(state({}), state({ options: ['n_distinct=12'], compression: 'pglz' })))).toEqual([
      'ALTER TABLE "app"."t" ALTER COLUMN "body" SET (n_distinct=12)',
      'ALTER TABLE "app"."t" ALTER COLUMN "body" SET COMPRESSION pglz',
    ]);
    expect(statements(diff(state({ options: ['n_distinct=12'], compression: 'pglz' }), state({})))).toEqual([
      'ALTER TABLE "app"."t" ALTER COLUMN "body" RESET (n_distinct)',
      'ALTER TABLE "app"."t" ALTER COLUMN "body" SET COMPRESSION default',
    ]);
    expect(statements(diff(model(base), state({ compression: 'lz4' })))[0]).toBe('CREATE TABLE "app"."t" ("id" integer, "body" text COMPRESSION lz4)');
  });

  test('reloptions are reset and set again when SET would leave them out of order; TOAST options are their own list', () => {
    const state = (options: string[]) => model({ ...base, tables: [table('app', 't', [col('id', 'integer')], { options })] });
    expect(statements(diff(state(['fillfactor=90']), state(['autovacuum_enabled=false', 'fillfactor=90'])))).toEqual([
      'ALTER TABLE "app"."t" RESET (fillfactor)',
      'ALTER TABLE "app"."t" SET (autovacuum_enabled=false, fillfactor=90)',
    ]);
    expect(statements(diff(state(['fillfactor=90']), state(['fillfactor=90', 'toast.autovacuum_enabled=false'])))).toEqual(['ALTER TABLE "app"."t" SET (toast.autovacuum_enabled=false)']);
  });

  test('REPLICA IDENTITY USING INDEX is set once the index exists', () => {
    const marked = { ...byA, replicaIdentity: true as const };
    const sql = statements(diff(model({ ...base, tables: [t], indexes: [pkey] }), model({ ...base, tables: [{ ...t, replicaIdentity: 'i' }], indexes: [pkey, marked] })));
    expect(sql.indexOf('ALTER TABLE "app"."t" REPLICA IDENTITY USING INDEX "t_a"')).toBeGreaterThan(sql.indexOf('CREATE INDEX t_a ON app.t USING btree (a)'));
  });

  test('comments on composite attributes and domain constraints, set again on a re-added constraint', () => {
    const address = (comment?: string) => {
      const type = composite('app', 'address', [['city', 'text']]);
      return { ...type, attributes: type.attributes.map((a) => (comment ? { ...a, comment } : a)) };
    };
    expect(statements(diff(model({ ...base, types: [address()] }), model({ ...base, types: [address('town')] })))).toEqual([`COMMENT ON COLUMN "app"."address"."city" IS 'town'`]);
    const email = (definition: string, comment?: string) => domain('app', 'email', 'text', { constraints: [{ name: 'has_at', definition, validated: true, ...(comment ? { comment } : {}) }] });
    const readded = statements(diff(model({ ...base, types: [email("CHECK ((VALUE ~~ '%@%'::text))", 'at sign')] }), model({ ...base, types: [email("CHECK ((VALUE ~~ '%@%.%'::text))", 'at sign')] })));
    expect(readded.at(-1)).toBe(`COMMENT ON CONSTRAINT "has_at" ON DOMAIN "app"."email" IS 'at sign'`);
  });
});
