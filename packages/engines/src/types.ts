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
  /** Drops the database (server) or closes the instance (pglite). Idempotent. */
  dispose(): Promise<void>;
}

/** Where throwaway databases come from. */
export interface Engine {
  readonly name: EngineName;
  createDatabase(): Promise<Database>;
  /** Disposes every database still open and releases the engine. Idempotent. */
  dispose(): Promise<void>;
}
