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
  /**
   * Read in pages of this many rows, each page a statement of its own: `sql` then takes the last
   * page's final `oid` as $1 and the page size as $2, and orders by oid. For queries whose
   * deparsing locks what it reads (pg_get_viewdef): a statement holds its locks until it ends,
   * and one statement over every view of a big schema can run the server's lock table out of
   * shared memory.
   */
  pageSize?: number;
  /**
   * The query deparses with the tables open (pg_get_viewdef, pg_get_indexdef, a CHECK's or a
   * policy's expression): a backend loads each table it opens into its cache, which on a new
   * connection costs as much as the deparsing, so with several connections these queries all go
   * to the first one and the tables are loaded once.
   */
  opensTables?: boolean;
}
