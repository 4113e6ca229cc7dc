/**
 * The catalog reads a database through a plain query function, so that any driver (pg, PGlite,
 * an engine) can feed it and tests can count the queries it issues.
 */
export type QueryFn = <T = any>(sql: string, params?: unknown[]) => Promise<T[]>;

/** One set-based catalog query: `file` and `name` identify it in errors. */
export interface CatalogQuery {
  file: string;
  name: string;
  sql: string;
  /** Rough relative cost, so that with several connections the slow queries start first. */
  weight?: number;
}
