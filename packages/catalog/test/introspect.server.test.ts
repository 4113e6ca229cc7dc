import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { describeWith, postgresServer } from '@pgshift/test-support';
import { introspect, serializeModel, type SchemaModel } from '../src';
import { fixtureModelTests } from './fixture-model';
import { clientQuery, eventTriggerSql, fixtureSql, pgliteQuery, ScratchDatabase, withoutVersionDifferences } from './support';

jest.setTimeout(180_000);

describeWith([postgresServer], 'introspect on the PostgreSQL server', () => {
  const scratch = new ScratchDatabase();
  let model: SchemaModel;
  let owner: string;

  beforeAll(async () => {
    const client = await scratch.create();
    await client.query(fixtureSql);
    await client.query(eventTriggerSql);
    owner = (await client.query('select current_user::text as u')).rows[0].u;
    model = await introspect(clientQuery(client));
  });
  afterAll(async () => {
    await scratch.drop();
  });

  fixtureModelTests(() => ({ model, owner }));

  test('two introspections serialise to identical text', async () => {
    expect(serializeModel(await introspect(clientQuery(scratch.client)))).toBe(serializeModel(model));
  });

  // PGlite loads as postgres, the server as its admin user: both are recorded as ''.
  test('gives the same model as PGlite, loaded by another role, except for known version differences', async () => {
    const db = new PGlite({ extensions: { citext } });
    try {
      await db.exec(fixtureSql);
      await db.exec(eventTriggerSql);
      const liteOwner = (await db.query<{ u: string }>('select current_user::text as u')).rows[0]!.u;
      const lite = await introspect(pgliteQuery(db));
      const server = model;
      if (liteOwner === owner) throw new Error(`both engines load as ${owner}: the comparison would prove nothing`);
      expect(withoutVersionDifferences(server)).toEqual(withoutVersionDifferences(lite));
      // The differences themselves are what they are said to be.
      expect(server.serverVersionNum).not.toBe(lite.serverVersionNum);
    } finally {
      await db.close();
    }
  });
});
