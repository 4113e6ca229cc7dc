import { ids } from '@pgshift/catalog';
import { diff, renderDeploy, renderVerify } from '@pgshift/diff';
import {
  col,
  composite,
  constraint,
  defaultPrivilege,
  domain,
  enumType,
  extension,
  fn,
  grant,
  index,
  model,
  policy,
  role,
  schema,
  sequence,
  statements,
  table,
  trigger,
  view,
} from './builders';

const app = schema('app');
const base = { schemas: [app], roles: [role('owner')] };

describe('create / drop / alter per kind', () => {
  test('a new schema is created with its owner and comment, and dropped by the reverse diff', () => {
    const to = model({ ...base, schemas: [app, schema('api', { comment: 'the API' })] });
    const from = model(base);
    expect(statements(diff(from, to))).toEqual(['CREATE SCHEMA "api"', 'ALTER SCHEMA "api" OWNER TO "owner"', `COMMENT ON SCHEMA "api" IS 'the API'`]);
    expect(statements(diff(to, from))).toEqual(['DROP SCHEMA "api"']);
  });

  test('extensions at their default version are created without VERSION; a pinned version is created and updated to', () => {
    const from = model(base);
    const unpinned = model({ ...base, extensions: [extension('pgcrypto', 'app')] });
    expect(statements(diff(from, unpinned))).toEqual(['CREATE EXTENSION "pgcrypto" WITH SCHEMA "app"']);
    expect(diff(unpinned, model({ ...base, extensions: [extension('pgcrypto', 'app')] }))).toEqual([]);
    const pinned = model({ ...base, extensions: [extension('pgcrypto', 'app', '1.3')] });
    expect(statements(diff(from, pinned))).toEqual([`CREATE EXTENSION "pgcrypto" WITH SCHEMA "app" VERSION '1.3'`]);
    // Nothing uses it: dropped and created at the other version, whichever way it goes.
    expect(statements(diff(pinned, unpinned))).toEqual(['DROP EXTENSION "pgcrypto"', 'CREATE EXTENSION "pgcrypto" WITH SCHEMA "app"']);
  });

  test('a table is created with columns inline, then its constraints, indexes, grants and RLS', () => {
    const t = table('app', 'todo', [col('id', 'bigint', { notNull: true }), col('title', 'text', { notNull: true, default: "''::text" }), col('done', 'boolean', { collation: null })], {
      constraints: [constraint('todo_pkey', 'p', 'PRIMARY KEY (id)')],
      rowSecurity: true,
      acl: [grant('owner', 'SELECT'), grant('owner', 'INSERT'), grant('owner', 'UPDATE'), grant('owner', 'DELETE'), grant('owner', 'TRUNCATE'), grant('owner', 'REFERENCES'), grant('owner', 'TRIGGER'), grant('web', 'SELECT')],
      comment: 'things to do',
    });
    const to = model({ ...base, roles: [role('owner'), role('web')], tables: [t], indexes: [index(t, 'todo_title', 'CREATE INDEX todo_title ON app.todo USING btree (title)')] });
    const sql = statements(diff(model(base), to));
    expect(sql).toEqual([
      expect.stringContaining(`CREATE ROLE "web"`),
      'CREATE TABLE "app"."todo" ("id" bigint NOT NULL, "title" text DEFAULT \'\'::text NOT NULL, "done" boolean)',
      'ALTER TABLE "app"."todo" ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE "app"."todo" OWNER TO "owner"',
      'GRANT SELECT ON TABLE "app"."todo" TO "web"',
      `COMMENT ON TABLE "app"."todo" IS 'things to do'`,
      'ALTER TABLE "app"."todo" ADD CONSTRAINT "todo_pkey" PRIMARY KEY (id)',
      'CREATE INDEX todo_title ON app.todo USING btree (title)',
    ]);
  });

  test('a new index on an existing table is a long-lock hazard; on a new table it is not', () => {
    const t = table('app', 't', [col('a', 'integer')]);
    const i = index(t, 't_a', 'CREATE INDEX t_a ON app.t USING btree (a)');
    const existing = diff(model({ ...base, tables: [t] }), model({ ...base, tables: [t], indexes: [i] }));
    expect(existing.flatMap((c) => c.hazards.map((h) => h.code))).toEqual(['long-lock']);
    const fresh = diff(model(base), model({ ...base, tables: [t], indexes: [i] }));
    expect(fresh.flatMap((c) => c.hazards.map((h) => h.code))).toEqual([]);
  });

  test('column add / drop / default / not null are in-place ALTERs with their hazards', () => {
    const from = table('app', 't', [col('a', 'integer'), col('b', 'text'), col('old', 'text')]);
    const to = table('app', 't', [col('a', 'integer', { notNull: true, default: '0' }), col('b', 'text'), col('c', 'text', { default: "'x'::text" })]);
    const changes = diff(model({ ...base, tables: [from] }), model({ ...base, tables: [to] }));
    expect(statements(changes)).toEqual([
      'ALTER TABLE "app"."t" DROP COLUMN "old"',
      'ALTER TABLE "app"."t" ALTER COLUMN "a" SET NOT NULL',
      'ALTER TABLE "app"."t" ALTER COLUMN "a" SET DEFAULT 0',
      `ALTER TABLE "app"."t" ADD COLUMN "c" text DEFAULT 'x'::text`,
    ]);
    expect(changes.flatMap((c) => c.hazards.map((h) => h.code))).toEqual(['data-loss', 'long-lock', 'may-fail']);
  });

  test('a type change uses USING and is flagged by what it can do to the data', () => {
    const t = (type: string) => table('app', 't', [col('a', type)]);
    const widen = diff(model({ ...base, tables: [t('integer')] }), model({ ...base, tables: [t('bigint')] }));
    expect(statements(widen)).toEqual(['ALTER TABLE "app"."t" ALTER COLUMN "a" TYPE bigint USING "a"::bigint']);
    expect(widen[0]!.hazards.map((h) => h.code)).toEqual(['table-rewrite']);
    const narrow = diff(model({ ...base, tables: [t('bigint')] }), model({ ...base, tables: [t('integer')] }));
    expect(narrow[0]!.hazards.map((h) => h.code)).toEqual(['table-rewrite', 'data-loss']);
    const varchar = diff(model({ ...base, tables: [t('character varying(10)')] }), model({ ...base, tables: [t('character varying(20)')] }));
    expect(varchar[0]!.hazards).toEqual([]);
  });

  test('identity columns: add, switch ALWAYS/BY DEFAULT, drop', () => {
    const seq = { name: 't_a_seq', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false, dataType: 'integer' };
    const plain = table('app', 't', [col('a', 'integer', { notNull: true })]);
    const always = table('app', 't', [col('a', 'integer', { notNull: true, identity: 'a', identitySequence: seq })]);
    const byDefault = table('app', 't', [col('a', 'integer', { notNull: true, identity: 'd', identitySequence: seq })]);
    expect(statements(diff(model({ ...base, tables: [plain] }), model({ ...base, tables: [always] })))).toEqual([
      'ALTER TABLE "app"."t" ALTER COLUMN "a" ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "app"."t_a_seq" START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE)',
    ]);
    expect(statements(diff(model({ ...base, tables: [always] }), model({ ...base, tables: [byDefault] })))).toEqual(['ALTER TABLE "app"."t" ALTER COLUMN "a" SET GENERATED BY DEFAULT']);
    expect(statements(diff(model({ ...base, tables: [always] }), model({ ...base, tables: [plain] })))).toEqual(['ALTER TABLE "app"."t" ALTER COLUMN "a" DROP IDENTITY']);
  });

  test('a generated column whose expression changes is dropped and added, a rewrite but no data loss', () => {
    const t = (expr: string) => table('app', 't', [col('a', 'integer'), col('b', 'integer', { generated: expr, dependsOn: [ids.column('app', 't', 'a')] })]);
    const changes = diff(model({ ...base, tables: [t('(a * 2)')] }), model({ ...base, tables: [t('(a * 3)')] }));
    expect(statements(changes)).toEqual(['ALTER TABLE "app"."t" DROP COLUMN "b"', 'ALTER TABLE "app"."t" ADD COLUMN "b" integer GENERATED ALWAYS AS ((a * 3)) STORED']);
    expect(changes.flatMap((c) => c.hazards.map((h) => h.code))).toEqual(['table-rewrite']);
  });

  test('a changed constraint is dropped and added; NOT VALID → valid is VALIDATE CONSTRAINT', () => {
    const t = (c: ReturnType<typeof constraint>) => table('app', 't', [col('a', 'integer')], { constraints: [c] });
    const changed = diff(model({ ...base, tables: [t(constraint('t_a_check', 'c', 'CHECK ((a > 0))'))] }), model({ ...base, tables: [t(constraint('t_a_check', 'c', 'CHECK ((a > 1))'))] }));
    expect(statements(changed)).toEqual(['ALTER TABLE "app"."t" DROP CONSTRAINT "t_a_check"', 'ALTER TABLE "app"."t" ADD CONSTRAINT "t_a_check" CHECK ((a > 1))']);
    const validated = diff(
      model({ ...base, tables: [t(constraint('t_a_check', 'c', 'CHECK ((a > 0)) NOT VALID', { validated: false }))] }),
      model({ ...base, tables: [t(constraint('t_a_check', 'c', 'CHECK ((a > 0))'))] }),
    );
    expect(statements(validated)).toEqual(['ALTER TABLE "app"."t" VALIDATE CONSTRAINT "t_a_check"']);
  });

  test('table options, RLS force and persistence', () => {
    const from = table('app', 't', [col('a', 'integer')], { options: ['fillfactor=70', 'autovacuum_enabled=false'] });
    const to = table('app', 't', [col('a', 'integer')], { options: ['fillfactor=80'], rowSecurity: true, forceRowSecurity: true, persistence: 'u' });
    const changes = diff(model({ ...base, tables: [from] }), model({ ...base, tables: [to] }));
    expect(statements(changes)).toEqual([
      'ALTER TABLE "app"."t" SET UNLOGGED',
      'ALTER TABLE "app"."t" RESET (autovacuum_enabled)',
      'ALTER TABLE "app"."t" SET (fillfactor=80)',
      'ALTER TABLE "app"."t" ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE "app"."t" FORCE ROW LEVEL SECURITY',
    ]);
  });

  test('sequences: create with options, alter only what changed, drop with data-loss', () => {
    const s = sequence('app', 's', { start: '10' });
    expect(statements(diff(model(base), model({ ...base, sequences: [s] })))).toEqual([
      'CREATE SEQUENCE "app"."s" AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 10 CACHE 1 NO CYCLE',
      'ALTER SEQUENCE "app"."s" OWNER TO "owner"',
    ]);
    expect(statements(diff(model({ ...base, sequences: [s] }), model({ ...base, sequences: [{ ...s, increment: '5', cycle: true }] })))).toEqual(['ALTER SEQUENCE "app"."s" INCREMENT BY 5 CYCLE']);
    const dropped = diff(model({ ...base, sequences: [s] }), model(base));
    expect(dropped.map((c) => [c.statements, c.hazards.map((h) => h.code)])).toEqual([[['DROP SEQUENCE "app"."s"'], ['data-loss']]]);
  });

  test('functions: CREATE OR REPLACE for a body change, drop+create for a new return type', () => {
    const f = fn('app', 'f', 'a integer', { body: 'select a' });
    const body = diff(model({ ...base, routines: [f] }), model({ ...base, routines: [{ ...f, definition: f.definition.replace('select a', 'select a + 1') }] }));
    expect(body.map((c) => c.kind)).toEqual(['replace']);
    expect(body[0]!.statements[0]).toContain('select a + 1');
    const result = diff(model({ ...base, routines: [f] }), model({ ...base, routines: [fn('app', 'f', 'a integer', { result: 'bigint', body: 'select a' })] }));
    expect(result.map((c) => `${c.kind} ${c.objectKind}`)).toEqual(['drop function', 'create function']);
    expect(result[0]!.statements).toEqual(['DROP FUNCTION "app"."f"(a integer)']);
  });

  test('SECURITY DEFINER with search_path and BEGIN ATOMIC bodies are deployed as deparsed', () => {
    const definer = fn('app', 'login', 'email text', {
      securityDefiner: true,
      config: ['search_path=app, pg_temp'],
      acl: [grant('owner', 'EXECUTE')],
      definition: 'CREATE OR REPLACE FUNCTION app.login(email text)\n RETURNS integer\n LANGUAGE plpgsql\n SECURITY DEFINER\n SET search_path TO \'app\', \'pg_temp\'\nAS $function$ begin return 1; end $function$\n',
    });
    const atomic = fn('app', 'two', '', { definition: 'CREATE OR REPLACE FUNCTION app.two()\n RETURNS integer\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 2;\nEND\n' });
    const sql = renderDeploy(diff(model(base), model({ ...base, routines: [definer, atomic] })));
    expect(sql).toContain("SECURITY DEFINER\n SET search_path TO 'app', 'pg_temp'\nAS $function$ begin return 1; end $function$;\n");
    expect(sql).toContain('BEGIN ATOMIC\n SELECT 2;\nEND;\n');
    expect(sql).toContain('REVOKE EXECUTE ON FUNCTION "app"."login"(email text) FROM PUBLIC;');
  });

  test('function EXECUTE revoked from PUBLIC: null ACL → explicit ACL without PUBLIC', () => {
    const f = fn('app', 'f', '');
    const to = { ...f, acl: [grant('owner', 'EXECUTE'), grant('web', 'EXECUTE')] };
    expect(statements(diff(model({ ...base, routines: [f] }), model({ ...base, roles: [role('owner'), role('web')], routines: [to] })))).toEqual([
      expect.stringContaining('CREATE ROLE "web"'),
      'REVOKE EXECUTE ON FUNCTION "app"."f"() FROM PUBLIC',
      'GRANT EXECUTE ON FUNCTION "app"."f"() TO "web"',
    ]);
  });

  test('grant option, owner change and PUBLIC grants are computed grant by grant, in the order of the target ACL', () => {
    const t = table('app', 't', [col('a', 'integer')], { acl: [grant('owner', 'SELECT'), grant('web', 'SELECT')] });
    const to = { ...t, owner: 'admin', acl: [grant('admin', 'SELECT'), grant('web', 'SELECT', true), grant('PUBLIC', 'SELECT')] };
    const roles = [role('owner'), role('web'), role('admin')];
    expect(statements(diff(model({ ...base, roles, tables: [t] }), model({ ...base, roles, tables: [to] })))).toEqual([
      'ALTER TABLE "app"."t" OWNER TO "admin"',
      'GRANT SELECT ON TABLE "app"."t" TO "web" WITH GRANT OPTION',
      'GRANT SELECT ON TABLE "app"."t" TO PUBLIC',
    ]);
  });

  test('column-level grants and comments', () => {
    const t = table('app', 't', [col('a', 'integer'), col('b', 'text')]);
    const to = table('app', 't', [col('a', 'integer', { acl: [grant('web', 'SELECT'), grant('web', 'UPDATE')], comment: 'the a' }), col('b', 'text')]);
    const roles = [role('owner'), role('web')];
    expect(statements(diff(model({ ...base, roles, tables: [t] }), model({ ...base, roles, tables: [to] })))).toEqual([
      `COMMENT ON COLUMN "app"."t"."a" IS 'the a'`,
      'GRANT SELECT ("a"), UPDATE ("a") ON TABLE "app"."t" TO "web"',
    ]);
    expect(statements(diff(model({ ...base, roles, tables: [to] }), model({ ...base, roles, tables: [t] })))).toEqual([
      'COMMENT ON COLUMN "app"."t"."a" IS NULL',
      'REVOKE SELECT ("a"), UPDATE ("a") ON TABLE "app"."t" FROM "web"',
    ]);
  });

  test('default privileges: global entries replace the built-in default, per-schema entries add to nothing', () => {
    const roles = [role('owner'), role('web')];
    const to = model({
      ...base,
      roles,
      defaultPrivileges: [defaultPrivilege('owner', null, 'f', [grant('owner', 'EXECUTE')]), defaultPrivilege('owner', 'app', 'r', [grant('web', 'SELECT')])],
    });
    expect(statements(diff(model({ ...base, roles }), to))).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE "owner" IN SCHEMA "app" GRANT SELECT ON TABLES TO "web"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC',
    ]);
    expect(statements(diff(to, model({ ...base, roles })))).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE "owner" IN SCHEMA "app" REVOKE SELECT ON TABLES FROM "web"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "owner" GRANT EXECUTE ON FUNCTIONS TO PUBLIC',
    ]);
  });

  test('policies: ALTER POLICY for roles and expressions, drop+create for a new command', () => {
    const t = table('app', 't', [col('a', 'integer')], { rowSecurity: true });
    const p = policy(t, 'p', { using: '(a > 0)' });
    const roles = [role('owner'), role('web')];
    const altered = diff(model({ ...base, roles, tables: [t], policies: [p] }), model({ ...base, roles, tables: [t], policies: [{ ...p, roles: ['web'], using: '(a > 1)' }] }));
    expect(statements(altered)).toEqual(['ALTER POLICY "p" ON "app"."t" TO "web" USING ((a > 1))']);
    const command = diff(model({ ...base, roles, tables: [t], policies: [p] }), model({ ...base, roles, tables: [t], policies: [{ ...p, command: 'r' }] }));
    expect(statements(command)).toEqual(['DROP POLICY "p" ON "app"."t"', 'CREATE POLICY "p" ON "app"."t" AS PERMISSIVE FOR SELECT TO PUBLIC USING ((a > 0))']);
  });

  test('triggers: a changed definition is drop+create, the enabled state is ALTER TABLE … TRIGGER', () => {
    const t = table('app', 't', [col('a', 'integer')]);
    const f = fn('app', 'tg', '', { result: 'trigger', definition: 'CREATE OR REPLACE FUNCTION app.tg()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin return new; end $function$\n' });
    const tr = trigger(t, 'tr', 'CREATE TRIGGER tr BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.tg()', [f.id]);
    const m = (x: typeof tr) => model({ ...base, tables: [t], routines: [f], triggers: [x] });
    expect(statements(diff(m(tr), m({ ...tr, enabled: 'D' })))).toEqual(['ALTER TABLE "app"."t" DISABLE TRIGGER "tr"']);
    expect(statements(diff(m(tr), m({ ...tr, definition: tr.definition.replace('INSERT', 'UPDATE') })))).toEqual([
      'DROP TRIGGER "tr" ON "app"."t"',
      'CREATE TRIGGER tr BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.tg()',
    ]);
  });

  test('domains alter in place: default, NOT NULL, constraints', () => {
    const d = domain('app', 'pos', 'integer', { constraints: [{ name: 'pos_check', definition: 'CHECK ((VALUE > 0))', validated: true }] });
    const to = domain('app', 'pos', 'integer', { default: '1', notNull: true, constraints: [{ name: 'pos_check', definition: 'CHECK ((VALUE >= 1))', validated: true }] });
    const changes = diff(model({ ...base, types: [d] }), model({ ...base, types: [to] }));
    expect(statements(changes)).toEqual([
      'ALTER DOMAIN "app"."pos" DROP CONSTRAINT "pos_check"',
      'ALTER DOMAIN "app"."pos" SET DEFAULT 1',
      'ALTER DOMAIN "app"."pos" ADD CONSTRAINT "pos_check" CHECK ((VALUE >= 1))',
      'ALTER DOMAIN "app"."pos" SET NOT NULL',
    ]);
  });

  test('composite types alter attributes in place', () => {
    const c = composite('app', 'pair', [['a', 'integer'], ['b', 'text']]);
    const to = composite('app', 'pair', [['a', 'bigint'], ['c', 'text']]);
    expect(statements(diff(model({ ...base, types: [c] }), model({ ...base, types: [to] })))).toEqual([
      'ALTER TYPE "app"."pair" DROP ATTRIBUTE "b"',
      'ALTER TYPE "app"."pair" ALTER ATTRIBUTE "a" SET DATA TYPE bigint',
      'ALTER TYPE "app"."pair" ADD ATTRIBUTE "c" text',
    ]);
  });

  test('roles missing from the source are created inside a guard and never dropped', () => {
    const to = model({ ...base, roles: [role('owner'), role('api', true)] });
    const sql = statements(diff(model(base), to));
    expect(sql).toEqual([`DO $pgshift$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'api') THEN CREATE ROLE "api" LOGIN; END IF; END $pgshift$`]);
    expect(diff(to, model(base))).toEqual([]);
  });

  test('materialized views are dropped and created on any change', () => {
    const t = table('app', 't', [col('a', 'integer')]);
    const mv = view('app', 'mv', ' SELECT a\n   FROM app.t', [['a', 'integer']], [t.id, ids.column('app', 't', 'a')], { kind: 'materialized view' });
    const changes = diff(model({ ...base, tables: [t], views: [mv] }), model({ ...base, tables: [t], views: [{ ...mv, definition: ' SELECT a + 1 AS a\n   FROM app.t' }] }));
    expect(statements(changes)[0]).toBe('DROP MATERIALIZED VIEW "app"."mv"');
    expect(statements(changes)[1]).toBe('CREATE MATERIALIZED VIEW "app"."mv" AS\nSELECT a + 1 AS a\n   FROM app.t\nWITH DATA');
  });

  test('event triggers are created with their tags and function', () => {
    const f = fn('app', 'on_ddl', '', { result: 'event_trigger' });
    const e = { kind: 'event trigger' as const, id: ids.eventTrigger('ddl'), name: 'ddl', event: 'ddl_command_end', tags: ['CREATE TABLE'], function: f.id, enabled: 'O' as const, owner: 'owner', acl: null, dependsOn: [f.id] };
    const sql = statements(diff(model({ ...base, routines: [f] }), model({ ...base, routines: [f], eventTriggers: [e] })));
    expect(sql[0]).toBe(`CREATE EVENT TRIGGER "ddl" ON "ddl_command_end" WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION "app"."on_ddl"()`);
  });

  test('enum values appended or inserted are ADD VALUE outside the transaction', () => {
    const e = enumType('app', 'state', ['new', 'done']);
    const changes = diff(model({ ...base, types: [e] }), model({ ...base, types: [enumType('app', 'state', ['new', 'doing', 'done', 'archived'])] }));
    expect(changes.map((c) => c.transactional)).toEqual([false]);
    expect(statements(changes)).toEqual([
      `ALTER TYPE "app"."state" ADD VALUE IF NOT EXISTS 'doing' AFTER 'new'`,
      `ALTER TYPE "app"."state" ADD VALUE IF NOT EXISTS 'archived' AFTER 'done'`,
    ]);
  });
});

describe("the loading role ('')", () => {
  const mine = schema('app', { owner: '' });
  const roles = [role('web')];

  test('a created object it owns gets no ALTER OWNER; an owner change to it is OWNER TO CURRENT_USER', () => {
    const t = table('app', 't', [col('a', 'integer')], { owner: '' });
    expect(statements(diff(model({ schemas: [mine] }), model({ schemas: [mine], tables: [t] })))).toEqual(['CREATE TABLE "app"."t" ("a" integer)']);
    const handed = { ...t, owner: 'web' };
    expect(statements(diff(model({ schemas: [mine], roles, tables: [handed] }), model({ schemas: [mine], roles, tables: [t] })))).toEqual(['ALTER TABLE "app"."t" OWNER TO CURRENT_USER']);
    expect(statements(diff(model({ schemas: [mine], roles, tables: [t] }), model({ schemas: [mine], roles, tables: [handed] })))).toEqual(['ALTER TABLE "app"."t" OWNER TO "web"']);
  });

  test('its built-in privileges are implied, and grants, policies and default privileges name it CURRENT_USER', () => {
    const t = table('app', 't', [col('a', 'integer')], { owner: '', rowSecurity: true });
    const granted = { ...t, acl: [grant('web', 'SELECT')] };
    const p = policy(t, 'p', { roles: ['', 'web'], using: '(a > 0)' });
    const from = model({ schemas: [mine], roles, tables: [t] });
    const to = model({ schemas: [mine], roles, tables: [granted], policies: [p], defaultPrivileges: [defaultPrivilege('', null, 'f', [grant('', 'EXECUTE')])] });
    expect(statements(diff(from, to))).toEqual([
      'REVOKE SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "app"."t" FROM CURRENT_USER',
      'GRANT SELECT ON TABLE "app"."t" TO "web"',
      'CREATE POLICY "p" ON "app"."t" AS PERMISSIVE FOR ALL TO CURRENT_USER, "web" USING ((a > 0))',
      'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC',
    ]);
  });

  test('verify compares its owner and grants with current_user', () => {
    const handed = table('app', 't', [col('a', 'integer')], { owner: 'web' });
    const verify = renderVerify(diff(model({ schemas: [mine], roles, tables: [handed] }), model({ schemas: [mine], roles, tables: [{ ...handed, owner: '', acl: [grant('', 'SELECT')] }] })));
    expect(verify).toContain("'table app.t is owned by the current user'");
    expect(verify).toContain('= (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = CURRENT_USER)');
    expect(verify).not.toContain("rolname = ''");
  });
});
