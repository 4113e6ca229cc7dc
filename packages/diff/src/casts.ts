/**
 * Which column type changes have a cast. ALTER COLUMN … TYPE … USING col::new needs one; where
 * none exists, the value goes through its text form (col::text::new), which is what an explicit
 * cast does anyway whenever one side is a string type.
 */
import { ids, type TypeDef } from '@pgshift/catalog';

/**
 * pg_cast between built-in types outside the string category, by source (format_type names;
 * PostgreSQL 14 to 17 have the same set; 18 adds integer <-> bytea, see BUILTIN_18).
 */
const BUILTIN: Record<string, string> = {
  '"char"': 'integer',
  bigint: 'bit,double precision,integer,money,numeric,oid,real,regclass,regcollation,regconfig,regdictionary,regnamespace,regoper,regoperator,regproc,regprocedure,regrole,regtype,smallint',
  'bit varying': 'bit',
  bit: 'bigint,bit varying,integer',
  boolean: 'integer',
  box: 'circle,lseg,point,polygon',
  cidr: 'inet',
  circle: 'box,point,polygon',
  date: 'timestamp with time zone,timestamp without time zone',
  daterange: 'datemultirange',
  'double precision': 'bigint,integer,numeric,real,smallint',
  inet: 'cidr',
  int4range: 'int4multirange',
  int8range: 'int8multirange',
  integer: '"char",bigint,bit,boolean,double precision,money,numeric,oid,real,regclass,regcollation,regconfig,regdictionary,regnamespace,regoper,regoperator,regproc,regprocedure,regrole,regtype,smallint',
  interval: 'time without time zone',
  json: 'jsonb',
  jsonb: 'bigint,boolean,double precision,integer,json,numeric,real,smallint',
  lseg: 'point',
  macaddr8: 'macaddr',
  macaddr: 'macaddr8',
  money: 'numeric',
  numeric: 'bigint,double precision,integer,money,real,smallint',
  numrange: 'nummultirange',
  oid: 'bigint,integer,regclass,regcollation,regconfig,regdictionary,regnamespace,regoper,regoperator,regproc,regprocedure,regrole,regtype',
  path: 'polygon',
  pg_dependencies: 'bytea',
  pg_mcv_list: 'bytea',
  pg_ndistinct: 'bytea',
  point: 'box',
  polygon: 'box,circle,path,point',
  real: 'bigint,double precision,integer,numeric,smallint',
  regclass: 'bigint,integer,oid',
  regcollation: 'bigint,integer,oid',
  regconfig: 'bigint,integer,oid',
  regdictionary: 'bigint,integer,oid',
  regnamespace: 'bigint,integer,oid',
  regoper: 'bigint,integer,oid,regoperator',
  regoperator: 'bigint,integer,oid,regoper',
  regproc: 'bigint,integer,oid,regprocedure',
  regprocedure: 'bigint,integer,oid,regproc',
  regrole: 'bigint,integer,oid',
  regtype: 'bigint,integer,oid',
  smallint: 'bigint,double precision,integer,numeric,oid,real,regclass,regcollation,regconfig,regdictionary,regnamespace,regoper,regoperator,regproc,regprocedure,regrole,regtype',
  'time with time zone': 'time without time zone',
  'time without time zone': 'interval,time with time zone',
  'timestamp with time zone': 'date,time with time zone,time without time zone,timestamp without time zone',
  'timestamp without time zone': 'date,time without time zone,timestamp with time zone',
  tsrange: 'tsmultirange',
  tstzrange: 'tstzmultirange',
  xid8: 'xid',
};
const BUILTIN_18: Record<string, string> = { bigint: 'bytea', integer: 'bytea', smallint: 'bytea', bytea: 'bigint,integer,smallint' };

const pairs = (table: Record<string, string>) => new Set(Object.entries(table).flatMap(([from, to]) => to.split(',').map((t) => `${from}>${t}`)));
const builtin = pairs(BUILTIN);
const builtin18 = pairs(BUILTIN_18);

/** TYPCATEGORY_STRING: an explicit cast to or from one of these is an I/O conversion, always there. */
const STRINGS = new Set(['text', 'character varying', 'character', 'name', 'bpchar']);

/** A user-defined type by its id. */
export type TypeLookup = (id: string) => TypeDef | undefined;

/** The id of a type from its format_type() name (`s.t`, `"S"."t t"`), or null for a built-in one. */
function typeId(name: string): string | null {
  const parts = name.match(/"(?:[^"]|"")*"|[^."]+/g) ?? [];
  if (parts.length !== 2) return null;
  const [schema, type] = parts.map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p)) as [string, string];
  return ids.type(schema, type);
}

interface Resolved {
  name: string;
  array: boolean;
  type: TypeDef | undefined;
}

function resolve(type: string, lookup: TypeLookup, depth = 0): Resolved {
  const array = type.endsWith('[]');
  const name = (array ? type.replace(/(\[\])+$/, '') : type).replace(/\(\d+(,\d+)?\)/g, '').replace(/^interval\b.*/, 'interval');
  const id = typeId(name);
  const def = id === null ? undefined : lookup(id);
  if (def?.kind === 'domain' && !array && depth < 8) return resolve(def.baseType, lookup, depth + 1);
  return { name, array, type: def };
}

/**
 * True when a user-defined cast takes `from` to `to` (domains count as their base types, as
 * PostgreSQL applies casts), judged by `has` on cast ids.
 */
export function userCastExists(from: string, to: string, lookupFrom: TypeLookup, lookupTo: TypeLookup, has: (castId: string) => boolean): boolean {
  const a = resolve(from, lookupFrom);
  const b = resolve(to, lookupTo);
  return a.array === b.array && has(ids.cast(a.name, b.name));
}

/**
 * True when `from::to` is a cast PostgreSQL has (or may have: base types of extensions and
 * user-defined casts are not in the model, so a user type that is not an enum, range or composite
 * is given the benefit of the doubt).
 */
export function castExists(from: string, to: string, lookupFrom: TypeLookup, lookupTo: TypeLookup, serverVersionNum: number): boolean {
  const a = resolve(from, lookupFrom);
  const b = resolve(to, lookupTo);
  if ((!a.array && STRINGS.has(a.name)) || (!b.array && STRINGS.has(b.name))) return true;
  if (a.array !== b.array) return false;
  if (STRINGS.has(a.name) || STRINGS.has(b.name)) return true;
  if (a.name === b.name) return true;
  for (const t of [a.type, b.type]) if (t !== undefined) return t.kind !== 'enum' && t.kind !== 'range' && t.kind !== 'composite';
  if (typeId(a.name) !== null || typeId(b.name) !== null) return true;
  const pair = `${a.name}>${b.name}`;
  return builtin.has(pair) || (serverVersionNum >= 180000 && builtin18.has(pair));
}
