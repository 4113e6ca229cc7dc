/**
 * A starter-kit-like model (schemas data/api, roles, enum, serial and identity keys, FKs, a view
 * with grants, functions, RLS policies, a trigger, default privileges). Definitions are written
 * the way PostgreSQL 15 deparses them with an empty search_path, so the same fixture can be
 * deployed on a real server.
 */
import { ids, type SchemaModel } from '@pgshift/catalog';
import { col, constraint, constraintIndex, defaultPrivilege, enumType, fn, grant, index, model, policy, role, schema, sequence, table, trigger, view } from './builders';

const c = (s: string, t: string, n: string) => ids.column(s, t, n);

export function realisticModel(serverVersionNum = 150000): SchemaModel {
  // PostgreSQL 16 stopped qualifying column names with the relation name in single-table views.
  const q = serverVersionNum >= 160000 ? '' : 'todos.';
  const state = enumType('data', 'state', ['new', 'done'], { comment: 'todo state' });
  const userSeq = sequence('data', 'users_id_seq', { ownedBy: c('data', 'users', 'id'), dependsOn: [ids.schema('data')] });
  const users = table('data', 'users', [col('id', 'integer', { notNull: true, default: "nextval('data.users_id_seq'::regclass)", dependsOn: [userSeq.id] }), col('email', 'text', { notNull: true })], {
    constraints: [constraint('users_pkey', 'p', 'PRIMARY KEY (id)', { dependsOn: [c('data', 'users', 'id')] })],
    comment: 'people',
  });
  const todos = table(
    'data',
    'todos',
    [
      col('id', 'bigint', { notNull: true, identity: 'a', identitySequence: { name: 'todos_id_seq', start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false, dataType: 'bigint' } }),
      col('owner_id', 'integer', { notNull: true }),
      col('title', 'text', { notNull: true, comment: 'what to do' }),
      col('state', 'data.state', { notNull: true, default: "'new'::data.state", dependsOn: [state.id] }),
    ],
    {
      rowSecurity: true,
      constraints: [
        constraint('todos_owner_id_fkey', 'f', 'FOREIGN KEY (owner_id) REFERENCES data.users(id) ON DELETE CASCADE', {
          references: users.id,
          dependsOn: [ids.constraint('data', 'users', 'users_pkey'), users.id, c('data', 'todos', 'owner_id'), c('data', 'users', 'id')],
        }),
        constraint('todos_pkey', 'p', 'PRIMARY KEY (id)', { dependsOn: [c('data', 'todos', 'id')] }),
        constraint('todos_title_check', 'c', 'CHECK ((length(title) > 0))', { dependsOn: [c('data', 'todos', 'title')] }),
      ],
      acl: [grant('api', 'SELECT'), grant('api', 'INSERT'), grant('api', 'UPDATE'), grant('api', 'DELETE'), ...['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'].map((p) => grant('pgshift_owner', p))],
    },
  );
  const todoSeq = sequence('data', 'todos_id_seq', { identity: true, ownedBy: c('data', 'todos', 'id'), dataType: 'bigint', max: '9223372036854775807' });
  const currentUser = fn('api', 'current_user_id', '', {
    definition: "CREATE OR REPLACE FUNCTION api.current_user_id()\n RETURNS integer\n LANGUAGE sql\n STABLE\nAS $function$ select nullif(current_setting('request.user_id', true), '')::integer $function$\n",
    volatility: 's',
  });
  const touch = fn('data', 'touch', '', {
    result: 'trigger',
    definition: 'CREATE OR REPLACE FUNCTION data.touch()\n RETURNS trigger\n LANGUAGE plpgsql\n SECURITY DEFINER\n SET search_path TO \'data\', \'pg_temp\'\nAS $function$ begin return new; end $function$\n',
    securityDefiner: true,
    config: ['search_path=data, pg_temp'],
    acl: [grant('pgshift_owner', 'EXECUTE')],
  });
  const count = fn('api', 'todo_count', '', {
    result: 'bigint',
    definition: 'CREATE OR REPLACE FUNCTION api.todo_count()\n RETURNS bigint\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT count(*) AS count\n    FROM data.todos;\nEND\n',
    dependsOn: [todos.id],
  });
  const todoView = view(
    'api',
    'todos',
    ` SELECT ${q}id,\n    ${q}title,\n    ${q}state\n   FROM data.todos\n  WHERE ${q}owner_id = api.current_user_id()`,
    [
      ['id', 'bigint'],
      ['title', 'text'],
      ['state', 'data.state'],
    ],
    [todos.id, c('data', 'todos', 'id'), c('data', 'todos', 'title'), c('data', 'todos', 'state'), c('data', 'todos', 'owner_id'), currentUser.id],
    { acl: [grant('web', 'SELECT'), ...['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'].map((p) => grant('pgshift_owner', p))], comment: 'my todos' },
  );
  return model({
    serverVersionNum,
    roles: [role('pgshift_owner'), role('api'), role('web', true)],
    schemas: [schema('data', { owner: 'pgshift_owner' }), schema('api', { owner: 'pgshift_owner', acl: [grant('pgshift_owner', 'USAGE'), grant('pgshift_owner', 'CREATE'), grant('web', 'USAGE')] })],
    types: [{ ...state, owner: 'pgshift_owner' }],
    sequences: [{ ...userSeq, owner: 'pgshift_owner' }, { ...todoSeq, owner: 'pgshift_owner' }],
    tables: [{ ...users, owner: 'pgshift_owner' }, { ...todos, owner: 'pgshift_owner' }],
    indexes: [
      constraintIndex(users, 'users_pkey', 'CREATE UNIQUE INDEX users_pkey ON data.users USING btree (id)'),
      constraintIndex(todos, 'todos_pkey', 'CREATE UNIQUE INDEX todos_pkey ON data.todos USING btree (id)'),
      index(todos, 'todos_owner_idx', 'CREATE INDEX todos_owner_idx ON data.todos USING btree (owner_id)', { dependsOn: [c('data', 'todos', 'owner_id')] }),
    ],
    views: [{ ...todoView, owner: 'pgshift_owner' }],
    routines: [{ ...currentUser, owner: 'pgshift_owner' }, { ...touch, owner: 'pgshift_owner' }, { ...count, owner: 'pgshift_owner' }],
    triggers: [trigger(todos, 'todos_touch', 'CREATE TRIGGER todos_touch BEFORE UPDATE ON data.todos FOR EACH ROW EXECUTE FUNCTION data.touch()', [touch.id])],
    policies: [policy(todos, 'own_todos', { roles: ['api'], using: '(owner_id = api.current_user_id())', dependsOn: [currentUser.id, c('data', 'todos', 'owner_id')] })],
    defaultPrivileges: [defaultPrivilege('pgshift_owner', 'api', 'f', [grant('web', 'EXECUTE')])],
  });
}
