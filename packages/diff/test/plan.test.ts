import { emptyModel, type SchemaModel } from '@pgshift/catalog';
import { diff, planMigration, renderDeploy, renderVerify } from '@pgshift/diff';
import { realisticModel } from './realistic';

function shuffled(m: SchemaModel): SchemaModel {
  const rev = <T>(xs: T[]) => [...xs].reverse();
  return {
    ...m,
    roles: rev(m.roles),
    schemas: rev(m.schemas),
    tables: rev(m.tables).map((t) => ({ ...t, constraints: rev(t.constraints) })),
    indexes: rev(m.indexes),
    views: rev(m.views),
    routines: rev(m.routines),
    sequences: rev(m.sequences),
  };
}

describe('plan', () => {
  const empty = emptyModel(150000);

  test('identical models give no changes and empty scripts', () => {
    const plan = planMigration(realisticModel(), realisticModel());
    expect(plan).toEqual({ deploy: '', revert: '', verify: '', hazards: [], changes: [] });
  });

  test('rendering is deterministic and independent of input order', () => {
    const a = planMigration(empty, realisticModel());
    const b = planMigration(empty, realisticModel());
    const c = planMigration(empty, shuffled(realisticModel()));
    expect(b.deploy).toBe(a.deploy);
    expect(c.deploy).toBe(a.deploy);
    expect(c.verify).toBe(a.verify);
  });

  test('revert is the diff from the new model back to the old one', () => {
    const plan = planMigration(empty, realisticModel());
    expect(plan.revert).toBe(renderDeploy(diff(realisticModel(), empty)));
    expect(plan.revert).toContain('DROP SCHEMA "api"');
    expect(plan.revert).not.toContain('DROP ROLE');
  });

  test('creating a realistic model from nothing, and dropping it again, has no cycle', () => {
    const up = diff(empty, realisticModel());
    const sql = up.flatMap((c) => c.statements);
    const pos = (s: string) => sql.findIndex((x) => x.includes(s));
    expect(pos('CREATE SCHEMA "data"')).toBeLessThan(pos('CREATE TYPE "data"."state"'));
    expect(pos('CREATE SEQUENCE "data"."users_id_seq"')).toBeLessThan(pos('CREATE TABLE "data"."users"'));
    expect(pos('CREATE TABLE "data"."users"')).toBeLessThan(pos('OWNED BY "data"."users"."id"'));
    expect(pos('ADD CONSTRAINT "users_pkey"')).toBeLessThan(pos('ADD CONSTRAINT "todos_owner_id_fkey"'));
    expect(pos('CREATE OR REPLACE FUNCTION api.current_user_id')).toBeLessThan(pos('CREATE VIEW "api"."todos"'));
    expect(pos('CREATE OR REPLACE FUNCTION api.current_user_id')).toBeLessThan(pos('CREATE POLICY "own_todos"'));
    expect(pos('CREATE OR REPLACE FUNCTION data.touch')).toBeLessThan(pos('CREATE TRIGGER todos_touch'));
    expect(sql.filter((s) => s.includes('todos_id_seq') && s.startsWith('CREATE SEQUENCE'))).toEqual([]);
    expect(sql.filter((s) => s.startsWith('CREATE UNIQUE INDEX'))).toEqual([]);
    const down = diff(realisticModel(), empty).flatMap((c) => c.statements);
    expect(down.indexOf('DROP TABLE "data"."todos"')).toBeLessThan(down.indexOf('DROP TABLE "data"."users"'));
    expect(down.indexOf('DROP VIEW "api"."todos"')).toBeLessThan(down.indexOf('DROP FUNCTION "api"."current_user_id"()'));
  });

  test('hazards are rendered as comments above their statements and returned as data', () => {
    const plan = planMigration(realisticModel(), empty);
    expect(plan.hazards.map((h) => h.code)).toEqual(expect.arrayContaining(['data-loss']));
    expect(plan.deploy).toMatch(/-- hazard: data-loss: dropping table data\.todos loses its rows\nDROP TABLE "data"\."todos";/);
  });

  test('verify has one raising check per created object, run with an empty search_path', () => {
    const plan = planMigration(empty, realisticModel());
    expect(plan.verify.startsWith("SELECT pg_catalog.set_config('search_path', '', false);")).toBe(true);
    expect(plan.verify).toContain('table data.todos exists');
    expect(plan.verify).toContain('view api.todos exists');
    expect(plan.verify).toContain('function api.todo_count() exists');
    // Created from nothing, so later redefinitions keep this verify passing: no definition checks.
    expect(plan.verify).not.toContain('has its definition');
    expect(plan.verify).toContain('policy own_todos on data.todos');
    expect(plan.verify).toContain('column data.todos.state is data.state not null');
    expect(renderVerify([])).toBe('');
  });

  test('a replaced view is verified against its query as the checking server deparses it', () => {
    const before = realisticModel();
    const after = realisticModel();
    const view = after.views.find((v) => v.name === 'todos')!;
    view.definition = `${view.definition} WHERE true`;
    const plan = planMigration(before, after);
    expect(plan.verify).toContain('view api.todos has its definition');
    expect(plan.verify).toContain("EXECUTE 'CREATE TEMPORARY VIEW pgshift_expected_view AS");
  });
});
