/**
 * Assertions on the model of fixture.sql, shared by the PGlite (18) and server (15) test files.
 * `owner` is the role that loaded the fixture: the model records it as ''.
 */
import type { SchemaModel, Table } from '../src';
import { ids } from '../src';
import { byId } from './support';

export function fixtureModelTests(get: () => { model: SchemaModel; owner: string }): void {
  const model = () => get().model;
  const table = (schema: string, name: string): Table => byId(model().tables, ids.table(schema, name));
  const column = (schema: string, t: string, name: string) => table(schema, t).columns.find((c) => c.name === name)!;

  test('reads schemas with owner, ACL and comment, and leaves out system schemas', () => {
    expect(model().schemas.map((s) => s.name)).toEqual(['api', 'data', 'public']);
    expect(byId(model().schemas, ids.schema('data'))).toEqual({
      id: 'schema "data"', kind: 'schema', name: 'data', owner: '', acl: null, comment: 'Application data', dependsOn: [],
    });
    expect(byId(model().schemas, ids.schema('api')).acl).toEqual([
      { grantee: '', privilege: 'CREATE', grantable: false },
      { grantee: '', privilege: 'USAGE', grantable: false },
      { grantee: 'catalog_fx_anon', privilege: 'USAGE', grantable: false },
      { grantee: 'catalog_fx_user', privilege: 'USAGE', grantable: false },
    ]);
  });

  test('records the loading role as \'\' and keeps an explicit owner by name', () => {
    const { owner } = get();
    expect(byId(model().tables, ids.table('data', 'todos')).owner).toBe('');
    expect(byId(model().routines, 'procedure "api"."finish"(IN todo_id integer)').owner).toBe('catalog_fx_user');
    expect(model().roles.map((r) => r.name)).not.toContain(owner);
    expect(model().roles.map((r) => r.name)).not.toContain('');
    expect(JSON.stringify(model())).not.toContain(JSON.stringify(owner));
  });

  test('reads an ACL that grants exactly the built-in default as null, whatever its order', () => {
    expect(byId(model().routines, 'function "api"."sum_step"(state integer, value integer)').acl).toBeNull();
  });

  test('keeps the extension but none of its members', () => {
    expect(model().extensions.map((e) => [e.id, e.schema])).toEqual([['extension "citext"', 'public']]);
    const names = [...model().routines, ...model().types].map((o) => o.id);
    expect(names.filter((n) => n.includes('citext'))).toEqual([]);
    expect(column('data', 'logins', 'email').dependsOn).toEqual(['extension "citext"']);
    expect(byId(model().types, ids.type('data', 'email')).dependsOn).toEqual(['extension "citext"', 'schema "data"']);
  });

  test('reads enums, domains with constraints, composites and ranges', () => {
    expect(byId(model().types, ids.type('data', 'status'))).toMatchObject({ kind: 'enum', labels: ['todo', 'doing', 'done'], comment: 'Workflow state' });
    expect(byId(model().types, ids.type('data', 'positive'))).toMatchObject({
      kind: 'domain', baseType: 'integer', notNull: true, default: '1', collation: null,
      constraints: [{ name: 'positive_check', definition: 'CHECK ((VALUE > 0))', validated: true }],
    });
    expect(byId(model().types, ids.type('data', 'address'))).toMatchObject({
      kind: 'composite',
      attributes: [{ name: 'street', type: 'text', collation: null }, { name: 'city', type: 'text', collation: '"pg_catalog"."C"' }],
    });
    const range = byId(model().types, ids.type('data', 'floatrange'));
    expect(range).toMatchObject({ kind: 'range', subtype: 'double precision', subtypeDiff: '"data"."float8_diff"', canonical: null, multirangeName: 'floatmultirange' });
    expect(range.dependsOn).toContain('function "data"."float8_diff"(a double precision, b double precision)');
    expect(model().routines.map((r) => r.name)).not.toContain('floatrange');
  });

  test('reads a collation', () => {
    expect(byId(model().collations, ids.collation('data', 'c_sort'))).toMatchObject({ provider: 'c', lcCollate: 'C', lcCtype: 'C', locale: null, deterministic: true });
  });

  test('reads serial and identity sequences with OWNED BY outside dependsOn', () => {
    expect(byId(model().sequences, ids.sequence('data', 'todos_id_seq'))).toMatchObject({
      dataType: 'integer', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false,
      ownedBy: 'column "data"."todos"."id"', identity: false, dependsOn: ['schema "data"'],
    });
    expect(byId(model().sequences, ids.sequence('data', 'users_id_seq'))).toMatchObject({ identity: true, start: '100', increment: '5', ownedBy: 'column "data"."users"."id"' });
  });

  test('reads columns: type, collation, defaults, identity, generated, storage, ACLs, comments', () => {
    expect(column('data', 'users', 'id')).toMatchObject({
      position: 1, type: 'integer', notNull: true, default: null, identity: 'a', generated: null,
      identitySequence: { name: 'users_id_seq', start: '100', increment: '5', min: '1', max: '2147483647', cache: '1', cycle: false, dataType: 'integer' },
    });
    expect(column('data', 'users', 'name')).toMatchObject({ collation: '"data"."c_sort"', dependsOn: ['collation "data"."c_sort"'] });
    expect(column('data', 'users', 'status')).toMatchObject({ default: "'todo'::data.status", dependsOn: ['type "data"."status"'] });
    expect(column('data', 'users', 'tags')).toMatchObject({ type: 'data.status[]', dependsOn: ['type "data"."status"'] });
    expect(column('data', 'users', 'notes').storage).toBe('e');
    expect(column('data', 'users', 'created_at')).not.toHaveProperty('storage');
    expect(column('data', 'todos', 'id')).toMatchObject({ default: "nextval('data.todos_id_seq'::regclass)", dependsOn: ['sequence "data"."todos_id_seq"'] });
    expect(column('data', 'todos', 'title_upper')).toMatchObject({ generated: 'upper(title)', default: null, dependsOn: ['column "data"."todos"."title"'] });
    expect(column('data', 'todos', 'title')).toMatchObject({
      comment: 'What to do',
      acl: [{ grantee: 'catalog_fx_user', privilege: 'SELECT', grantable: false }, { grantee: 'catalog_fx_user', privilege: 'UPDATE', grantable: false }],
    });
    expect(table('data', 'users').columns.every((c) => !('notNullName' in c))).toBe(true);
  });

  test('reads constraints, with NOT VALID, FK actions, comments and no NOT NULL constraints', () => {
    const todos = table('data', 'todos');
    expect(todos.constraints.map((c) => c.name)).toEqual(['todos_owner_id_fkey', 'todos_pkey', 'todos_priority_check', 'todos_title_check']);
    expect(todos.constraints[0]).toEqual({
      name: 'todos_owner_id_fkey', type: 'f',
      definition: 'FOREIGN KEY (owner_id) REFERENCES data.users(id) ON UPDATE RESTRICT ON DELETE CASCADE',
      validated: true, deferrable: false, deferred: false, references: 'table "data"."users"', inherited: false,
      comment: 'Owner of the todo',
      dependsOn: ['column "data"."todos"."owner_id"', 'column "data"."users"."id"', 'constraint "data"."users"."users_pkey"'],
    });
    expect(todos.constraints[1]).toMatchObject({ type: 'p', definition: 'PRIMARY KEY (id)', references: 'todos_pkey' });
    expect(todos.constraints[2]).toMatchObject({ type: 'c', validated: false, dependsOn: ['column "data"."todos"."priority"'] });
  });

  test('reads tables: RLS, reloptions, replica identity, inheritance and partitions', () => {
    expect(table('data', 'todos')).toMatchObject({ rowSecurity: true, forceRowSecurity: true, persistence: 'p', partitionBy: null, replicaIdentity: 'd' });
    expect(table('data', 'audit')).toMatchObject({ options: ['fillfactor=70'], replicaIdentity: 'f' });
    expect(table('data', 'audit_extra')).toMatchObject({ inherits: ['table "data"."audit"'], dependsOn: ['schema "data"', 'table "data"."audit"'] });
    expect(table('data', 'events').partitionBy).toBe('RANGE (at)');
    expect(table('data', 'events_2024')).toMatchObject({
      partitionOf: { parent: 'table "data"."events"', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" },
      dependsOn: ['schema "data"', 'table "data"."events"'],
    });
    expect(table('data', 'events_2024').constraints).toMatchObject([{ name: 'events_2024_pkey', inherited: true }]);
  });

  test('reads indexes: partial, expression, constraint-backed, partition-attached, on a materialized view', () => {
    expect(byId(model().indexes, ids.index('data', 'todos_open_idx'))).toMatchObject({
      definition: 'CREATE INDEX todos_open_idx ON data.todos USING btree (owner_id) WHERE (NOT done)',
      constraint: null, partitionOf: null, table: 'table "data"."todos"', comment: 'Open todos by owner',
    });
    expect(byId(model().indexes, ids.index('data', 'todos_lower_title_idx')).dependsOn).toContain('column "data"."todos"."title"');
    expect(byId(model().indexes, ids.index('data', 'todos_pkey'))).toMatchObject({ constraint: 'todos_pkey' });
    expect(byId(model().indexes, ids.index('data', 'events_2024_pkey'))).toMatchObject({ constraint: 'events_2024_pkey', partitionOf: 'index "data"."events_pkey"' });
    expect(byId(model().indexes, ids.index('data', 'events_2025_id_payload_idx')).partitionOf).toBe('index "data"."events_payload_idx"');
    expect(byId(model().indexes, ids.index('api', 'todo_counts_owner_idx')).table).toBe('materialized view "api"."todo_counts"');
  });

  test('reads views, security_invoker views and materialized views with their columns', () => {
    const todos = byId(model().views, ids.view('api', 'todos'));
    expect(todos).toMatchObject({ kind: 'view', options: [], comment: 'Open todos' });
    expect(todos.definition).toMatch(/^ SELECT .*\n/s);
    expect(todos.definition).not.toMatch(/;\s*$/);
    expect(todos.columns).toEqual([
      { name: 'id', type: 'integer', default: null, acl: null },
      { name: 'title', type: 'text', default: null, acl: null, comment: 'Title seen by the API' },
      { name: 'done', type: 'boolean', default: null, acl: null },
    ]);
    expect(todos.acl).toContainEqual({ grantee: 'catalog_fx_anon', privilege: 'SELECT', grantable: false });
    expect(byId(model().views, ids.view('api', 'users')).options).toEqual(['security_invoker=true']);
    expect(byId(model().views, ids.view('api', 'users')).acl).toContainEqual({ grantee: 'catalog_fx_user', privilege: 'SELECT', grantable: true });
    expect(byId(model().views, ids.materializedView('api', 'todo_counts'))).toMatchObject({ kind: 'materialized view', populated: false });
  });

  test('reads functions, BEGIN ATOMIC bodies, procedures and aggregates', () => {
    const add = byId(model().routines, 'function "api"."add"(a integer, b integer)');
    expect(add).toMatchObject({
      kind: 'function', identityArguments: 'a integer, b integer', arguments: 'a integer, b integer DEFAULT 1', result: 'integer',
      language: 'sql', volatility: 'i', strict: true, securityDefiner: false, parallel: 'u', cost: 100, rows: 0, config: [],
      comment: 'Adds two numbers',
    });
    expect(add.definition).toContain('BEGIN ATOMIC');
    expect(add.acl).toEqual([{ grantee: '', privilege: 'EXECUTE', grantable: false }, { grantee: 'catalog_fx_user', privilege: 'EXECUTE', grantable: false }]);
    expect(byId(model().routines, 'function "api"."todo_count"(uid integer)').dependsOn).toContain('column "data"."todos"."owner_id"');
    expect(byId(model().routines, 'procedure "api"."finish"(IN todo_id integer)')).toMatchObject({
      kind: 'procedure', result: null, language: 'plpgsql', securityDefiner: true, config: ['search_path=data, pg_temp'],
    });
    expect(byId(model().routines, 'aggregate "api"."total"(integer)')).toMatchObject({
      kind: 'aggregate',
      definition: `CREATE AGGREGATE "api"."total"(integer) (\n    SFUNC = "api"."sum_step",\n    STYPE = integer,\n    INITCOND = '0'\n)`,
      dependsOn: ['function "api"."sum_step"(state integer, value integer)', 'schema "api"'],
    });
  });

  test('reads triggers with their enabled state, without internal FK triggers', () => {
    expect(model().triggers.map((t) => [t.name, t.enabled, t.table])).toEqual([
      ['todos_touch', 'O', 'table "data"."todos"'],
      ['todos_touch_disabled', 'D', 'table "data"."todos"'],
    ]);
    expect(model().triggers[0]).toMatchObject({
      definition: 'CREATE TRIGGER todos_touch BEFORE INSERT OR UPDATE ON data.todos FOR EACH ROW EXECUTE FUNCTION api.touch()',
      constraint: false, comment: 'Defaults done',
      dependsOn: ['function "api"."touch"()', 'schema "data"', 'table "data"."todos"'],
    });
  });

  test('reads RLS policies with sorted roles and expressions', () => {
    expect(byId(model().policies, 'policy "data"."todos"."todos_owner"')).toEqual({
      id: 'policy "data"."todos"."todos_owner"', kind: 'policy', schema: 'data', table: 'table "data"."todos"', name: 'todos_owner',
      permissive: true, command: '*', roles: ['catalog_fx_user'],
      using: '(owner_id = data.current_user_id())', withCheck: '(owner_id = data.current_user_id())',
      comment: 'Users see their own todos',
      dependsOn: ['column "data"."todos"."owner_id"', 'function "data"."current_user_id"()', 'schema "data"', 'table "data"."todos"'],
    });
    expect(byId(model().policies, 'policy "data"."todos"."todos_read"')).toMatchObject({ permissive: false, command: 'r', roles: ['catalog_fx_anon', 'catalog_fx_user'], withCheck: null });
  });

  test('reads default privileges and the roles objects refer to', () => {
    expect(model().defaultPrivileges).toEqual([
      { id: 'default privileges "" "api" r', role: '', schema: 'api', objectType: 'r', acl: [{ grantee: 'catalog_fx_anon', privilege: 'SELECT', grantable: false }] },
      { id: 'default privileges "" * f', role: '', schema: null, objectType: 'f', acl: [{ grantee: '', privilege: 'EXECUTE', grantable: false }] },
    ]);
    expect(model().roles).toContainEqual({ id: 'role "catalog_fx_user"', name: 'catalog_fx_user', canLogin: true });
    expect(model().roles).toContainEqual({ id: 'role "catalog_fx_anon"', name: 'catalog_fx_anon', canLogin: false });
  });

  test('records the dependencies the differ orders by', () => {
    const view = byId(model().views, ids.view('api', 'todos'));
    expect(view.dependsOn).toEqual(['column "data"."todos"."done"', 'column "data"."todos"."id"', 'column "data"."todos"."title"', 'schema "api"']);
    expect(byId(model().views, ids.materializedView('api', 'todo_counts')).dependsOn).toContain('column "data"."todos"."owner_id"');
    expect(column('data', 'users', 'address').dependsOn).toEqual(['type "data"."address"']);
    expect(model().triggers[0]!.dependsOn).toContain('function "api"."touch"()');
    const fk = table('data', 'todos').constraints.find((c) => c.type === 'f')!;
    expect(fk.dependsOn).toContain('constraint "data"."users"."users_pkey"');
    const all = [...model().tables, ...model().views, ...model().routines, ...model().indexes, ...model().types, ...model().sequences, ...model().policies, ...model().triggers];
    for (const o of all) {
      expect(o.dependsOn).not.toContain(o.id);
      expect([...o.dependsOn].sort()).toEqual(o.dependsOn);
      if ('schema' in o) expect(o.dependsOn).toContain(ids.schema(o.schema));
    }
  });
}
