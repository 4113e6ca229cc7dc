'use strict';
/**
 * Seeded generator of application schemas shaped like the ones PostgREST / Supabase teams keep:
 * schemas data (tables), api (views and functions exposed to clients) and auth (users, helpers),
 * with defaults, checks, identity keys, foreign keys, partial and expression indexes, an api view
 * per table and some views over those views, sql and plpgsql functions, triggers, row-level
 * security, table and column grants, and comments. About thirty catalog objects per table.
 *
 * A schema is built as data and then printed, and the change set edits the data, so both states
 * are valid by construction. The same (seed, tables) always gives the same two SQL texts.
 */
const { rng } = require('../packages/proof/dist/generate.js');

const ROLES = ['bench_anon', 'bench_user', 'bench_service'];

const NOUNS = ['account', 'order', 'invoice', 'product', 'shipment', 'ticket', 'project', 'task', 'comment', 'payment', 'review', 'event'];

/** Column shapes: type, default choices, a check on the column (or none), a name stem. */
const SHAPES = [
  { stem: 'title', type: 'text', defaults: ["''"], check: (c) => `char_length(${c}) <= 200`, text: true },
  { stem: 'code', type: 'varchar(40)', defaults: [], check: (c) => `${c} ~ '^[A-Z0-9-]+$'`, text: true, widen: 'text' },
  { stem: 'qty', type: 'integer', defaults: ['0', '1'], check: (c) => `${c} >= 0`, widen: 'bigint' },
  { stem: 'amount', type: 'numeric(12,2)', defaults: ['0'], check: (c) => `${c} >= 0`, widen: 'numeric(18,4)' },
  { stem: 'active', type: 'boolean', defaults: ['true', 'false'] },
  { stem: 'due_on', type: 'date', defaults: ['CURRENT_DATE'] },
  { stem: 'seen_at', type: 'timestamptz', defaults: ['now()'] },
  { stem: 'meta', type: 'jsonb', defaults: ["'{}'::jsonb"] },
  { stem: 'ref', type: 'uuid', defaults: ['gen_random_uuid()'] },
  { stem: 'rank', type: 'smallint', defaults: ['0'], widen: 'integer' },
];

function pick(r, items) {
  return items[Math.floor(r() * items.length)];
}

function makeTable(r, i, tables) {
  const name = `${NOUNS[i % NOUNS.length]}_${i}`;
  const cols = [
    { name: 'id', type: 'bigint', identity: true, notNull: true },
    { name: 'owner_id', type: 'uuid', notNull: true, default: 'auth.current_user_id()' },
    { name: 'state', type: 'data.status', notNull: true, default: "'draft'" },
    { name: 'created_at', type: 'timestamptz', notNull: true, default: 'now()' },
  ];
  const extra = 1 + Math.floor(r() * 10); // 5–14 columns, 15 with a parent key
  for (let c = 0; c < extra; c++) {
    const shape = pick(r, SHAPES);
    const col = { name: `${shape.stem}_${c}`, type: shape.type, shape: shape.stem, notNull: r() < 0.3 };
    if (shape.defaults.length > 0 && (col.notNull || r() < 0.4)) col.default = pick(r, shape.defaults);
    if (col.notNull && col.default === undefined) col.notNull = false;
    if (shape.check && r() < 0.4) col.check = shape.check(col.name);
    if (r() < 0.25) col.comment = `The ${shape.stem} of a ${name.replace(/_\d+$/, '')}.`;
    cols.push(col);
  }
  const t = { name, cols, fk: undefined, indexes: [], policies: [], grants: [], colGrants: [], comment: undefined, trigger: r() < 0.6, validate: false };
  if (tables.length > 0 && r() < 0.7) {
    const parent = tables[Math.floor(r() * tables.length)];
    cols.push({ name: 'parent_id', type: 'bigint', notNull: false });
    t.fk = { col: 'parent_id', ref: parent.name, onDelete: pick(r, ['CASCADE', 'SET NULL', 'NO ACTION']) };
    t.indexes.push({ name: `${name}_parent_idx`, cols: 'parent_id' });
  }
  cols.push({ name: 'updated_at', type: 'timestamptz', notNull: false });
  t.indexes.push({ name: `${name}_live_idx`, cols: 'created_at', where: "state <> 'archived'" });
  const textCol = cols.find((c) => c.shape === 'title' || c.shape === 'code');
  if (textCol && r() < 0.6) t.indexes.push({ name: `${name}_lower_idx`, cols: `lower(${textCol.name})` });
  if (r() < 0.3) t.indexes.push({ name: `${name}_owner_uq`, cols: 'owner_id, id', unique: true });
  t.policies.push({ name: `${name}_owner`, cmd: 'ALL', to: 'bench_user', using: 'owner_id = auth.current_user_id()', check: 'owner_id = auth.current_user_id()' });
  if (r() < 0.5) t.policies.push({ name: `${name}_admin`, cmd: 'SELECT', to: 'bench_user', using: 'auth.is_admin()' });
  t.grants.push({ role: 'bench_user', privs: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] });
  t.grants.push({ role: 'bench_service', privs: ['SELECT'] });
  const visible = cols.filter((c) => c.name !== 'owner_id').slice(0, 4).map((c) => c.name);
  t.colGrants.push({ role: 'bench_anon', priv: 'SELECT', cols: visible });
  if (r() < 0.5) t.colGrants.push({ role: 'bench_service', priv: 'UPDATE', cols: ['state'] });
  if (r() < 0.6) t.comment = `Rows of ${name}, one per ${name.replace(/_\d+$/, '')}.`;
  const checked = cols.find((c) => c.shape === 'qty' || c.shape === 'amount');
  if (checked && r() < 0.4) t.validate = checked.name;
  // The api view shows every column but the owner; a few tables get a summary view over it.
  t.view = { cols: cols.filter((c) => c.name !== 'owner_id').map((c) => c.name), where: "state <> 'archived'" };
  t.summary = r() < 0.3;
  t.countFn = { body: `SELECT count(*) FROM data.${name} WHERE state = p_state` };
  t.archiveFn = r() < 0.4;
  return t;
}

/** A schema with `tables` application tables. */
function generateApp(seed, tables) {
  const r = rng(seed);
  const app = { enumLabels: ['draft', 'active', 'archived'], tables: [] };
  for (let i = 0; i < tables; i++) app.tables.push(makeTable(r, i, app.tables));
  return app;
}

/** Kinds of edit in the change set; each appears at least once, the lot touches ~2 % of tables. */
const EDITS = ['addColumn', 'dropColumn', 'typeUnderView', 'functionBody', 'policy', 'tableGrant', 'columnGrant', 'dropTable', 'newTable'];

/**
 * The changed variant: about 2 % of the tables touched (at least one edit of every kind), plus
 * one new enum value. Edits land on distinct tables, chosen by the seed.
 */
function changeApp(app, seed) {
  const r = rng(seed ^ 0x5bd1e995);
  const s = JSON.parse(JSON.stringify(app));
  const perKind = Math.max(1, Math.round((0.02 * s.tables.length) / EDITS.length));
  const used = new Set();
  const referenced = new Set(s.tables.filter((t) => t.fk).map((t) => t.fk.ref));
  const free = (ok = () => true) => {
    for (let tries = 0; tries < 1000; tries++) {
      const t = s.tables[Math.floor(r() * s.tables.length)];
      if (!used.has(t.name) && ok(t)) {
        used.add(t.name);
        return t;
      }
    }
    return undefined;
  };
  const log = [];
  s.enumLabels.splice(2, 0, 'pending');
  log.push('enum data.status gains "pending"');
  for (const kind of EDITS) {
    for (let k = 0; k < perKind; k++) {
      switch (kind) {
        case 'addColumn': {
          const t = free();
          t.cols.push({ name: `note_${k}`, type: 'text', notNull: true, default: "'none'", comment: 'Added by the change set.' });
          log.push(`${t.name}: column note_${k} added`);
          break;
        }
        case 'dropColumn': {
          const t = free((x) => x.cols.some((c) => droppable(x, c)));
          if (!t) break;
          const c = t.cols.find((x) => droppable(t, x));
          t.cols = t.cols.filter((x) => x !== c);
          t.view.cols = t.view.cols.filter((x) => x !== c.name);
          if (t.validate === c.name) t.validate = false;
          log.push(`${t.name}: column ${c.name} dropped (and from its view)`);
          break;
        }
        case 'typeUnderView': {
          const t = free((x) => x.cols.some((c) => SHAPES.find((sh) => sh.stem === c.shape && sh.widen)));
          if (!t) break;
          const c = t.cols.find((x) => SHAPES.find((sh) => sh.stem === x.shape && sh.widen));
          const shape = SHAPES.find((sh) => sh.stem === c.shape);
          log.push(`${t.name}: ${c.name} ${c.type} → ${shape.widen} under api.${t.name}${t.summary ? ` and api.${t.name}_summary` : ''}`);
          c.type = shape.widen;
          break;
        }
        case 'functionBody': {
          const t = free();
          t.countFn.body = `SELECT count(*) FROM data.${t.name} WHERE state = p_state AND owner_id = auth.current_user_id()`;
          log.push(`api.${t.name}_count: body changed`);
          break;
        }
        case 'policy': {
          const t = free();
          t.policies[0].using = `owner_id = auth.current_user_id() OR auth.is_admin()`;
          log.push(`${t.name}_owner: policy USING changed`);
          break;
        }
        case 'tableGrant': {
          const t = free();
          t.grants[0].privs = ['SELECT', 'INSERT', 'UPDATE'];
          t.grants.push({ role: 'bench_anon', privs: ['SELECT'] });
          log.push(`${t.name}: DELETE revoked from bench_user, SELECT granted to bench_anon`);
          break;
        }
        case 'columnGrant': {
          const t = free((x) => x.cols.length > 5);
          const extraCol = t.cols.find((c) => !t.colGrants[0].cols.includes(c.name) && c.name !== 'owner_id');
          t.colGrants[0].cols = [...t.colGrants[0].cols.slice(1), extraCol.name];
          log.push(`${t.name}: column grant to bench_anon changed`);
          break;
        }
        case 'dropTable': {
          const t = free((x) => !referenced.has(x.name));
          if (!t) break;
          s.tables = s.tables.filter((x) => x !== t);
          log.push(`${t.name}: table dropped with its view, functions, trigger and policies`);
          break;
        }
        case 'newTable': {
          const r2 = rng(seed + 7919 * (k + 1));
          const t = makeTable(r2, app.tables.length + k, s.tables.filter((x) => !used.has(x.name)));
          used.add(t.name);
          s.tables.push(t);
          log.push(`${t.name}: new table`);
          break;
        }
      }
    }
  }
  return { app: s, log };
}

function droppable(t, c) {
  if (!/_\d+$/.test(c.name) || c.name === 'parent_id') return false;
  if (t.indexes.some((i) => i.cols.includes(c.name))) return false;
  if (t.colGrants.some((g) => g.cols.includes(c.name))) return false;
  return true;
}

const q = (name) => `"${name.replace(/"/g, '""')}"`;
const lit = (text) => `'${text.replace(/'/g, "''")}'`;

/** SQL that creates the state in an empty database (roles are created when missing). */
function appSql(app) {
  const out = [];
  out.push(...ROLES.map((role) => `DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`));
  out.push('CREATE SCHEMA auth;', 'CREATE SCHEMA data;', 'CREATE SCHEMA api;');
  out.push('GRANT USAGE ON SCHEMA api TO bench_anon, bench_user;', 'GRANT USAGE ON SCHEMA data, auth TO bench_user, bench_service;');
  out.push(`CREATE TYPE auth.app_role AS ENUM ('anon', 'user', 'admin');`);
  out.push(`CREATE TYPE data.status AS ENUM (${app.enumLabels.map(lit).join(', ')});`);
  out.push(`CREATE TABLE auth.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email LIKE '%@%'),
  role auth.app_role NOT NULL DEFAULT 'user',
  created_at timestamptz NOT NULL DEFAULT now()
);`);
  out.push(`CREATE FUNCTION auth.current_user_id() RETURNS uuid LANGUAGE sql STABLE AS $fn$ SELECT nullif(current_setting('request.user_id', true), '')::uuid $fn$;`);
  out.push(`CREATE FUNCTION auth.is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $fn$ SELECT EXISTS (SELECT 1 FROM auth.users WHERE id = auth.current_user_id() AND role = 'admin') $fn$;`);
  out.push(`COMMENT ON FUNCTION auth.is_admin() IS 'True when the requesting user is an administrator.';`);
  out.push(`CREATE FUNCTION data.touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$;`);
  for (const t of app.tables) {
    const lines = t.cols.map((c) => {
      let line = `  ${q(c.name)} ${c.type}`;
      if (c.identity) line += ' GENERATED BY DEFAULT AS IDENTITY';
      if (c.default !== undefined) line += ` DEFAULT ${c.default}`;
      if (c.notNull) line += ' NOT NULL';
      if (c.check) line += ` CONSTRAINT ${q(`${t.name}_${c.name}_check`)} CHECK (${c.check})`;
      return line;
    });
    lines.push(`  CONSTRAINT ${q(`${t.name}_pkey`)} PRIMARY KEY (id)`);
    if (t.fk) lines.push(`  CONSTRAINT ${q(`${t.name}_parent_fkey`)} FOREIGN KEY (parent_id) REFERENCES data.${q(t.fk.ref)} (id) ON DELETE ${t.fk.onDelete}`);
    lines.push(`  CONSTRAINT ${q(`${t.name}_owner_fkey`)} FOREIGN KEY (owner_id) REFERENCES auth.users (id) ON DELETE CASCADE`);
    out.push(`CREATE TABLE data.${q(t.name)} (\n${lines.join(',\n')}\n);`);
    for (const i of t.indexes) out.push(`CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${q(i.name)} ON data.${q(t.name)} (${i.cols})${i.where ? ` WHERE ${i.where}` : ''};`);
    out.push(`ALTER TABLE data.${q(t.name)} ENABLE ROW LEVEL SECURITY;`);
    for (const p of t.policies) {
      out.push(`CREATE POLICY ${q(p.name)} ON data.${q(t.name)} FOR ${p.cmd} TO ${p.to} USING (${p.using})${p.check ? ` WITH CHECK (${p.check})` : ''};`);
    }
    for (const g of t.grants) out.push(`GRANT ${g.privs.join(', ')} ON data.${q(t.name)} TO ${g.role};`);
    for (const g of t.colGrants) out.push(`GRANT ${g.priv} (${g.cols.map(q).join(', ')}) ON data.${q(t.name)} TO ${g.role};`);
    if (t.comment) out.push(`COMMENT ON TABLE data.${q(t.name)} IS ${lit(t.comment)};`);
    for (const c of t.cols) if (c.comment) out.push(`COMMENT ON COLUMN data.${q(t.name)}.${q(c.name)} IS ${lit(c.comment)};`);
    if (t.trigger) out.push(`CREATE TRIGGER ${q(`${t.name}_touch`)} BEFORE UPDATE ON data.${q(t.name)} FOR EACH ROW EXECUTE FUNCTION data.touch();`);
    if (t.validate) {
      out.push(`CREATE FUNCTION data.${q(`${t.name}_validate`)}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.${q(t.validate)} IS NOT NULL AND NEW.${q(t.validate)} > 1000000 THEN
    RAISE EXCEPTION '${t.validate} out of range: %', NEW.${q(t.validate)};
  END IF;
  RETURN NEW;
END
$fn$;`);
      out.push(`CREATE TRIGGER ${q(`${t.name}_validate`)} BEFORE INSERT OR UPDATE ON data.${q(t.name)} FOR EACH ROW EXECUTE FUNCTION data.${q(`${t.name}_validate`)}();`);
    }
  }
  for (const t of app.tables) {
    out.push(`CREATE VIEW api.${q(t.name)} AS SELECT ${t.view.cols.map(q).join(', ')} FROM data.${q(t.name)} WHERE ${t.view.where};`);
    out.push(`GRANT SELECT ON api.${q(t.name)} TO bench_anon, bench_user;`);
    out.push(`GRANT INSERT, UPDATE ON api.${q(t.name)} TO bench_user;`);
    out.push(`COMMENT ON VIEW api.${q(t.name)} IS ${lit(`The ${t.name} a client may see.`)};`);
    if (t.summary) {
      out.push(`CREATE VIEW api.${q(`${t.name}_summary`)} AS SELECT state, count(*) AS n, max(created_at) AS latest FROM api.${q(t.name)} GROUP BY state;`);
      out.push(`GRANT SELECT ON api.${q(`${t.name}_summary`)} TO bench_user;`);
    }
    out.push(`CREATE FUNCTION api.${q(`${t.name}_count`)}(p_state data.status) RETURNS bigint LANGUAGE sql STABLE AS $fn$ ${t.countFn.body} $fn$;`);
    out.push(`REVOKE EXECUTE ON FUNCTION api.${q(`${t.name}_count`)}(data.status) FROM PUBLIC;`);
    out.push(`GRANT EXECUTE ON FUNCTION api.${q(`${t.name}_count`)}(data.status) TO bench_user;`);
    if (t.archiveFn) {
      out.push(`CREATE FUNCTION api.${q(`archive_${t.name}`)}(p_id bigint) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE data.${q(t.name)} SET state = 'archived' WHERE id = p_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no ${t.name} %', p_id;
  END IF;
END
$fn$;`);
      out.push(`REVOKE EXECUTE ON FUNCTION api.${q(`archive_${t.name}`)}(bigint) FROM PUBLIC;`);
      out.push(`GRANT EXECUTE ON FUNCTION api.${q(`archive_${t.name}`)}(bigint) TO bench_user;`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The base and changed SQL for `tables` tables, and the list of edits in the change set. */
function benchStates(tables, seed = 20260101) {
  const base = generateApp(seed, tables);
  const { app: changed, log } = changeApp(base, seed);
  return { base: appSql(base), target: appSql(changed), edits: log };
}

module.exports = { benchStates, generateApp, changeApp, appSql, ROLES };
