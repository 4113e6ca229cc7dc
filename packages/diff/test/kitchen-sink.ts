/**
 * Fixtures for the real-server tests, with definitions spelled the way PostgreSQL 15 deparses
 * them under an empty search_path.
 */
import { ids, type Routine, type SchemaModel } from '@pgshift/catalog';
import { col, composite, constraint, constraintIndex, defaultPrivilege, domain, enumType, fn, grant, index, model, policy, role, schema, sequence, table, trigger, view } from './builders';

const c = (t: string, n: string) => ids.column('ks', t, n);
const OWNER_PRIVS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

function sqlFunction(name: string, args: string, result: string, body: string, extra: Partial<Routine> = {}): Routine {
  return fn('ks', name, args, {
    result,
    definition: `CREATE OR REPLACE FUNCTION ks.${name}(${args})\n RETURNS ${result}\n LANGUAGE sql\nAS $function$${body}$function$\n`,
    ...extra,
  });
}

/** Every kind the differ handles, in one schema. */
/** '' is the role that loads the model: it is never one of the model's roles. */
function ownerRoles(owner: string) {
  return owner === '' ? [role('web')] : [role(owner, true), role('web')];
}

export function kitchenSink(owner: string): SchemaModel {
  const pos = domain('ks', 'pos', 'integer', { owner, constraints: [{ name: 'pos_check', definition: 'CHECK ((VALUE > 0))', validated: true }], comment: 'positive' });
  const pair = composite('ks', 'pair', [['a', 'integer'], ['b', 'text']], { owner });
  const color = enumType('ks', 'color', ['red', 'green'], { owner });
  const a = table('ks', 'a', [col('id', 'integer', { notNull: true }), col('b_id', 'integer')], {
    owner,
    constraints: [
      constraint('a_b_fk', 'f', 'FOREIGN KEY (b_id) REFERENCES ks.b(id)', { references: ids.table('ks', 'b'), dependsOn: [ids.constraint('ks', 'b', 'b_pkey'), ids.table('ks', 'b'), c('a', 'b_id'), c('b', 'id')] }),
      constraint('a_pkey', 'p', 'PRIMARY KEY (id)', { dependsOn: [c('a', 'id')] }),
    ],
  });
  const b = table('ks', 'b', [col('id', 'integer', { notNull: true }), col('a_id', 'integer')], {
    owner,
    constraints: [
      constraint('b_a_fk', 'f', 'FOREIGN KEY (a_id) REFERENCES ks.a(id)', { references: a.id, dependsOn: [ids.constraint('ks', 'a', 'a_pkey'), a.id, c('b', 'a_id'), c('a', 'id')] }),
      constraint('b_pkey', 'p', 'PRIMARY KEY (id)', { dependsOn: [c('b', 'id')] }),
    ],
  });
  const seq = sequence('ks', 's_id_seq', { owner, ownedBy: c('s', 'id') });
  const s = table(
    'ks',
    's',
    [
      col('id', 'integer', { notNull: true, default: "nextval('ks.s_id_seq'::regclass)", dependsOn: [seq.id] }),
      col('p', 'ks.pos', { dependsOn: [pos.id], acl: [grant('web', 'SELECT')] }),
      col('c', 'ks.color', { default: "'red'::ks.color", dependsOn: [color.id] }),
      col('pr', 'ks.pair', { dependsOn: [pair.id] }),
    ],
    { owner, acl: [...OWNER_PRIVS.map((p) => grant(owner, p)), grant('web', 'INSERT', true)] },
  );
  const m = table('ks', 'm', [col('at', 'date', { notNull: true }), col('v', 'integer')], { owner, partitionBy: 'RANGE (at)' });
  const m2024 = table('ks', 'm_2024', [col('at', 'date', { notNull: true }), col('v', 'integer')], { owner, partitionOf: { parent: m.id, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" } });
  const mAt = index(m, 'm_at', 'CREATE INDEX m_at ON ONLY ks.m USING btree (at)', { dependsOn: [c('m', 'at')] });
  return model({
    roles: ownerRoles(owner),
    schemas: [schema('ks', { owner })],
    types: [pos, pair, color],
    sequences: [seq],
    tables: [a, b, s, m, m2024],
    indexes: [
      constraintIndex(a, 'a_pkey', 'CREATE UNIQUE INDEX a_pkey ON ks.a USING btree (id)'),
      constraintIndex(b, 'b_pkey', 'CREATE UNIQUE INDEX b_pkey ON ks.b USING btree (id)'),
      mAt,
      index(m2024, 'm_2024_at_idx', 'CREATE INDEX m_2024_at_idx ON ks.m_2024 USING btree (at)', { partitionOf: mAt.id }),
    ],
    defaultPrivileges: [defaultPrivilege(owner, 'ks', 'f', [grant('web', 'EXECUTE')]), defaultPrivilege('web', 'ks', 'r', [grant(owner, 'SELECT')])],
  });
}

/** A function used by a default, a check constraint, a policy, a trigger and a view; `arg` is its argument type. */
export function functionUsers(owner: string, arg: string): SchemaModel {
  const f = sqlFunction('f', `x ${arg}`, 'integer', 'select 1', { owner });
  // Calls through an implicit cast deparse with the cast spelled out.
  const cast = (e: string, paren = true) => (arg === 'integer' ? e : paren ? `(${e})::${arg}` : `${e}::${arg}`);
  const tg = fn('ks', 'tg', '', { owner, result: 'trigger', definition: 'CREATE OR REPLACE FUNCTION ks.tg()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin return new; end $function$\n' });
  const t = table('ks', 't', [col('a', 'integer', { default: `ks.f(${cast('1')})`, dependsOn: [f.id] })], {
    owner,
    rowSecurity: true,
    constraints: [constraint('t_a_check', 'c', `CHECK ((ks.f(${cast('a')}) > 0))`, { dependsOn: [f.id, c('t', 'a')] })],
  });
  return model({
    roles: ownerRoles(owner),
    schemas: [schema('ks', { owner })],
    tables: [t],
    routines: [f, tg],
    policies: [policy(t, 'p', { roles: [owner, 'web'].sort(), using: `(ks.f(${cast('a')}) > 0)`, dependsOn: [f.id, c('t', 'a')] })],
    triggers: [trigger(t, 'tr', `CREATE TRIGGER tr BEFORE INSERT ON ks.t FOR EACH ROW WHEN ((ks.f(${cast('new.a')}) > 0)) EXECUTE FUNCTION ks.tg()`, [f.id, tg.id, c('t', 'a')])],
    views: [view('ks', 'v', ` SELECT ks.f(${cast('t.a', false)}) AS f\n   FROM ks.t`, [['f', 'integer']], [f.id, t.id, c('t', 'a')], { owner, acl: [...OWNER_PRIVS.map((p) => grant(owner, p)), grant('web', 'SELECT')] })],
  });
}

/** kitchenSink after in-place changes of every kind. */
export function kitchenSinkChanged(owner: string): SchemaModel {
  const m = kitchenSink(owner);
  const id = (kind: 'type' | 'table', name: string) => (kind === 'type' ? ids.type('ks', name) : ids.table('ks', name));
  return {
    ...m,
    types: m.types.map((t) => {
      if (t.id === id('type', 'color') && t.kind === 'enum') return { ...t, labels: ['red', 'yellow', 'green'] };
      if (t.id === id('type', 'pos') && t.kind === 'domain') return { ...t, default: '1', constraints: [{ name: 'pos_check', definition: 'CHECK ((VALUE >= 1))', validated: true }], comment: 'strictly positive' };
      if (t.id === id('type', 'pair') && t.kind === 'composite') return { ...t, attributes: [...t.attributes, { name: 'c', type: 'boolean', collation: null }] };
      return t;
    }),
    sequences: m.sequences.map((s) => ({ ...s, increment: '2' })),
    tables: m.tables.map((t) => {
      if (t.id === id('table', 's'))
        return {
          ...t,
          rowSecurity: true,
          options: ['fillfactor=70'],
          comment: 'with serial',
          columns: [...t.columns.map((c) => (c.name === 'p' ? { ...c, acl: null } : c)), col('note', 'text', { position: 5, comment: 'free text' })],
        };
      if (t.id === id('table', 'a')) return { ...t, columns: t.columns.filter((c) => c.name !== 'b_id'), constraints: t.constraints.filter((c) => c.name !== 'a_b_fk') };
      if (t.id === id('table', 'm_2024')) return { ...t, partitionOf: { parent: id('table', 'm'), bound: "FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')" } };
      return t;
    }),
    defaultPrivileges: m.defaultPrivileges.map((d) => (d.objectType === 'r' ? { ...d, acl: [grant(owner, 'SELECT'), grant(owner, 'INSERT')] } : d)),
  };
}
