import type { ReadOptions, ScriptItem } from '@pgshift/sql-script';

export type EngineName = 'pglite' | 'server' | 'docker';

export interface QueryResult<T> {
  rows: T[];
}

/** A throwaway database. */
export interface Database {
  readonly name: string;
  /** Connection URL with the password masked, for messages; undefined for in-process engines. */
  readonly displayUrl?: string;
  /** Full connection URL (password included) for tools such as pg_dump; undefined for in-process engines. Never print it. */
  readonly connectionString?: string;
  /** Runs one statement (parameters allowed) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs any number of statements through the simple query protocol. */
  exec(sql: string): Promise<void>;
  /** Runs `COPY … FROM STDIN` with the given data. */
  copyFrom(sql: string, data: string): Promise<void>;
  /**
   * Reads a psql script with sql-script (psql's automatic variables set for this database) and
   * runs it statement by statement; a rejected statement throws a ScriptError naming file:line:column.
   */
  runScript(file: string, options?: ReadOptions & { onEcho?: (text: string) => void }): Promise<void>;
  /** Runs already-read script items. */
  runItems(items: ScriptItem[], onEcho?: (text: string) => void): Promise<void>;
  /** psql's automatic variables for this database: DBNAME, USER, HOST, PORT, ENCODING, VERSION, … */
  automaticVariables(): Promise<Record<string, string>>;
  /**
   * A new throwaway database of the same engine holding a copy of this one's schema and data, so
   * that a database built once can serve many runs. The copy is independent: changes to either
   * never reach the other. Roles are cluster-wide on a server, so a copy shares them with its
   * source; the roles that this database's SQL created are dropped when the last of the copies
   * (source included) is disposed. Session state (SET, temporary tables) is not copied, and on a
   * server the source's own session is renewed by the copy, as after a reconnect. On pglite a copy
   * starts with crash recovery, so its UNLOGGED tables are empty. Refused with
   * CLONE_IN_TRANSACTION while a transaction is open in this database.
   */
  clone(): Promise<Database>;
  /** Drops the database (server) or closes the instance (pglite). Idempotent. */
  dispose(): Promise<void>;
}

/** Where throwaway databases come from. */
export interface Engine {
  readonly name: EngineName;
  /** What the engine runs, for cache keys and messages: the PGlite version, or the server's version number. */
  readonly version: string;
  createDatabase(): Promise<Database>;
  /** Disposes every database still open and releases the engine. Idempotent. */
  dispose(): Promise<void>;
}
