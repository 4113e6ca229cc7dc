import { readScript, statementError, type ReadOptions, type ScriptItem, type ServerErrorLike, type Statement } from '@pgshift/sql-script';
import type { Database, QueryResult } from './types';

/** What psql learns about the server when it connects; the source of the automatic variables. */
export interface ConnectionFacts {
  dbname: string;
  user: string;
  host: string;
  port: string;
  encoding: string;
  /** `version()` */
  version: string;
  /** `server_version` as the server reports it, e.g. `18.6` or `15.13 (Debian 15.13-1.pgdg120+1)` */
  serverVersion: string;
  /** `server_version_num`, e.g. `180006` */
  serverVersionNum: string;
}

/** A rejection by the server (node-postgres and PGlite both give `code` and `severity`). */
function isServerError(err: unknown): err is ServerErrorLike & Error {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string' && typeof (err as { severity?: unknown }).severity === 'string';
}

/** The script-running half of a Database, shared by all engines. */
export abstract class BaseDatabase implements Database {
  abstract readonly name: string;
  readonly displayUrl?: string;
  readonly connectionString?: string;
  abstract query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  abstract exec(sql: string): Promise<void>;
  abstract copyFrom(sql: string, data: string): Promise<void>;
  abstract clone(): Promise<Database>;
  abstract dispose(): Promise<void>;
  protected abstract connectionFacts(): Promise<ConnectionFacts>;

  /** Called with every item before any of them runs, e.g. to register extensions the items create. */
  protected async prepare(_items: ScriptItem[]): Promise<void> {}

  /**
   * psql's automatic variables. VERSION, VERSION_NAME and VERSION_NUM describe psql itself in
   * psql; here the "client" is the engine, so they describe the server as a psql of the same
   * release would.
   */
  async automaticVariables(): Promise<Record<string, string>> {
    const f = await this.connectionFacts();
    const versionName = f.serverVersion.split(' ')[0];
    return {
      DBNAME: f.dbname,
      USER: f.user,
      HOST: f.host,
      PORT: f.port,
      ENCODING: f.encoding,
      VERSION: f.version,
      VERSION_NAME: versionName,
      VERSION_NUM: f.serverVersionNum,
      SERVER_VERSION_NAME: f.serverVersion,
      SERVER_VERSION_NUM: f.serverVersionNum,
    };
  }

  async runScript(file: string, options: ReadOptions & { onEcho?: (text: string) => void } = {}): Promise<void> {
    const { onEcho, ...readOptions } = options;
    const variables = { ...(await this.automaticVariables()), ...(options.variables ?? {}) };
    const items = readScript(file, { ...readOptions, variables });
    await this.runItems(items, onEcho);
  }

  async runItems(items: ScriptItem[], onEcho?: (text: string) => void): Promise<void> {
    await this.prepare(items);
    for (const item of items) {
      if (item.type === 'echo') {
        onEcho?.(item.text);
        continue;
      }
      await this.runStatement(item);
    }
  }

  private async runStatement(statement: Statement): Promise<void> {
    try {
      if (statement.copyData !== undefined) await this.copyFrom(statement.sql, statement.copyData);
      else await this.exec(statement.sql);
    } catch (err) {
      if (!isServerError(err)) throw err;
      throw statementError(statement, err);
    }
  }
}
