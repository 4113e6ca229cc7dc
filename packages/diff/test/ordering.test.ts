import { ids } from '@pgshift/catalog';
import { diff } from '@pgshift/diff';
import { at, col, constraint, constraintIndex, enumType, fn, grant, index, model, policy, role, schema, sequence, statements, table, trigger, view } from './builders';

const app = schema('app');
const roles = [role('owner'), role('web')];
const base = { schemas: [app], roles };
const c = (t: string, name: string) => ids.column('app', t, name);

describe('ordering', () => {
  test('view on view on a retyped column: views dropped top-down, column altered, views recreated bottom-up with grants, owner, comments', () => {
    const t = (type: string) => table('app', 't', [col('a', type)]);
    const v1 = (type: string) =>
      view('app', 'v1', ' SELECT a\n   FROM app.t', [['a', type]], [ids.table('app', 't'), c('t', 'a')], { acl: [grant('owner', 'SELECT'), grant('web', 'SELECT')], comment: 'first' });
    const v2 = (type: string) => view('app', 'v2', ' SELECT a\n   FROM app.v1', [['a', type]], [ids.view('app', 'v1'), ids.column('app', 'v1', 'a')], { owner: 'web' });
    const from = model({ ...base, tables: [t('integer')], views: [v1('integer'), v2('integer')] });
    const to = model({ ...base, tables: [t('bigint')], views: [v1('bigint'), v2('bigint')] });
    const sql = statements(diff(from, to));
    expect(sql).toEqual([
      'DROP VIEW "app"."v2"',
      'DROP VIEW "app"."v1"',
      'ALTER TABLE "app"."t" ALTER COLUMN "a" TYPE bigint USING "a"::bigint',
      'CREATE VIEW "app"."v1" AS\nSELECT a\n   FROM app.t',
      'ALTER VIEW "app"."v1" OWNER TO "owner"',
      'REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "app"."v1" FROM "owner"',
      'GRANT SELECT ON TABLE "app"."v1" TO "web"',
      `COMMENT ON VIEW "app"."v1" IS 'first'`,
      'CREATE VIEW "app"."v2" AS\nSELECT a\n   FROM app.v1',
      'ALTER VIEW "app"."v2" OWNER TO "web"',
    ]);
    const changes = diff(from, to);
    expect(changes.filter((x) => x.cause).map((x) => `${x.kind} ${x.objectId} ← ${x.cause}`)).toEqual([
      `drop view "app"."v2" ← view "app"."v1"`,
      `drop view "app"."v1" ← ${c('t', 'a')}`,
      `create view "app"."v1" ← ${c('t', 'a')}`,
      `create view "app"."v2" ← view "app"."v1"`,
    ]);
  });

  test('a function whose signature changes takes its default, check, policy, trigger and view along', () => {
    const f = (arg: string) => fn('app', 'f', `x ${arg}`, { body: 'select 1' });
    const tg = fn('app', 'tg', '', { result: 'trigger', definition: 'CREATE OR REPLACE FUNCTION app.tg()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin return new; end $function$\n' });
    const build = (arg: string) => {
      const fid = f(arg).id;
      const t = table('app', 't', [col('a', 'integer', { default: 'app.f(1)', dependsOn: [fid] })], {
        rowSecurity: true,
        constraints: [constraint('t_a_check', 'c', 'CHECK ((app.f(a) > 0))', { dependsOn: [fid, c('t', 'a')] })],
      });
      return model({
        ...base,
        tables: [t],
        routines: [f(arg), tg],
        policies: [policy(t, 'p', { using: '(app.f(a) > 0)', dependsOn: [fid, c('t', 'a')] })],
        triggers: [trigger(t, 'tr', 'CREATE TRIGGER tr BEFORE INSERT ON app.t FOR EACH ROW WHEN ((app.f(new.a) > 0)) EXECUTE FUNCTION app.tg()', [fid, tg.id, c('t', 'a')])],
        views: [view('app', 'v', ' SELECT app.f(a) AS f\n   FROM app.t', [['f', 'integer']], [fid, t.id, c('t', 'a')])],
      });
    };
    const sql = statements(diff(build('integer'), build('bigint')));
    const dropFn = at(sql, 'DROP FUNCTION "app"."f"(x integer)');
    const createFn = at(sql, 'CREATE OR REPLACE FUNCTION "app"."f"(x bigint)');
    for (const before of ['DROP VIEW "app"."v"', 'DROP POLICY "p"', 'DROP TRIGGER "tr"', 'DROP CONSTRAINT "t_a_check"', 'ALTER COLUMN "a" DROP DEFAULT']) expect(at(sql, before)).toBeLessThan(dropFn);
    expect(dropFn).toBeLessThan(createFn);
    for (const after of ['CREATE VIEW "app"."v"', 'CREATE POLICY "p"', 'CREATE TRIGGER tr', 'ADD CONSTRAINT "t_a_check"', 'ALTER COLUMN "a" SET DEFAULT app.f(1)']) expect(at(sql, after)).toBeGreaterThan(createFn);
  });

  test('an FK cycle: tables first, then keys, then the FKs as separate ALTERs; dropped FKs first', () => {
    const a = table('app', 'a', [col('id', 'integer', { notNull: true }), col('b_id', 'integer')], {
      constraints: [
        constraint('a_b_fk', 'f', 'FOREIGN KEY (b_id) REFERENCES app.b(id)', { references: ids.table('app', 'b'), dependsOn: [ids.constraint('app', 'b', 'b_pkey'), ids.table('app', 'b'), c('a', 'b_id'), c('b', 'id')] }),
        constraint('a_pkey', 'p', 'PRIMARY KEY (id)', { dependsOn: [c('a', 'id')] }),
      ],
    });
    const b = table('app', 'b', [col('id', 'integer', { notNull: true }), col('a_id', 'integer')], {
      constraints: [
        constraint('b_a_fk', 'f', 'FOREIGN KEY (a_id) REFERENCES app.a(id)', { references: a.id, dependsOn: [ids.constraint('app', 'a', 'a_pkey'), a.id, c('b', 'a_id'), c('a', 'id')] }),
        constraint('b_pkey', 'p', 'PRIMARY KEY (id)', { dependsOn: [c('b', 'id')] }),
      ],
    });
    const full = model({ ...base, tables: [a, b], indexes: [constraintIndex(a, 'a_pkey', 'CREATE UNIQUE INDEX a_pkey ON app.a USING btree (id)'), constraintIndex(b, 'b_pkey', 'CREATE UNIQUE INDEX b_pkey ON app.b USING btree (id)')] });
    const up = statements(diff(model(base), full));
    expect(up.filter((s) => !s.includes('OWNER'))).toEqual([
      'CREATE TABLE "app"."a" ("id" integer NOT NULL, "b_id" integer)',
      'CREATE TABLE "app"."b" ("id" integer NOT NULL, "a_id" integer)',
      'ALTER TABLE "app"."a" ADD CONSTRAINT "a_pkey" PRIMARY KEY (id)',
      'ALTER TABLE "app"."b" ADD CONSTRAINT "b_a_fk" FOREIGN KEY (a_id) REFERENCES app.a(id)',
      'ALTER TABLE "app"."b" ADD CONSTRAINT "b_pkey" PRIMARY KEY (id)',
      'ALTER TABLE "app"."a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY (b_id) REFERENCES app.b(id)',
    ]);
    expect(statements(diff(full, model(base)))).toEqual([
      'ALTER TABLE "app"."a" DROP CONSTRAINT "a_b_fk"',
      'ALTER TABLE "app"."b" DROP CONSTRAINT "b_a_fk"',
      'DROP TABLE "app"."a"',
      'DROP TABLE "app"."b"',
    ]);
  });

  test('a serial column: CREATE SEQUENCE, CREATE TABLE, then OWNED BY; dropping the table takes the sequence', () => {
    const s = sequence('app', 't_id_seq', { ownedBy: c('t', 'id') });
    const t = table('app', 't', [col('id', 'integer', { notNull: true, default: "nextval('app.t_id_seq'::regclass)", dependsOn: [s.id] })]);
    const full = model({ ...base, sequences: [s], tables: [t] });
    const up = statements(diff(model(base), full)).filter((x) => !x.includes('OWNER TO'));
    expect(up).toEqual([
      'CREATE SEQUENCE "app"."t_id_seq" AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE',
      `CREATE TABLE "app"."t" ("id" integer DEFAULT nextval('app.t_id_seq'::regclass) NOT NULL)`,
      'ALTER SEQUENCE "app"."t_id_seq" OWNED BY "app"."t"."id"',
    ]);
    expect(statements(diff(full, model(base)))).toEqual(['DROP TABLE "app"."t"']);
  });

  test('a column default calling a function that is created later is set after the function', () => {
    const t0 = table('app', 't', [col('id', 'integer')]);
    // The function returns rows of the table, so it needs the table first.
    const f = fn('app', 'next_id', '', { body: 'select 1', dependsOn: [t0.id] });
    const t = table('app', 't', [col('id', 'integer', { default: 'app.next_id()', dependsOn: [f.id] })]);
    const sql = statements(diff(model(base), model({ ...base, tables: [t], routines: [f] })));
    expect(at(sql, 'CREATE TABLE "app"."t" ("id" integer)')).toBeLessThan(at(sql, 'CREATE OR REPLACE FUNCTION "app"."next_id"'));
    expect(at(sql, 'CREATE OR REPLACE FUNCTION "app"."next_id"')).toBeLessThan(at(sql, 'ALTER TABLE "app"."t" ALTER COLUMN "id" SET DEFAULT app.next_id()'));
  });

  test('an enum losing a value is rebuilt: dependents dropped, rename, create, retype, drop old, dependents recreated', () => {
    const build = (labels: string[]) => {
      const e = enumType('app', 'state', labels);
      const t = table('app', 't', [col('s', 'app.state', { default: "'new'::app.state", dependsOn: [e.id] })]);
      return model({
        ...base,
        types: [e],
        tables: [t],
        views: [view('app', 'v', ' SELECT s\n   FROM app.t', [['s', 'app.state']], [t.id, c('t', 's'), e.id])],
        routines: [fn('app', 'is_new', 's app.state', { result: 'boolean', body: "select s = 'new'", dependsOn: [e.id] })],
      });
    };
    const changes = diff(build(['new', 'doing', 'done']), build(['new', 'done']));
    const sql = statements(changes);
    const order = [
      'DROP VIEW "app"."v"',
      'ALTER TYPE "app"."state" RENAME TO "state__pgshift_old"',
      `CREATE TYPE "app"."state" AS ENUM ('new', 'done')`,
      'ALTER TABLE "app"."t" ALTER COLUMN "s" DROP DEFAULT',
      'ALTER TABLE "app"."t" ALTER COLUMN "s" TYPE app.state USING "s"::text::app.state',
      `ALTER TABLE "app"."t" ALTER COLUMN "s" SET DEFAULT 'new'::app.state`,
      'DROP TYPE "app"."state__pgshift_old"',
    ].map((x) => at(sql, x));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(at(sql, 'DROP FUNCTION "app"."is_new"(s app.state)')).toBeLessThan(at(sql, 'RENAME TO'));
    expect(at(sql, 'CREATE OR REPLACE FUNCTION "app"."is_new"')).toBeGreaterThan(at(sql, 'CREATE TYPE'));
    expect(at(sql, 'CREATE VIEW "app"."v"')).toBeGreaterThan(at(sql, 'USING "s"::text::app.state'));
    expect(changes.flatMap((x) => x.hazards.map((h) => h.code))).toContain('enum-rebuild');
  });

  test('a partitioned table: parent, then partitions; the parent index is the only CREATE INDEX, without ONLY so it reaches the partitions', () => {
    const parent = table('app', 'm', [col('at', 'date', { notNull: true }), col('v', 'integer')], { partitionBy: 'RANGE (at)' });
    const p2024 = table('app', 'm_2024', [col('at', 'date', { notNull: true }), col('v', 'integer')], { partitionOf: { parent: parent.id, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" } });
    const i = index(parent, 'm_at', 'CREATE INDEX m_at ON ONLY app.m USING btree (at)');
    const pi = index(p2024, 'm_2024_at_idx', 'CREATE INDEX m_2024_at_idx ON app.m_2024 USING btree (at)', { partitionOf: i.id, columnNames: ['at'] });
    const full = model({ ...base, tables: [p2024, parent], indexes: [i, pi] });
    const up = statements(diff(model(base), full)).filter((x) => !x.includes('OWNER TO'));
    expect(up).toEqual([
      'CREATE TABLE "app"."m" ("at" date NOT NULL, "v" integer) PARTITION BY RANGE (at)',
      `CREATE TABLE "app"."m_2024" PARTITION OF "app"."m" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
      'CREATE INDEX m_at ON app.m USING btree (at)',
    ]);
    const moved = model({ ...base, tables: [{ ...p2024, partitionOf: { parent: parent.id, bound: "FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')" } }, parent], indexes: [i, pi] });
    expect(statements(diff(full, moved))).toEqual([
      'ALTER TABLE "app"."m" DETACH PARTITION "app"."m_2024"',
      `ALTER TABLE "app"."m" ATTACH PARTITION "app"."m_2024" FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')`,
    ]);
    expect(statements(diff(full, model(base)))).toEqual(['DROP TABLE "app"."m_2024"', 'DROP TABLE "app"."m"']);
  });

  test('a partition index of a name PostgreSQL would not choose: the parent ON ONLY after the partitions, the partition index by name, then attached', () => {
    const parent = table('app', 'm', [col('at', 'date', { notNull: true })], { partitionBy: 'RANGE (at)' });
    const p2024 = table('app', 'm_2024', [col('at', 'date', { notNull: true })], { partitionOf: { parent: parent.id, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" } });
    const i = index(parent, 'm_at', 'CREATE INDEX m_at ON ONLY app.m USING btree (at)');
    const pi = index(p2024, 'm_2024_by_day', 'CREATE INDEX m_2024_by_day ON app.m_2024 USING btree (at)', { partitionOf: i.id, columnNames: ['at'] });
    const up = statements(diff(model(base), model({ ...base, tables: [p2024, parent], indexes: [i, pi] }))).filter((x) => !x.includes('OWNER TO'));
    expect(up).toEqual([
      'CREATE TABLE "app"."m" ("at" date NOT NULL) PARTITION BY RANGE (at)',
      `CREATE TABLE "app"."m_2024" PARTITION OF "app"."m" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
      'CREATE INDEX m_2024_by_day ON app.m_2024 USING btree (at)',
      'CREATE INDEX m_at ON ONLY app.m USING btree (at)',
      'ALTER INDEX "app"."m_at" ATTACH PARTITION "app"."m_2024_by_day"',
    ]);
  });

  test('a domain constraint calling a replaced function is dropped before and re-added after it', () => {
    const f = (arg: string) => fn('app', 'ok', `v ${arg}`, { result: 'boolean', body: 'select true' });
    const build = (arg: string) =>
      model({
        ...base,
        routines: [f(arg)],
        types: [{ kind: 'domain', id: ids.type('app', 'd'), schema: 'app', name: 'd', baseType: 'integer', collation: null, default: null, notNull: false, constraints: [{ name: 'd_check', definition: 'CHECK (app.ok(VALUE))', validated: true }], owner: 'owner', acl: null, dependsOn: [f(arg).id] }],
      });
    const sql = statements(diff(build('integer'), build('bigint')));
    expect(at(sql, 'ALTER DOMAIN "app"."d" DROP CONSTRAINT "d_check"')).toBeLessThan(at(sql, 'DROP FUNCTION'));
    expect(at(sql, 'ALTER DOMAIN "app"."d" ADD CONSTRAINT "d_check"')).toBeGreaterThan(at(sql, 'CREATE OR REPLACE FUNCTION'));
  });

  test('a view changed compatibly is CREATE OR REPLACE; one that drops a column is drop+create with its dependents', () => {
    const t = table('app', 't', [col('a', 'integer'), col('b', 'integer')]);
    const v = (def: string, cols: [string, string][]) => view('app', 'v', def, cols, [t.id, c('t', 'a'), c('t', 'b')]);
    const dependent = view('app', 'w', ' SELECT a\n   FROM app.v', [['a', 'integer']], [ids.view('app', 'v'), ids.column('app', 'v', 'a')]);
    const from = model({ ...base, tables: [t], views: [v(' SELECT a\n   FROM app.t', [['a', 'integer']]), dependent] });
    const widened = model({ ...base, tables: [t], views: [v(' SELECT a,\n    b\n   FROM app.t', [['a', 'integer'], ['b', 'integer']]), dependent] });
    expect(diff(from, widened).map((x) => `${x.kind} ${x.objectId}`)).toEqual(['replace view "app"."v"']);
    const narrowed = diff(widened, from).map((x) => `${x.kind} ${x.objectId}`);
    expect(narrowed).toEqual(['drop view "app"."w"', 'drop view "app"."v"', 'create view "app"."v"', 'create view "app"."w"']);
  });
});
