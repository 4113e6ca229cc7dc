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
  /** One of the random columns c0…cN, which mutations may drop, retype or make nullable. */
  ordinary?: boolean;
}

interface Tab {
  schema: string;
  name: string;
  cols: Col[];
  fks: { col: string; ref: string; onDelete: string }[];
  /** `cols` lists the columns `expr` and `where` use, so a dropped column takes its indexes along. */
  indexes: { name: string; expr: string; cols: string[]; where?: string; unique?: boolean }[];
  rls: boolean;
  policy?: { name: string; using: string };
  grants: { role: string; privs: string; cols?: string[] }[];
  comment?: string;
}

interface ViewDef {
  schema: string;
  name: string;
  /** The table read, directly or through `overView`, a view of the same schema. */
  table: string;
  overView?: string;
  cols: string[];
  where?: string;
  grants: string[];
}

interface Fn {
  schema: string;
  name: string;
  body: string;
  language: 'sql' | 'plpgsql';
  volatility: string;
  /** The table a counting function reads. */
  table?: string;
}

/** Names every generated schema has; mutations refer to them. */
interface Names {
  data: string;
  api: string;
  status: string;
  draft: string;
  active: string;
  archived: string;
  id: string;
  state: string;
  updatedAt: string;
  touch: string;
}

export interface GeneratedSchema {
  /** Every invented name is hostile to unquoted SQL (see hostileName), so all are printed quoted. */
  hostile: boolean;
  names: Names;
  enums: { schema: string; name: string; labels: string[] }[];
  tables: Tab[];
  views: ViewDef[];
  functions: Fn[];
  triggers: { table: string; name: string; fn: { schema: string; name: string } }[];
}

export const GENERATOR_ROLES = ['app_reader', 'app_writer'];

const PLAIN: Names = {
  data: 'data',
  api: 'api',
  status: 'status',
  draft: 'draft',
  active: 'active',
  archived: 'archived',
  id: 'id',
  state: 'state',
  updatedAt: 'updated_at',
  touch: 'touch',
};

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

export const RESERVED_WORDS = ['select', 'table', 'user', 'order', 'group', 'default', 'check'];
const ODD_WORDS = ['ünïcødé', '日本', ...RESERVED_WORDS];
const SEPARATORS = [' ', '.', '"', "'", '. ', '"\' '];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/**
 * `plain` dressed in what breaks SQL pasted from unquoted text: quotes, spaces, dots, non-ASCII,
 * upper and mixed case, reserved words (sometimes the bare word). Unique within `used`, and at
 * most 63 bytes since PostgreSQL would silently truncate a longer name.
 */
function hostileName(h: () => number, plain: string, used: Set<string>): string {
  // After a few collisions a counter makes the name fresh.
  for (let attempt = 0; attempt < 100; attempt++) {
    const cased = pick(h, [plain, plain.toUpperCase(), plain[0]!.toUpperCase() + plain.slice(1)]);
    const odd = pick(h, ODD_WORDS);
    const sep = pick(h, SEPARATORS);
    const name = (h() < 0.15 ? pick(h, RESERVED_WORDS) : h() < 0.5 ? `${odd}${sep}${cased}` : `${cased}${sep}${odd}`) + (attempt > 10 ? attempt : '');
    if (Buffer.byteLength(name) <= 63 && !used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new Error(`no hostile name for ${plain}`);
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** Plain names stay unquoted where they always were, so that normal-mode SQL never changes. */
const identFor = (s: { hostile: boolean }) => (s.hostile ? q : (name: string) => name);

/**
 * A schema with `tables` tables in schemas data and api, with about thirty objects per table.
 * `hostile` dresses every invented name (see hostileName) from a second stream of the seed, so a
 * hostile schema has the same shape as the plain one of its seed.
 */
export function generateSchema(seed: number, tables = 6, options: { hostile?: boolean } = {}): GeneratedSchema {
  const r = rng(seed);
  const h = rng(seed ^ 0x85ebca6b);
  const hostile = options.hostile ?? false;
  const id = identFor({ hostile });
  const namespaces = new Map<string, Set<string>>();
  /** `plain` as it is, or in hostile mode dressed from `base`, unique within `namespace`. */
  const name = (plain: string, namespace: string, base = plain) => {
    if (!hostile) return plain;
    if (!namespaces.has(namespace)) namespaces.set(namespace, new Set());
    return hostileName(h, base, namespaces.get(namespace)!);
  };
  // One namespace for all columns keeps id, state and updated_at apart from every other column.
  const n: Names = {
    data: name('data', 'schemas'),
    api: name('api', 'schemas'),
    status: name('status', 'data'),
    draft: name('draft', 'labels'),
    active: name('active', 'labels'),
    archived: name('archived', 'labels'),
    id: name('id', 'columns'),
    state: name('state', 'columns'),
    updatedAt: name('updated_at', 'columns'),
    touch: name('touch', 'data()'),
  };
  const s: GeneratedSchema = { hostile, names: n, enums: [], tables: [], views: [], functions: [], triggers: [] };
  s.enums.push({ schema: n.data, name: n.status, labels: [n.draft, n.active, n.archived] });
  s.functions.push({ schema: n.data, name: n.touch, body: `BEGIN\n  NEW.${id(n.updatedAt)} := now();\n  RETURN NEW;\nEND`, language: 'plpgsql', volatility: 'VOLATILE' });
  for (let i = 0; i < tables; i++) {
    const plain = `t${i}`;
    const tname = name(plain, 'data');
    const cols: Col[] = [{ name: n.id, type: 'integer', notNull: true }];
    const count = 3 + Math.floor(r() * 8);
    for (let c = 0; c < count; c++) {
      const type = pick(r, TYPES);
      const col: Col = { name: name(`c${c}`, 'columns'), type, notNull: r() < 0.3, ordinary: true };
      if (r() < 0.3 && DEFAULTS[type]!.length > 0) col.default = pick(r, DEFAULTS[type]!);
      if (type === 'integer' && r() < 0.2) col.check = `${id(col.name)} >= 0`;
      if (r() < 0.2) col.comment = `column ${c} of ${tname}`;
      cols.push(col);
    }
    cols.push({ name: n.state, type: `${id(n.data)}.${id(n.status)}`, notNull: true, default: lit(n.draft) });
    cols.push({ name: n.updatedAt, type: 'timestamptz', notNull: false });
    const t: Tab = { schema: n.data, name: tname, cols, fks: [], indexes: [], rls: r() < 0.5, grants: [] };
    if (i > 0 && r() < 0.7) {
      const k = Math.floor(r() * i);
      const col = name(`t${k}_id`, 'columns');
      t.cols.push({ name: col, type: 'integer', notNull: false });
      t.fks.push({ col, ref: s.tables[k]!.name, onDelete: pick(r, ['CASCADE', 'SET NULL', 'NO ACTION']) });
    }
    const indexed = pick(r, cols.slice(1));
    t.indexes.push({
      name: name(`${plain}_${indexed.name}_idx`, 'data', `${plain}_idx`),
      expr: id(indexed.name),
      cols: [indexed.name],
      where: r() < 0.4 ? `${id(n.state)} <> ${lit(n.archived)}` : undefined,
    });
    if (r() < 0.3) t.indexes.push({ name: name(`${plain}_lower_idx`, 'data'), expr: `lower(${id(n.id)}::text)`, cols: [n.id] });
    if (t.rls) t.policy = { name: name(`${plain}_visible`, 'policies'), using: `${id(n.state)} <> ${lit(n.archived)}` };
    t.grants.push({ role: 'app_reader', privs: 'SELECT' });
    if (r() < 0.5) t.grants.push({ role: 'app_writer', privs: 'INSERT, UPDATE', cols: [cols[1]!.name] });
    if (r() < 0.5) t.comment = `table ${tname}`;
    s.tables.push(t);
    const view = name(plain, 'api');
    const viewCols = [n.id, ...cols.slice(1, 3).map((c) => c.name)];
    s.views.push({ schema: n.api, name: view, table: tname, cols: viewCols, where: r() < 0.3 ? `${id(n.state)} = ${lit(n.active)}` : undefined, grants: ['app_reader'] });
    if (r() < 0.3) s.views.push({ schema: n.api, name: name(`${plain}_ids`, 'api'), table: tname, overView: view, cols: [n.id], grants: [] });
    s.functions.push({
      schema: n.api,
      name: name(`count_${plain}`, 'api()'),
      body: `SELECT count(*)::integer FROM ${id(n.data)}.${id(tname)}`,
      language: 'sql',
      volatility: pick(r, ['STABLE', 'VOLATILE']),
      table: tname,
    });
    if (r() < 0.4) s.triggers.push({ table: tname, name: name(`${plain}_touch`, 'triggers'), fn: { schema: n.data, name: n.touch } });
  }
  return s;
}

/** A copy of the schema with a few deterministic edits of the kinds real features make. */
export function mutateSchema(schema: GeneratedSchema, seed: number, edits = 3): GeneratedSchema {
  const r = rng(seed ^ 0x9e3779b9);
  const h = rng(seed ^ 0x27d4eb2f);
  const s: GeneratedSchema = JSON.parse(JSON.stringify(schema));
  const n = s.names;
  const id = identFor(s);
  /** A new name: `plain`, or in hostile mode one dressed from `base` and unlike those `taken`. */
  const named = (plain: string, base: string, taken: string[]) => (s.hostile ? hostileName(h, base, new Set(taken)) : plain);
  const mutations: (() => void)[] = [
    () => {
      const t = pick(r, s.tables);
      const plain = `added_${Math.floor(r() * 1000)}`;
      t.cols.push({ name: named(plain, plain, t.cols.map((c) => c.name)), type: pick(r, TYPES), notNull: false });
    },
    () => {
      const t = pick(r, s.tables);
      const droppable = t.cols.filter((c) => c.ordinary && !s.views.some((v) => !v.overView && v.table === t.name && v.cols.includes(c.name)));
      if (droppable.length > 0) {
        const c = pick(r, droppable);
        t.cols = t.cols.filter((x) => x !== c);
        t.indexes = t.indexes.filter((i) => !i.cols.includes(c.name));
        t.grants = t.grants.filter((g) => !g.cols?.includes(c.name));
      }
    },
    () => {
      // A type change under a view: int → bigint, or anything → text.
      const t = pick(r, s.tables);
      const c = pick(r, t.cols.slice(1).filter((x) => x.ordinary));
      if (c) {
        c.type = c.type === 'integer' ? 'bigint' : 'text';
        c.default = undefined;
        c.check = undefined;
      }
    },
    () => {
      const e = s.enums[0]!;
      const label = (plain: string) => named(plain, plain, e.labels);
      if (r() < 0.5) e.labels.push(label(`extra${e.labels.length}`));
      else if (e.labels.length > 3) {
        // Drop a label a mutation added: defaults, indexes and policies use the first three.
        const added = e.labels.filter((l) => ![n.draft, n.active, n.archived].includes(l));
        e.labels = e.labels.filter((l) => l !== added[added.length - 1]);
      } else e.labels.splice(1, 0, label('pending'));
    },
    () => {
      const f = pick(r, s.functions.filter((x) => x.language === 'sql'));
      // A second edit of the same body must not repeat the clause.
      if (!f.body.endsWith(' WHERE true')) f.body = `${f.body} WHERE true`;
      f.volatility = 'STABLE';
    },
    () => {
      const t = pick(r, s.tables);
      if (t.policy) t.policy.using = `${id(n.state)} = ${lit(n.active)}`;
      else {
        t.rls = true;
        t.policy = { name: named(`${t.name}_visible`, 'visible', []), using: 'true' };
      }
    },
    () => {
      const t = pick(r, s.tables);
      t.grants = t.grants.length > 1 ? t.grants.slice(0, 1) : [...t.grants, { role: 'app_writer', privs: 'DELETE' }];
    },
    () => {
      const v = pick(r, s.views.filter((x) => !x.overView));
      if (!v.cols.includes(n.state)) v.cols = [...v.cols, n.state];
      v.grants = v.grants.length ? [] : ['app_reader'];
    },
    () => {
      // Drop the last table and everything on it.
      const t = s.tables[s.tables.length - 1]!;
      if (s.tables.some((x) => x.fks.some((fk) => fk.ref === t.name))) return;
      s.tables.pop();
      s.views = s.views.filter((v) => v.table !== t.name);
      s.functions = s.functions.filter((f) => f.table !== t.name);
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
      const c = pick(r, t.cols.slice(1).filter((x) => x.ordinary));
      if (c) c.notNull = !c.notNull;
    },
    () => {
      const t = pick(r, s.tables);
      if (t.indexes.length > 1) t.indexes.pop();
      else {
        // Indexes share their schema's namespace with its tables and types.
        const taken = [...s.enums.map((e) => e.name), ...s.tables.flatMap((x) => [x.name, ...x.indexes.map((i) => i.name)])];
        t.indexes.push({ name: named(`${t.name}_multi_idx`, 'multi_idx', taken), expr: `${id(n.id)}, ${id(n.state)}`, cols: [n.id, n.state], unique: true });
      }
    },
  ];
  for (let i = 0; i < edits; i++) pick(r, mutations)();
  return s;
}

/** SQL that creates the schema in an empty database (roles in GENERATOR_ROLES must exist). */
export function schemaSql(s: GeneratedSchema): string {
  const id = identFor(s);
  const rel = (schema: string, name: string) => `${id(schema)}.${id(name)}`;
  const n = s.names;
  const out: string[] = [`CREATE SCHEMA ${id(n.data)};`, `CREATE SCHEMA ${id(n.api)};`, `GRANT USAGE ON SCHEMA ${id(n.api)} TO app_reader;`];
  for (const e of s.enums) out.push(`CREATE TYPE ${rel(e.schema, e.name)} AS ENUM (${e.labels.map(lit).join(', ')});`);
  for (const f of s.functions.filter((x) => x.language === 'plpgsql')) {
    out.push(`CREATE FUNCTION ${rel(f.schema, f.name)}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n${f.body}\n$fn$;`);
  }
  for (const t of s.tables) {
    const cols = t.cols.map(
      (c) =>
        `  ${q(c.name)} ${c.type}${c.default !== undefined ? ` DEFAULT ${c.default}` : ''}${c.notNull ? ' NOT NULL' : ''}${c.check ? ` CHECK (${c.check})` : ''}`,
    );
    out.push(`CREATE TABLE ${rel(t.schema, t.name)} (\n${cols.join(',\n')},\n  PRIMARY KEY (${id(n.id)})\n);`);
    if (t.comment) out.push(`COMMENT ON TABLE ${rel(t.schema, t.name)} IS ${lit(t.comment)};`);
    for (const c of t.cols) if (c.comment) out.push(`COMMENT ON COLUMN ${rel(t.schema, t.name)}.${q(c.name)} IS ${lit(c.comment)};`);
  }
  for (const t of s.tables) {
    const table = rel(t.schema, t.name);
    for (const fk of t.fks) out.push(`ALTER TABLE ${table} ADD FOREIGN KEY (${q(fk.col)}) REFERENCES ${rel(t.schema, fk.ref)} (${id(n.id)}) ON DELETE ${fk.onDelete};`);
    for (const i of t.indexes) out.push(`CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${id(i.name)} ON ${table} (${i.expr})${i.where ? ` WHERE ${i.where}` : ''};`);
    if (t.rls) out.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;`);
    if (t.policy) out.push(`CREATE POLICY ${id(t.policy.name)} ON ${table} FOR SELECT TO app_reader USING (${t.policy.using});`);
    for (const g of t.grants) out.push(`GRANT ${g.privs}${g.cols ? ` (${g.cols.map(q).join(', ')})` : ''} ON ${table} TO ${g.role};`);
  }
  for (const v of s.views) {
    const from = v.overView ? rel(v.schema, v.overView) : rel(n.data, v.table);
    out.push(`CREATE VIEW ${rel(v.schema, v.name)} AS SELECT ${v.cols.map(q).join(', ')} FROM ${from}${v.where ? ` WHERE ${v.where}` : ''};`);
    for (const g of v.grants) out.push(`GRANT SELECT ON ${rel(v.schema, v.name)} TO ${g};`);
  }
  for (const f of s.functions.filter((x) => x.language === 'sql')) {
    const fn = rel(f.schema, f.name);
    out.push(`CREATE FUNCTION ${fn}() RETURNS integer LANGUAGE sql ${f.volatility} AS $fn$ ${f.body} $fn$;`);
    out.push(`REVOKE EXECUTE ON FUNCTION ${fn}() FROM PUBLIC;`);
    out.push(`GRANT EXECUTE ON FUNCTION ${fn}() TO app_reader;`);
  }
  for (const t of s.triggers) out.push(`CREATE TRIGGER ${id(t.name)} BEFORE UPDATE ON ${rel(n.data, t.table)} FOR EACH ROW EXECUTE FUNCTION ${rel(t.fn.schema, t.fn.name)}();`);
  return `${out.join('\n')}\n`;
}
