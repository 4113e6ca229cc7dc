import type { Extension } from '@electric-sql/pglite';
import { EngineError } from '../errors';

/**
 * The contrib extensions PGlite 0.5 ships, by the name `CREATE EXTENSION` uses, with the module
 * under `@electric-sql/pglite/contrib/` that registers each and the extensions it requires.
 * (`vector` is not part of the package; `plpgsql` is built in.)
 */
const CONTRIB: Record<string, { module: string; requires?: string[] }> = {
  amcheck: { module: 'amcheck' },
  autoinc: { module: 'moddatetime' },
  bloom: { module: 'bloom' },
  btree_gin: { module: 'btree_gin' },
  btree_gist: { module: 'btree_gist' },
  citext: { module: 'citext' },
  cube: { module: 'cube' },
  dict_int: { module: 'dict_int' },
  dict_xsyn: { module: 'dict_xsyn' },
  earthdistance: { module: 'earthdistance', requires: ['cube'] },
  file_fdw: { module: 'file_fdw' },
  fuzzystrmatch: { module: 'fuzzystrmatch' },
  hstore: { module: 'hstore' },
  insert_username: { module: 'moddatetime' },
  intarray: { module: 'intarray' },
  isn: { module: 'isn' },
  lo: { module: 'lo' },
  ltree: { module: 'ltree' },
  moddatetime: { module: 'moddatetime' },
  pageinspect: { module: 'pageinspect' },
  pg_buffercache: { module: 'pg_buffercache' },
  pg_freespacemap: { module: 'pg_freespacemap' },
  pg_stat_statements: { module: 'pg_stat_statements' },
  pg_surgery: { module: 'pg_surgery' },
  pg_trgm: { module: 'pg_trgm' },
  pg_visibility: { module: 'pg_visibility' },
  pg_walinspect: { module: 'pg_walinspect' },
  pgcrypto: { module: 'pgcrypto' },
  refint: { module: 'moddatetime' },
  seg: { module: 'seg' },
  tablefunc: { module: 'tablefunc' },
  tcn: { module: 'tcn' },
  tsm_system_rows: { module: 'tsm_system_rows' },
  tsm_system_time: { module: 'tsm_system_time' },
  unaccent: { module: 'unaccent' },
  'uuid-ossp': { module: 'uuid_ossp' },
};

/** Extensions that are part of the server itself and need no registration. */
const BUILT_IN = new Set(['plpgsql']);

export const supportedExtensions: readonly string[] = [...Object.keys(CONTRIB), ...BUILT_IN].sort();

export function isSupportedExtension(name: string): boolean {
  return name in CONTRIB || BUILT_IN.has(name);
}

export function unavailableExtension(name: string, where?: string): EngineError {
  return new EngineError(
    'EXTENSION_UNAVAILABLE',
    `${where ? `${where}: ` : ''}extension "${name}" is not available in the embedded engine (pglite); use engine "docker" or "server"`,
  );
}

/** The PGlite modules to register for the named extensions (and those they require), keyed by module. */
export function contribModules(names: Iterable<string>): Set<string> {
  const modules = new Set<string>();
  const add = (name: string): void => {
    const entry = CONTRIB[name];
    if (!entry) return;
    modules.add(entry.module);
    entry.requires?.forEach(add);
  };
  for (const name of names) add(name);
  return modules;
}

/** The `extensions` option of PGlite for a set of contrib modules. */
export function pgliteExtensions(modules: Iterable<string>): Record<string, Extension> {
  const out: Record<string, Extension> = {};
  for (const module of modules) {
    // The contrib modules are separate entry points so that unused ones are never loaded.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(`@electric-sql/pglite/contrib/${module}`) as Record<string, Extension>;
    const extension = loaded[module];
    if (!extension) throw new Error(`@electric-sql/pglite/contrib/${module} does not export ${module}`);
    out[module] = extension;
  }
  return out;
}
