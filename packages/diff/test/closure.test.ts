import { ids } from '@pgshift/catalog';
import { diff, DiffError } from '@pgshift/diff';
import { at, col, grant, model, policy, role, schema, sequence, statements, table, trigger, view, fn } from './builders';

const app = schema('app');
const base = { schemas: [app], roles: [role('owner'), role('web')] };
const c = (t: string, name: string) => ids.column('app', t, name);

describe('closure and graph', () => {
  test('a policy and a trigger that use a retyped column are recreated around the ALTER', () => {
    const tg = fn('app', 'tg', '', { result: 'trigger', definition: 'CREATE OR REPLACE FUNCTION app.tg()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin return new; end $function$\n' });
    const build = (type: string) => {
      const t = table('app', 't', [col('a', type)], { rowSecurity: true });
      return model({
        ...base,
        tables: [t],
        routines: [tg],
        policies: [policy(t, 'p', { using: '(a > 0)', dependsOn: [c('t', 'a')] })],
        triggers: [trigger(t, 'tr', 'CREATE TRIGGER tr BEFORE UPDATE OF a ON app.t FOR EACH ROW EXECUTE FUNCTION app.tg()', [tg.id, c('t', 'a')])],
      });
    };
    const sql = statements(diff(build('integer'), build('bigint')));
    const alter = at(sql, 'ALTER COLUMN "a" TYPE bigint');
    expect(at(sql, 'DROP POLICY "p"')).toBeLessThan(alter);
    expect(at(sql, 'DROP TRIGGER "tr"')).toBeLessThan(alter);
    expect(at(sql, 'CREATE POLICY "p"')).toBeGreaterThan(alter);
    expect(at(sql, 'CREATE TRIGGER tr')).toBeGreaterThan(alter);
  });

  test('a table that is recreated keeps its serial sequence: unlinked before the drop, linked again after', () => {
    const s = sequence('app', 't_id_seq', { ownedBy: c('t', 'id') });
    const build = (partitionBy: string | null) =>
      model({ ...base, sequences: [s], tables: [table('app', 't', [col('id', 'integer', { notNull: true, default: "nextval('app.t_id_seq'::regclass)", dependsOn: [s.id] })], { partitionBy })] });
    const changes = diff(build(null), build('RANGE (id)'));
    const sql = statements(changes);
    expect(at(sql, 'OWNED BY NONE')).toBeLessThan(at(sql, 'DROP TABLE "app"."t"'));
    expect(at(sql, 'CREATE TABLE "app"."t"')).toBeLessThan(at(sql, 'OWNED BY "app"."t"."id"'));
    expect(sql).not.toContain('DROP SEQUENCE "app"."t_id_seq"');
    expect(changes.flatMap((x) => x.hazards.map((h) => h.code))).toContain('data-loss');
  });

  test('grants on an identity sequence follow its table', () => {
    const seq = { name: 't_id_seq', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false, dataType: 'integer' };
    const t = table('app', 't', [col('id', 'integer', { notNull: true, identity: 'a', identitySequence: seq })]);
    const s = sequence('app', 't_id_seq', { identity: true, ownedBy: c('t', 'id'), acl: [grant('owner', 'SELECT'), grant('owner', 'UPDATE'), grant('owner', 'USAGE'), grant('web', 'USAGE')] });
    const sql = statements(diff(model(base), model({ ...base, tables: [t], sequences: [s] })));
    expect(at(sql, 'GRANT USAGE ON SEQUENCE "app"."t_id_seq" TO "web"')).toBeGreaterThan(at(sql, 'CREATE TABLE "app"."t"'));
    expect(sql.filter((x) => x.includes('CREATE SEQUENCE'))).toEqual([]);
  });

  test('a dependency cycle among changes is reported with the cycle, not silently ordered', () => {
    const a = view('app', 'a', ' SELECT 1', [['x', 'integer']], [ids.view('app', 'b')]);
    const b = view('app', 'b', ' SELECT 1', [['x', 'integer']], [ids.view('app', 'a')]);
    const run = () => diff(model(base), model({ ...base, views: [a, b] }));
    expect(run).toThrow(DiffError);
    expect(run).toThrow(/create view "app"."a" → create view "app"."b" → create view "app"."a"|create view "app"."b" → create view "app"."a" → create view "app"."b"/);
  });

  test('a dropped column takes the view using it along, and the view comes back without it', () => {
    const t = (cols: string[]) => table('app', 't', cols.map((n) => col(n, 'integer')));
    const v = view('app', 'v', ' SELECT a\n   FROM app.t', [['a', 'integer']], [ids.table('app', 't'), c('t', 'a')]);
    const vOld = view('app', 'v', ' SELECT a,\n    b\n   FROM app.t', [['a', 'integer'], ['b', 'integer']], [ids.table('app', 't'), c('t', 'a'), c('t', 'b')]);
    const sql = statements(diff(model({ ...base, tables: [t(['a', 'b'])], views: [vOld] }), model({ ...base, tables: [t(['a'])], views: [v] })));
    expect(sql).toEqual(['DROP VIEW "app"."v"', 'ALTER TABLE "app"."t" DROP COLUMN "b"', 'CREATE VIEW "app"."v" AS\nSELECT a\n   FROM app.t', 'ALTER VIEW "app"."v" OWNER TO "owner"']);
  });
});
