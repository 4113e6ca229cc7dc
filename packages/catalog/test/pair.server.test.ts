import type { Client } from 'pg';
import { describeWith, postgresServer } from '@pgshift/test-support';
import { ids, introspect, introspectPair, type SchemaModel } from '../src';
import { largeSchemaSql } from './large-schema';
import { clientQuery, ScratchDatabase } from './support';

jest.setTimeout(300_000);

const TABLES = 60;

/** Ids of the relations and routines a model holds. */
function owners(m: SchemaModel): string[] {
  return [...m.tables, ...m.views, ...m.sequences, ...m.routines].map((o) => o.id).sort();
}

/** The object without its dependencies (and those of its columns and constraints). */
const withoutDeps = (o: object) => JSON.parse(JSON.stringify(o, (k, v) => (k === 'dependsOn' ? undefined : v)));

/** Every object of the smaller model is the object of the whole one, but for dependencies on what was left out. */
function expectPartOf(part: SchemaModel, whole: SchemaModel): void {
  const kinds = ['tables', 'views', 'sequences', 'routines', 'indexes', 'triggers', 'policies', 'types', 'schemas'] as const;
  for (const kind of kinds) {
    const all = new Map((whole[kind] as { id: string; dependsOn: string[] }[]).map((o) => [o.id, o]));
    for (const o of part[kind] as { id: string; dependsOn: string[] }[]) {
      const w = all.get(o.id);
      expect(w).toBeDefined();
      expect(withoutDeps(o)).toEqual(withoutDeps(w!));
      for (const d of o.dependsOn) expect(w!.dependsOn).toContain(d);
    }
  }
}

describeWith([postgresServer], 'two databases read together', () => {
  const from = new ScratchDatabase();
  const to = new ScratchDatabase();
  let a: Client;
  let b: Client;

  beforeAll(async () => {
    [a, b] = await Promise.all([from.create(), to.create()]);
    // The same schema, made in another order on each side: every oid differs.
    await a.query(largeSchemaSql(TABLES));
    await b.query(`create table public.first (id int); create function public.first() returns int language sql as 'select 1'; drop table public.first;`);
    await b.query(largeSchemaSql(TABLES));
    await b.query(`drop function public.first()`);
  });
  afterAll(async () => {
    await Promise.all([from.drop(), to.drop()]);
  });

  const pair = () => introspectPair([clientQuery(a)], [clientQuery(b)], { minOwners: 0 });

  test('what is the same on both sides is left out, however its oids differ', async () => {
    const [ma, mb] = await pair();
    expect(owners(ma)).toEqual([]);
    expect(owners(mb)).toEqual([]);
    // Types, schemas and other objects read whole are still there; the left-out relations keep their names.
    expect(ma.types.map((t) => t.id)).toEqual([ids.type('big', 'level')]);
    expect(mb.unreadRelations).toContain('big.t7');
    expect(mb.unreadRelations).toContain('big.t7_c1_idx');
  });

  test('below the threshold both databases are read whole', async () => {
    const [ma, mb] = await introspectPair([clientQuery(a)], [clientQuery(b)], { minOwners: 100_000 });
    expect(ma).toEqual(await introspect(clientQuery(a)));
    expect(mb).toEqual(await introspect(clientQuery(b)));
  });

  test('a change of privileges reads the table, not what depends on it', async () => {
    await b.query(`grant delete on big.t5 to catalog_fx_anon`);
    try {
      const [ma, mb] = await pair();
      // t5 with what it uses: the table its foreign key references and its sequence.
      expect(owners(mb)).toEqual([ids.sequence('big', 't5_id_seq'), ids.table('big', 't4'), ids.table('big', 't5')].sort());
      expect(owners(ma)).toEqual(owners(mb));
      expectPartOf(mb, await introspect(clientQuery(b)));
    } finally {
      await b.query(`revoke delete on big.t5 from catalog_fx_anon`);
    }
  });

  test('a changed column reads what depends on its table, and what those use', async () => {
    await b.query(`drop view big.v7; alter table big.t7 alter column c0 type bigint;
                   create view big.v7 as select id, level, c0, c1 from big.t7 where c2 is not null`);
    try {
      const [ma, mb] = await pair();
      const read = owners(mb);
      // The view over t7, t8, whose foreign key references it, and what t7 and t8 use. A function
      // whose body is a string records no dependency on what it reads.
      const expected = [ids.table('big', 't6'), ids.table('big', 't7'), ids.table('big', 't8'), ids.view('big', 'v7'), ids.sequence('big', 't7_id_seq'), ids.sequence('big', 't8_id_seq')];
      expect(read).toEqual(expected.sort());
      expect(owners(ma)).toEqual(read);
      expectPartOf(ma, await introspect(clientQuery(a)));
      expectPartOf(mb, await introspect(clientQuery(b)));
    } finally {
      await b.query(`drop view big.v7; alter table big.t7 alter column c0 type integer;
                     create view big.v7 as select id, level, c0, c1 from big.t7 where c2 is not null`);
    }
  });

  test('an enum that only gains a label leaves the columns that store it alone; one that loses one does not', async () => {
    await b.query(`alter type big.level add value 'top'`);
    let [ma, mb] = await pair();
    expect(owners(ma)).toEqual([]);
    expect(mb.types.find((t) => t.id === ids.type('big', 'level'))).toMatchObject({ labels: ['low', 'mid', 'high', 'top'] });
    [mb, ma] = await introspectPair([clientQuery(b)], [clientQuery(a)], { minOwners: 0 });
    expect(owners(mb)).toContain(ids.table('big', 't33'));
    expect(owners(mb)).toContain(ids.view('big', 'v33'));
    expect(owners(ma)).toEqual(owners(mb));
  });
});
