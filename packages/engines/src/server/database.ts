import { escapeIdentifier, type Client } from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import type { ScriptItem } from '@pgshift/sql-script';
import { BaseDatabase, type ConnectionFacts } from '../base-database';
import { EngineError } from '../errors';
import { SerialQueue } from '../serial';
import type { Database, QueryResult } from '../types';

/** What a server database needs from its engine. */
export interface ServerDatabaseHost {
  /** Runs one statement on the engine's admin connection, in turn with every other admin statement. */
  adminQuery<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A new throwaway database copied from `template` (which must have no sessions), sharing its roles. */
  copyDatabase(template: string, roles: RoleLedger): Promise<ServerDatabase>;
  /** A new session on the named database. */
  connect(name: string): Promise<Client>;
  dropDatabase(name: string): Promise<void>;
  released(db: ServerDatabase): void;
}

/**
 * The roles that a database and its copies created, shared by them all: roles are cluster-wide,
 * so a copy uses the same ones as its source, and they are dropped only when the last database
 * holding the ledger is disposed.
 */
export class RoleLedger {
  /** name → oid of each role that appeared while the SQL of one of the holders ran. */
  readonly created = new Map<string, number>();
  holders = 1;
}

/**
 * A database created on a server for one load, reached through its own connection.
 *
 * Roles are cluster-wide, and user SQL runs as written (`drop role if exists api; create role api`),
 * which works because at most one database loaded from a given source lives on a server at a time
 * (copies made by clone() excepted: they share the ledger of their source's roles). What this
 * database leaves behind is decided on dispose: after DROP DATABASE (which also removes the role
 * dependencies recorded for its objects), every role that appeared while this database's SQL ran
 * — seen by comparing `pg_roles` before and after each call, so that roles made by other sessions
 * in between are not taken for ours — and that still has the same oid is dropped, unless something
 * outside this database still depends on it (`pg_shdepend`: objects or grants in another
 * database, a database it owns). Such a role is kept, since dropping it would fail or damage that
 * database. Roles that existed before are never dropped or restored, even if the script altered
 * or dropped them.
 */
export class ServerDatabase extends BaseDatabase {
  override readonly displayUrl: string;
  /** The session's statements, and clone() which replaces the session, run one at a time. */
  private readonly session = new SerialQueue();
  private tracking = 0;
  private disposed = false;

  constructor(
    readonly name: string,
    private client: Client,
    displayUrl: string,
    private readonly host: { name: string; port: string },
    private readonly engine: ServerDatabaseHost,
    override readonly connectionString: string,
    private readonly roles: RoleLedger = new RoleLedger(),
  ) {
    super();
    this.displayUrl = displayUrl;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.trackRoles(async () => {
      const result = await this.session.run(() => this.live().query(sql, params));
      return { rows: result.rows as T[] };
    });
  }

  async exec(sql: string): Promise<void> {
    await this.trackRoles(() => this.session.run(() => this.live().query(sql)));
  }

  async copyFrom(sql: string, data: string): Promise<void> {
    await this.session.run(async () => {
      const client = this.live();
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFromStream(sql));
        stream.on('error', reject);
        stream.on('finish', () => resolve());
        stream.end(data);
      });
    });
  }

  override async runItems(items: ScriptItem[], onEcho?: (text: string) => void): Promise<void> {
    await this.trackRoles(() => super.runItems(items, onEcho));
  }

  protected async connectionFacts(): Promise<ConnectionFacts> {
    const { rows } = await this.session.run(() =>
      this.live().query<Omit<ConnectionFacts, 'host' | 'port'>>(
        `SELECT current_database() AS dbname, current_user AS "user", current_setting('client_encoding') AS encoding,
                version() AS version, current_setting('server_version') AS "serverVersion",
                current_setting('server_version_num') AS "serverVersionNum"`,
      ),
    );
    return { ...rows[0], host: this.host.name, port: this.host.port };
  }

  /**
   * `CREATE DATABASE … TEMPLATE this`. PostgreSQL copies only a database without sessions, so this
   * database's own session is ended for the copy and a new one opened after it.
   */
  async clone(): Promise<Database> {
    return this.session.run(async () => {
      const client = this.live();
      if (client.getTransactionStatus() !== 'I') {
        throw new EngineError(
          'CLONE_IN_TRANSACTION',
          `cannot copy database ${this.name} while a transaction is open in it: commit or roll back first`,
        );
      }
      await client.end().catch(() => undefined);
      let copy: ServerDatabase | undefined;
      let failure: unknown;
      try {
        this.roles.holders++;
        copy = await this.engine.copyDatabase(this.name, this.roles);
      } catch (err) {
        this.roles.holders--;
        failure = err;
      }
      try {
        this.client = await this.engine.connect(this.name);
      } catch (err) {
        await copy?.dispose().catch(() => undefined);
        throw failure ?? err;
      }
      if (copy === undefined) throw failure;
      return copy;
    });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      // Statements already running (a clone, say) finish first; those still queued are refused.
      await this.session.idle();
      await this.dropSubscriptions().catch(() => undefined);
      await this.client.end().catch(() => undefined);
      await this.engine.dropDatabase(this.name);
      if (--this.roles.holders === 0) await this.dropCreatedRoles();
    } finally {
      this.engine.released(this);
    }
  }

  /**
   * PostgreSQL refuses to drop a database that holds a subscription, and a subscription with a
   * slot drops it on the publisher unless it lets go of it first.
   */
  private async dropSubscriptions(): Promise<void> {
    const { rows } = await this.client.query<{ name: string }>(
      'SELECT subname AS name FROM pg_catalog.pg_subscription WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())',
    );
    for (const { name } of rows) {
      const quoted = escapeIdentifier(name);
      await this.client.query(`ALTER SUBSCRIPTION ${quoted} DISABLE`);
      await this.client.query(`ALTER SUBSCRIPTION ${quoted} SET (slot_name = NONE)`);
      await this.client.query(`DROP SUBSCRIPTION ${quoted}`);
    }
  }

  /**
   * Ends this database's session and leaves the database to the caller, with the roles its SQL
   * created: from now on neither this object nor the engine drops them. For a database meant to
   * outlive the engine, such as the one the dev loop serves.
   */
  async keep(): Promise<void> {
    this.live();
    this.disposed = true;
    try {
      await this.session.idle();
      await this.client.end().catch(() => undefined);
      this.roles.created.clear();
      this.roles.holders--;
    } finally {
      this.engine.released(this);
    }
  }

  private live(): Client {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', `database ${this.name} has been disposed`);
    return this.client;
  }

  /** Runs user SQL, remembering the roles that appear meanwhile (once, for nested calls). */
  private async trackRoles<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tracking > 0) return fn();
    this.tracking++;
    const before = await this.currentRoles();
    try {
      return await fn();
    } finally {
      this.tracking--;
      if (!this.disposed) {
        const after = await this.currentRoles().catch(() => new Map<string, number>());
        for (const [name, oid] of after) if (before.get(name) !== oid) this.roles.created.set(name, oid);
      }
    }
  }

  private async currentRoles(): Promise<Map<string, number>> {
    const rows = await this.engine.adminQuery<{ rolname: string; oid: number }>('SELECT rolname, oid::int8::float8 AS oid FROM pg_roles');
    return new Map(rows.map((r) => [r.rolname, r.oid]));
  }

  private async dropCreatedRoles(): Promise<void> {
    const created = this.roles.created;
    if (created.size === 0) return;
    const rows = await this.engine.adminQuery<{ rolname: string }>(
      `SELECT r.rolname FROM pg_roles r
        WHERE r.oid::int8::float8 = ANY($1::float8[]) AND r.rolname = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_shdepend d WHERE d.refclassid = 'pg_authid'::regclass AND d.refobjid = r.oid)
          AND NOT EXISTS (SELECT 1 FROM pg_database db WHERE db.datdba = r.oid)`,
      [[...created.values()], [...created.keys()]],
    );
    for (const { rolname } of rows) {
      // A role may still be in use by a concurrent session; it is then left for its owner.
      await this.engine.adminQuery(`DROP ROLE IF EXISTS ${escapeIdentifier(rolname)}`).catch(() => undefined);
    }
  }
}
