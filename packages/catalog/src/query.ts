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
  /**
   * The rows belong to relations or routines, and can be read for some of them only (see
   * `introspectPair`): the SQL holds OWNED_ROWS where a filter on the owners may be appended.
   */
  owned?: OwnedRows;
}

/** Where a query's SQL takes the owner filter of `OwnedRows` (a comment when none is given). */
export const OWNED_ROWS = '/*owned rows*/';

export interface OwnedRows {
  /** Predicate over the query's own tables, given an oid[] parameter: the rows of those owners, and any row always read. */
  filter: (oids: string) => string;
  /** Expression over the output row `q`: its owner's oid as text, or null for a row that is always read. */
  owner: string;
  /** Output columns that hold oids, which differ between two databases holding the same object. */
  oids: string[];
  /** Output columns whose change leaves what depends on the owner as it is: privileges, comments, the owner role. */
  neutral: string[];
  /** Output columns that order an owner's rows the same way in any database, when it has several. */
  order?: string[];
}
