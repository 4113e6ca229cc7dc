import { diff, renderVerify } from '@pgshift/diff';
import { col, model, role, schema, statements, table } from './builders';

const base = { schemas: [schema('app')], roles: [role('owner')] };

describe('inheritance', () => {
  test('a child lists its inherited columns on creation and gains or loses parents with INHERIT / NO INHERIT', () => {
    const parent = table('app', 'p', [col('a', 'integer')]);
    const child = (inherits: string[]) => table('app', 'c', [col('a', 'integer'), col('b', 'text')], { inherits });
    const fresh = statements(diff(model(base), model({ ...base, tables: [parent, child([parent.id])] })));
    expect(fresh).toContain('CREATE TABLE "app"."c" ("a" integer, "b" text) INHERITS ("app"."p")');
    expect(fresh.indexOf('CREATE TABLE "app"."p" ("a" integer)')).toBeLessThan(fresh.indexOf('CREATE TABLE "app"."c" ("a" integer, "b" text) INHERITS ("app"."p")'));
    const attach = diff(model({ ...base, tables: [parent, child([])] }), model({ ...base, tables: [parent, child([parent.id])] }));
    expect(statements(attach)).toEqual(['ALTER TABLE "app"."c" INHERIT "app"."p"']);
    expect(renderVerify(attach)).toContain('app.c inherits from app.p');
    expect(statements(diff(model({ ...base, tables: [parent, child([parent.id])] }), model({ ...base, tables: [parent, child([])] })))).toEqual(['ALTER TABLE "app"."c" NO INHERIT "app"."p"']);
  });

  test('a column added to a parent is added once, on the parent', () => {
    const parent = (cols: string[]) => table('app', 'p', cols.map((n) => col(n, 'integer')));
    const child = (cols: string[]) => table('app', 'c', cols.map((n) => col(n, 'integer')), { inherits: [parent([]).id] });
    const from = model({ ...base, tables: [parent(['a']), child(['a'])] });
    const to = model({ ...base, tables: [parent(['a', 'x']), child(['a', 'x'])] });
    expect(statements(diff(from, to))).toEqual(['ALTER TABLE "app"."p" ADD COLUMN "x" integer']);
  });
});
