import { diff } from '@pgshift/diff';
import { col, constraint, constraintIndex, index, model, role, schema, statements, table } from './builders';

const base = { schemas: [schema('app')], roles: [role('owner')] };
const bound = "FOR VALUES FROM ('2006-01-01') TO ('2007-01-01')";
const parent = table('app', 'm', [col('d', 'date', { notNull: true })], { partitionBy: 'RANGE (d)' });
const parentIndex = index(parent, 'm_d_idx', 'CREATE INDEX m_d_idx ON ONLY app.m USING btree (d)');
const partition = table('app', 'm1', [col('d', 'date', { notNull: true })], { partitionOf: { parent: parent.id, bound } });
const plain = table('app', 'm1', [col('d', 'date', { notNull: true })]);
const attached = (name: string) => index(partition, name, `CREATE INDEX ${name} ON app.m1 USING btree (d)`, { partitionOf: parentIndex.id });
const own = (name: string, columns = 'd') => index(plain, name, `CREATE INDEX ${name} ON app.m1 USING btree (${columns})`);

describe('tables that leave or join a parent', () => {
  test('a detached partition keeps its attached index as its own: dropped after the DETACH, or left as it is', () => {
    const before = model({ ...base, tables: [parent, partition], indexes: [parentIndex, attached('m1_d_idx')] });
    expect(statements(diff(before, model({ ...base, tables: [parent, plain], indexes: [parentIndex] })))).toEqual(['ALTER TABLE "app"."m" DETACH PARTITION "app"."m1"', 'DROP INDEX "app"."m1_d_idx"']);
    expect(statements(diff(before, model({ ...base, tables: [parent, plain], indexes: [parentIndex, own('m1_d_idx')] })))).toEqual(['ALTER TABLE "app"."m" DETACH PARTITION "app"."m1"']);
    expect(statements(diff(before, model({ ...base, tables: [parent, plain], indexes: [parentIndex, own('m1_d_idx', 'd DESC')] })))).toEqual([
      'ALTER TABLE "app"."m" DETACH PARTITION "app"."m1"',
      'DROP INDEX "app"."m1_d_idx"',
      'CREATE INDEX m1_d_idx ON app.m1 USING btree (d DESC)',
    ]);
  });

  test('the DETACH runs before the parent index or key it keeps a copy of is dropped', () => {
    const before = model({ ...base, tables: [parent, partition], indexes: [parentIndex, attached('m1_d_idx')] });
    expect(statements(diff(before, model({ ...base, tables: [parent, plain], indexes: [own('m1_d_idx')] })))).toEqual(['ALTER TABLE "app"."m" DETACH PARTITION "app"."m1"', 'DROP INDEX "app"."m_d_idx"']);
    const keyed = { ...parent, constraints: [constraint('m_pkey', 'p', 'PRIMARY KEY (d)')] };
    const keyedPartition = { ...partition, constraints: [constraint('m1_pkey', 'p', 'PRIMARY KEY (d)', { inherited: true })] };
    const pkIndex = constraintIndex(keyed, 'm_pkey', 'CREATE UNIQUE INDEX m_pkey ON ONLY app.m USING btree (d)');
    const from = model({ ...base, tables: [keyed, keyedPartition], indexes: [pkIndex, { ...constraintIndex(keyedPartition, 'm1_pkey', 'CREATE UNIQUE INDEX m1_pkey ON app.m1 USING btree (d)'), partitionOf: pkIndex.id }] });
    const keptKey = { ...plain, constraints: [constraint('m1_pkey', 'p', 'PRIMARY KEY (d)')] };
    const to = model({ ...base, tables: [parent, keptKey], indexes: [constraintIndex(keptKey, 'm1_pkey', 'CREATE UNIQUE INDEX m1_pkey ON app.m1 USING btree (d)')] });
    expect(statements(diff(from, to))).toEqual(['ALTER TABLE "app"."m" DETACH PARTITION "app"."m1"', 'ALTER TABLE "app"."m" DROP CONSTRAINT "m_pkey"']);
  });

  test('ATTACH adopts the index and check the table has; a missing one is built first, under the name the target gives it', () => {
    const checked = { ...parent, constraints: [constraint('ck', 'c', 'CHECK ((d > \'2000-01-01\'::date))')] };
    const child = { ...partition, constraints: [constraint('ck', 'c', 'CHECK ((d > \'2000-01-01\'::date))', { inherited: true })] };
    const to = model({ ...base, tables: [checked, child], indexes: [parentIndex, attached('m1_custom')] });
    const ownCheck = { ...plain, constraints: [constraint('ck', 'c', 'CHECK ((d > \'2000-01-01\'::date))')] };
    expect(statements(diff(model({ ...base, tables: [checked, ownCheck], indexes: [parentIndex, own('m1_custom')] }), to))).toEqual([`ALTER TABLE "app"."m" ATTACH PARTITION "app"."m1" ${bound}`]);
    expect(statements(diff(model({ ...base, tables: [checked, plain], indexes: [parentIndex, own('m1_d_idx')] }), to))).toEqual([
      'DROP INDEX "app"."m1_d_idx"',
      'ALTER TABLE "app"."m1" ADD CONSTRAINT "ck" CHECK ((d > \'2000-01-01\'::date))',
      'CREATE INDEX m1_custom ON app.m1 USING btree (d)',
      `ALTER TABLE "app"."m" ATTACH PARTITION "app"."m1" ${bound}`,
    ]);
  });

  test('a child keeps its parent\'s check over NO INHERIT; INHERIT waits for the check it merges', () => {
    const p = table('app', 'p', [col('id', 'integer')], { constraints: [constraint('pos', 'c', 'CHECK ((id > 0))')] });
    const child = (inherits: string[], pos: 'inherited' | 'local' | null) =>
      table('app', 'c', [col('id', 'integer'), col('x', 'integer')], { inherits, constraints: pos ? [constraint('pos', 'c', 'CHECK ((id > 0))', { inherited: pos === 'inherited' })] : [] });
    const inheriting = model({ ...base, tables: [p, child([p.id], 'inherited')] });
    expect(statements(diff(inheriting, model({ ...base, tables: [p, child([], null)] })))).toEqual(['ALTER TABLE "app"."c" NO INHERIT "app"."p"', 'ALTER TABLE "app"."c" DROP CONSTRAINT "pos"']);
    expect(statements(diff(inheriting, model({ ...base, tables: [p, child([], 'local')] })))).toEqual(['ALTER TABLE "app"."c" NO INHERIT "app"."p"']);
    expect(statements(diff(model({ ...base, tables: [p, child([], null)] }), model({ ...base, tables: [p, child([p.id], 'local')] })))).toEqual([
      'ALTER TABLE "app"."c" ADD CONSTRAINT "pos" CHECK ((id > 0))',
      'ALTER TABLE "app"."c" INHERIT "app"."p"',
    ]);
  });

  test('a child that would have a check only through a new parent is created anew: INHERIT merges it into a local one', () => {
    const p = table('app', 'p', [col('id', 'integer')], { constraints: [constraint('pos', 'c', 'CHECK ((id > 0))')] });
    const c = (inherits: string[], inherited: boolean) => table('app', 'c', [col('id', 'integer')], { inherits, constraints: [constraint('pos', 'c', 'CHECK ((id > 0))', { inherited })] });
    const changes = diff(model({ ...base, tables: [p, c([], false)] }), model({ ...base, tables: [p, c([p.id], true)] }));
    expect(changes.map((x) => `${x.kind} ${x.objectId}`)).toEqual(expect.arrayContaining(['drop table "app"."c"', 'create table "app"."c"']));
  });
});
