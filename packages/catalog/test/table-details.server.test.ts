import { describeWith, postgresServer } from '@pgshift/test-support';
import { introspect, type SchemaModel } from '../src';
import { clientQuery, ScratchDatabase } from './support';

jest.setTimeout(120_000);

describeWith([postgresServer], 'table details on the PostgreSQL server', () => {
  const scratch = new ScratchDatabase();
  let model: SchemaModel;
  const table = (name: string) => model.tables.find((t) => t.name === name)!;
  const column = (t: string, name: string) => table(t).columns.find((c) => c.name === name)!;
  const index = (name: string) => model.indexes.find((i) => i.name === name)!;

  beforeAll(async () => {
    const client = await scratch.create();
    await client.query(`
      create table parent (id int not null default 0, note text);
      create table child (extra text, note text default 'x') inherits (parent);
      alter table only child alter column id set default 1;
      create table t (id int primary key, body text compression pglz, kind text) with (fillfactor = 90, toast.autovacuum_enabled = false);
      alter table t alter column kind set statistics 200;
      alter table t alter column kind set (n_distinct = 12);
      create unique index t_kind on t (kind);
      alter table t alter column kind set not null;
      alter table t cluster on t_pkey;
      alter table t replica identity using index t_kind;
      comment on index t_pkey is 'primary key';
      create sequence s;
      revoke all on sequence s from public;`);
    model = await introspect(clientQuery(client));
  });
  afterAll(async () => {
    await scratch.drop();
  });

  test('a column a child only inherits is marked; one it declares too is not', () => {
    expect(column('child', 'id').inheritedOnly).toBe(true);
    expect(column('child', 'id').default).toBe('1');
    expect(column('child', 'note').inheritedOnly).toBeUndefined();
    expect(column('child', 'extra').inheritedOnly).toBeUndefined();
    expect(column('parent', 'id').inheritedOnly).toBeUndefined();
  });

  test('statistics target, attribute options and compression are read per column', () => {
    expect(column('t', 'kind')).toMatchObject({ statistics: 200, options: ['n_distinct=12'] });
    expect(column('t', 'body').compression).toBe('pglz');
    expect(column('t', 'id').statistics).toBeUndefined();
    expect(column('t', 'id').options).toBeUndefined();
  });

  test('CLUSTER ON, replica identity index and the comment of a constraint index are on the index', () => {
    expect(index('t_pkey')).toMatchObject({ clustered: true, comment: 'primary key', constraint: 't_pkey' });
    expect(index('t_kind').replicaIdentity).toBe(true);
    expect(index('t_kind').clustered).toBeUndefined();
    expect(table('t').replicaIdentity).toBe('i');
  });

  test("the TOAST table's options are table options with a toast. prefix", () => {
    expect(table('t').options).toEqual(['fillfactor=90', 'toast.autovacuum_enabled=false']);
  });

  test('an ACL holding exactly the default privileges reads as the default', () => {
    expect(model.sequences.find((s) => s.name === 's')!.acl).toBeNull();
  });
});
