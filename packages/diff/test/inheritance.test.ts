import { diff, renderVerify } from '@pgshift/diff';
import type { Column } from '@pgshift/catalog';
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

  test('a column that only comes from the parent is left out of CREATE TABLE; its own default is set with ONLY', () => {
    const parent = table('app', 'p', [col('a', 'integer', { notNull: true, default: '0' })]);
    const child = (extra: Partial<Column>) => table('app', 'c', [col('a', 'integer', { notNull: true, inheritedOnly: true, ...extra }), col('b', 'text')], { inherits: [parent.id] });
    const created = statements(diff(model({ ...base, tables: [parent] }), model({ ...base, tables: [parent, child({ default: '1' })] })));
    expect(created).toContain('CREATE TABLE "app"."c" ("b" text) INHERITS ("app"."p")');
    expect(created).toContain('ALTER TABLE ONLY "app"."c" ALTER COLUMN "a" SET DEFAULT 1');
    const same = statements(diff(model({ ...base, tables: [parent] }), model({ ...base, tables: [parent, child({ default: '0' })] })));
    expect(same.filter((s) => s.includes('DEFAULT'))).toEqual([]);
    // The child's default is its own: changing it touches the child only.
    const changed = diff(model({ ...base, tables: [parent, child({ default: '0' })] }), model({ ...base, tables: [parent, child({ default: '2' })] }));
    expect(statements(changed)).toEqual(['ALTER TABLE ONLY "app"."c" ALTER COLUMN "a" SET DEFAULT 2']);
    const parentOnly = diff(model({ ...base, tables: [parent, child({ default: '0' })] }), model({ ...base, tables: [{ ...parent, columns: [{ ...parent.columns[0]!, default: '5' }] }, child({ default: '0' })] }));
    expect(statements(parentOnly)).toEqual(['ALTER TABLE ONLY "app"."p" ALTER COLUMN "a" SET DEFAULT 5']);
  });

  test('a child whose inherited-only column loses every parent that has it is created anew', () => {
    const parent = (name: string) => table('app', name, [col('id', 'integer')]);
    const child = (p: string) => table('app', 'c', [col('id', 'integer', { inheritedOnly: true })], { inherits: [parent(p).id] });
    const changes = diff(model({ ...base, tables: [parent('p1'), parent('p2'), child('p1')] }), model({ ...base, tables: [parent('p1'), parent('p2'), child('p2')] }));
    expect(changes.map((c) => `${c.kind} ${c.objectId}`)).toEqual(expect.arrayContaining(['drop table "app"."c"', 'create table "app"."c"']));
  });

  test('a column added to a parent is added once, on the parent', () => {
    const parent = (cols: string[]) => table('app', 'p', cols.map((n) => col(n, 'integer')));
    const child = (cols: string[]) => table('app', 'c', cols.map((n) => col(n, 'integer')), { inherits: [parent([]).id] });
    const from = model({ ...base, tables: [parent(['a']), child(['a'])] });
    const to = model({ ...base, tables: [parent(['a', 'x']), child(['a', 'x'])] });
    expect(statements(diff(from, to))).toEqual(['ALTER TABLE "app"."p" ADD COLUMN "x" integer']);
  });
});
