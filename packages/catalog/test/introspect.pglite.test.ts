import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { introspect, parseModel, serializeModel, type SchemaModel } from '../src';
import { fixtureModelTests } from './fixture-model';
import { eventTriggerSql, fixtureSql, pgliteQuery } from './support';

jest.setTimeout(120_000);

describe('introspect on PGlite (PostgreSQL 18)', () => {
  let db: PGlite;
  let model: SchemaModel;
  let owner: string;

  beforeAll(async () => {
    db = new PGlite({ extensions: { citext } });
    await db.exec(fixtureSql);
    await db.exec(eventTriggerSql);
    owner = (await db.query<{ u: string }>('select current_user::text as u')).rows[0]!.u;
    model = await introspect(pgliteQuery(db));
  });
  afterAll(async () => {
    await db?.close();
  });

  fixtureModelTests(() => ({ model, owner }));

  test('records the server version it read', () => {
    expect(model.serverVersionNum).toBeGreaterThanOrEqual(180000);
  });

  test('reads the event trigger with its tags and function', () => {
    expect(model.eventTriggers).toEqual([
      {
        id: 'event trigger "catalog_fx_ddl"', kind: 'event trigger', name: 'catalog_fx_ddl', event: 'ddl_command_end',
        tags: ['CREATE TABLE', 'ALTER TABLE'], function: 'function "api"."on_ddl"()', enabled: 'O', owner: '', acl: null,
        comment: 'Watches DDL', dependsOn: ['function "api"."on_ddl"()'],
      },
    ]);
  });

  test('two introspections serialise to identical text that parses back to the model', async () => {
    const again = await introspect(pgliteQuery(db));
    expect(serializeModel(again)).toBe(serializeModel(model));
    expect(parseModel(serializeModel(model))).toEqual(JSON.parse(JSON.stringify(model)));
  });

  test('an include-list keeps only those schemas and drops dependencies that leave them', async () => {
    const api = await introspect(pgliteQuery(db), { schemas: ['api'] });
    expect(api.schemas.map((s) => s.name)).toEqual(['api']);
    expect(api.tables).toEqual([]);
    expect(api.views.map((v) => v.id)).toEqual(['materialized view "api"."todo_counts"', 'view "api"."todos"', 'view "api"."users"']);
    expect(api.views.find((v) => v.name === 'todos')!.dependsOn).toEqual(['schema "api"']);
    expect(api.extensions.map((e) => e.name)).toEqual(['citext']);
  });

  test('names a NOT NULL constraint only when the name is not the default one (PostgreSQL 18)', async () => {
    await db.exec(`create table data.named_nn (a int constraint a_required not null, b int not null)`);
    try {
      const m = await introspect(pgliteQuery(db), { schemas: ['data'] });
      const t = m.tables.find((x) => x.name === 'named_nn')!;
      expect(t.columns.map((c) => [c.name, c.notNull, c.notNullName])).toEqual([
        ['a', true, 'a_required'],
        ['b', true, undefined],
      ]);
      expect(t.constraints).toEqual([]);
    } finally {
      await db.exec('drop table data.named_nn');
    }
  });
});
