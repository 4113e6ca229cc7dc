/**
 * Seeded generator of application schemas and of a mutated copy of each: the randomised round
 * trip and the benchmarks use it. The same seed always gives the same two SQL texts.
 *
 * A schema is described as data first (tables, views, functions, …), then printed; a mutation
 * edits the description, so both states are valid by construction.
 */

/** mulberry32: small, fast, good enough to pick shapes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Col {
  name: string;
  type: string;
  notNull: boolean;
  default?: string;
  check?: string;
  comment?: string;
}

interface Tab {
  schema: string;
  name: string;
  cols: Col[];
  fks: { col: string; ref: string; onDelete: string }[];
  indexes: { name: string; expr: string; where?: string; unique?: boolean }[];
  rls: boolean;
  policy?: { name: string; using: string };
  grants: { role: string; privs: string; cols?: string[] }[];
  comment?: string;
}

interface ViewDef {
  schema: string;
  name: string;
  over: string;
  cols: string[];
  where?: string;
  grants: string[];
  onView?: string;
}

interface Fn {
  schema: string;
  name: string;
  body: string;
  language: 'sql' | 'plpgsql';
  volatility: string;
}

export interface GeneratedSchema {
  enums: { schema: string; name: string; labels: string[] }[];
  tables: Tab[];
  views: ViewDef[];
  functions: Fn[];
  triggers: { table: string; name: string; fn: string }[];
}

export const GENERATOR_ROLES = ['app_reader', 'app_writer'];

const TYPES = ['integer', 'bigint', 'text', 'varchar(40)', 'boolean', 'numeric(12,2)', 'timestamptz', 'date', 'jsonb', 'uuid'];
const DEFAULTS: Record<string, string[]> = {
  integer: ['0', '1'],
  bigint: ['0'],
  text: ["''", "'n/a'"],
  'varchar(40)': ["'new'"],
  boolean: ['true', 'false'],
  'numeric(12,2)': ['0'],
  timestamptz: ['now()'],
  date: ['CURRENT_DATE'],
  jsonb: ["'{}'::jsonb"],
  uuid: [],
};

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/** A schema with `tables` tables in schemas data and api, with about thirty objects per table. */
export function generateSchema(seed: number, tables = 6): GeneratedSchema {
  const r = rng(seed);
  const s: GeneratedSchema = { enums: [], tables: [], views: [], functions: [], triggers: [] };
  s.enums.push({ schema: 'data', name: 'status', labels: ['draft', 'active', 'archived'] });
  s.functions.push({ schema: 'data', name: 'touch', body: 'BEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND', language: 'plpgsql', volatility: 'VOLATILE' });
  for (let i = 0; i < tables; i++) {
    const name = `t${i}`;
    const cols: Col[] = [{ name: 'id', type: 'integer', notNull: true }];
    const n = 3 + Math.floor(r() * 8);
    for (let c = 0; c < n; c++) {
      const type = pick(r, TYPES);
      const col: Col = { name: `c${c}`, type, notNull: r() < 0.3 };
      if (r() < 0.3 && DEFAULTS[type]!.length > 0) col.default = pick(r, DEFAULTS[type]!);
      if (type === 'integer' && r() < 0.2) col.check = `c${c} >= 0`;
      if (r() < 0.2) col.comment = `column ${c} of ${name}`;
      cols.push(col);
    }
    cols.push({ name: 'state', type: 'data.status', notNull: true, default: "'draft'" });
    cols.push({ name: 'updated_at', type: 'timestamptz', notNull: false });
    const t: Tab = { schema: 'data', name, cols, fks: [], indexes: [], rls: r() < 0.5, grants: [] };
    if (i > 0 && r() < 0.7) {
      const ref = `t${Math.floor(r() * i)}`;
      t.cols.push({ name: `${ref}_id`, type: 'integer', notNull: false });
      t.fks.push({ col: `${ref}_id`, ref, onDelete: pick(r, ['CASCADE', 'SET NULL', 'NO ACTION']) });
    }
    const indexed = pick(r, cols.slice(1));
    t.indexes.push({ name: `${name}_${indexed.name}_idx`, expr: indexed.name, where: r() < 0.4 ? "state <> 'archived'" : undefined });
    if (r() < 0.3) t.indexes.push({ name: `${name}_lower_idx`, expr: `lower(id::text)` });
    if (t.rls) t.policy = { name: `${name}_visible`, using: `state <> 'archived'` };
    t.grants.push({ role: 'app_reader', privs: 'SELECT' });
    if (r() < 0.5) t.grants.push({ role: 'app_writer', privs: 'INSERT, UPDATE', cols: [cols[1]!.name] });
    if (r() < 0.5) t.comment = `table ${name}`;
    s.tables.push(t);
    const viewCols = ['id', ...cols.slice(1, 3).map((c) => c.name)];
    s.views.push({ schema: 'api', name, over: `data.${name}`, cols: viewCols, where: r() < 0.3 ? "state = 'active'" : undefined, grants: ['app_reader'] });
    if (r() < 0.3) s.views.push({ schema: 'api', name: `${name}_ids`, over: `api.${name}`, cols: ['id'], grants: [], onView: name });
    s.functions.push({
      schema: 'api',
      name: `count_${name}`,
      body: `SELECT count(*)::integer FROM data.${name}`,
      language: 'sql',
      volatility: pick(r, ['STABLE', 'VOLATILE']),
    });
    if (r() < 0.4) s.triggers.push({ table: name, name: `${name}_touch`, fn: 'data.touch' });
  }
  return s;
}

/** A copy of the schema with a few deterministic edits of the kinds real features make. */
export function mutateSchema(schema: GeneratedSchema, seed: number, edits = 3): GeneratedSchema {
  const r = rng(seed ^ 0x9e3779b9);
  const s: GeneratedSchema = JSON.parse(JSON.stringify(schema));
  const mutations: (() => void)[] = [
    () => {
      const t = pick(r, s.tables);
      t.cols.push({ name: `added_${Math.floor(r() * 1000)}`, type: pick(r, TYPES), notNull: false });
    },
    () => {
      const t = pick(r, s.tables);
      const droppable = t.cols.filter((c) => /^c\d+$/.test(c.name) && !s.views.some((v) => v.over === `data.${t.name}` && v.cols.includes(c.name)));
      if (droppable.length > 0) {
        const c = pick(r, droppable);
        t.cols = t.cols.filter((x) => x !== c);
        t.indexes = t.indexes.filter((i) => i.expr !== c.name);
        t.grants = t.grants.filter((g) => !g.cols?.includes(c.name));
      }
    },
    () => {
      // A type change under a view: int → bigint, or anything → text.
      const t = pick(r, s.tables);
      const c = pick(r, t.cols.slice(1).filter((x) => /^c\d+$/.test(x.name)));
      if (c) {
        c.type = c.type === 'integer' ? 'bigint' : 'text';
        c.default = undefined;
        c.check = undefined;
      }
    },
    () => {
      const e = s.enums[0]!;
      if (r() < 0.5) e.labels.push(`extra${e.labels.length}`);
      else if (e.labels.length > 3) e.labels.pop();
      else e.labels.splice(1, 0, 'pending');
    },
    () => {
      const f = pick(r, s.functions.filter((x) => x.language === 'sql'));
      f.body = `${f.body} WHERE true`;
      f.volatility = 'STABLE';
    },
    () => {
      const t = pick(r, s.tables);
      if (t.policy) t.policy.using = `state = 'active'`;
      else {
        t.rls = true;
        t.policy = { name: `${t.name}_visible`, using: 'true' };
      }
    },
    () => {
      const t = pick(r, s.tables);
      t.grants = t.grants.length > 1 ? t.grants.slice(0, 1) : [...t.grants, { role: 'app_writer', privs: 'DELETE' }];
    },
    () => {
      const v = pick(r, s.views.filter((x) => !x.onView));
      if (!v.cols.includes('state')) v.cols = [...v.cols, 'state'];
      v.grants = v.grants.length ? [] : ['app_reader'];
    },
    () => {
      // Drop the last table and everything on it.
      const t = s.tables[s.tables.length - 1]!;
      if (s.tables.some((x) => x.fks.some((fk) => fk.ref === t.name))) return;
      s.tables.pop();
      s.views = s.views.filter((v) => v.over !== `data.${t.name}` && v.onView !== t.name);
      s.functions = s.functions.filter((f) => f.name !== `count_${t.name}`);
      s.triggers = s.triggers.filter((x) => x.table !== t.name);
    },
    () => {
      const t = pick(r, s.tables);
      t.comment = t.comment ? undefined : `changed ${t.name}`;
      const c = pick(r, t.cols);
      c.comment = c.comment ? `${c.comment} (edited)` : 'now documented';
    },
    () => {
      const t = pick(r, s.tables);
      const c = pick(r, t.cols.slice(1).filter((x) => /^c\d+$/.test(x.name)));
      if (c) c.notNull = !c.notNull;
    },
    () => {
      const t = pick(r, s.tables);
      if (t.indexes.length > 1) t.indexes.pop();
      else t.indexes.push({ name: `${t.name}_multi_idx`, expr: 'id, state', unique: true });
    },
  ];
  for (let i = 0; i < edits; i++) pick(r, mutations)();
  return s;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** SQL that creates the schema in an empty database (roles in GENERATOR_ROLES must exist). */
export function schemaSql(s: GeneratedSchema): string {
  const out: string[] = ['CREATE SCHEMA data;', 'CREATE SCHEMA api;', 'GRANT USAGE ON SCHEMA api TO app_reader;'];
  for (const e of s.enums) out.push(`CREATE TYPE ${e.schema}.${e.name} AS ENUM (${e.labels.map((l) => `'${l}'`).join(', ')});`);
  for (const f of s.functions.filter((x) => x.language === 'plpgsql')) {
    out.push(`CREATE FUNCTION ${f.schema}.${f.name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n${f.body}\n$fn$;`);
  }
  for (const t of s.tables) {
    const cols = t.cols.map(
      (c) =>
        `  ${q(c.name)} ${c.type}${c.default !== undefined ? ` DEFAULT ${c.default}` : ''}${c.notNull ? ' NOT NULL' : ''}${c.check ? ` CHECK (${c.check})` : ''}`,
    );
    out.push(`CREATE TABLE data.${t.name} (\n${cols.join(',\n')},\n  PRIMARY KEY (id)\n);`);
    if (t.comment) out.push(`COMMENT ON TABLE data.${t.name} IS '${t.comment}';`);
    for (const c of t.cols) if (c.comment) out.push(`COMMENT ON COLUMN data.${t.name}.${q(c.name)} IS '${c.comment}';`);
  }
  for (const t of s.tables) {
    for (const fk of t.fks) out.push(`ALTER TABLE data.${t.name} ADD FOREIGN KEY (${q(fk.col)}) REFERENCES data.${fk.ref} (id) ON DELETE ${fk.onDelete};`);
    for (const i of t.indexes) out.push(`CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name} ON data.${t.name} (${i.expr})${i.where ? ` WHERE ${i.where}` : ''};`);
    if (t.rls) out.push(`ALTER TABLE data.${t.name} ENABLE ROW LEVEL SECURITY;`);
    if (t.policy) out.push(`CREATE POLICY ${t.policy.name} ON data.${t.name} FOR SELECT TO app_reader USING (${t.policy.using});`);
    for (const g of t.grants) out.push(`GRANT ${g.privs}${g.cols ? ` (${g.cols.map(q).join(', ')})` : ''} ON data.${t.name} TO ${g.role};`);
  }
  for (const v of s.views) {
    out.push(`CREATE VIEW ${v.schema}.${v.name} AS SELECT ${v.cols.map(q).join(', ')} FROM ${v.over}${v.where ? ` WHERE ${v.where}` : ''};`);
    for (const g of v.grants) out.push(`GRANT SELECT ON ${v.schema}.${v.name} TO ${g};`);
  }
  for (const f of s.functions.filter((x) => x.language === 'sql')) {
    out.push(`CREATE FUNCTION ${f.schema}.${f.name}() RETURNS integer LANGUAGE sql ${f.volatility} AS $fn$ ${f.body} $fn$;`);
    out.push(`REVOKE EXECUTE ON FUNCTION ${f.schema}.${f.name}() FROM PUBLIC;`);
    out.push(`GRANT EXECUTE ON FUNCTION ${f.schema}.${f.name}() TO app_reader;`);
  }
  for (const t of s.triggers) out.push(`CREATE TRIGGER ${t.name} BEFORE UPDATE ON data.${t.table} FOR EACH ROW EXECUTE FUNCTION ${t.fn}();`);
  return `${out.join('\n')}\n`;
}
