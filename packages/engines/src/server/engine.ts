import { Client, escapeIdentifier } from 'pg';
import { EngineError, maskPasswords, maskUrl } from '../errors';
import { SerialQueue } from '../serial';
import type { Engine } from '../types';
import { pidAlive, register, unregister } from './cleanup';
import { RoleLedger, ServerDatabase, type ServerDatabaseHost } from './database';
import { ownerPid, throwawayName, THROWAWAY_LIKE } from './names';

export interface ServerEngineOptions {
  /** Admin URL of the server; defaults to PGSHIFT_DATABASE_URL. */
  url?: string;
}

/**
 * Throwaway databases on an existing server, reached as an admin through a URL. Each database is
 * `pgshift_tmp_<pid>_<random>`, created from template0 (so nothing installed in template1 leaks
 * into the load) or copied from another throwaway database (clone), and dropped on dispose, on a
 * failed creation, and when the process gets SIGINT or SIGTERM. At start, databases left by
 * processes of this host that are gone are dropped.
 *
 * One admin connection serves every database of the engine (creations, drops, role tracking);
 * its statements run one at a time through a queue, so that databases working in parallel never
 * interleave them.
 */
export class ServerEngine implements Engine {
  readonly name = 'server' as const;
  get version(): string {
    return `server ${this.serverVersionNum}`;
  }
  private readonly databases = new Set<ServerDatabase>();
  /** Names being created, so that a signal during creation still drops them. */
  private readonly creating = new Set<string>();
  private readonly adminQueue = new SerialQueue();
  private readonly host: ServerDatabaseHost = {
    adminQuery: (sql, params) => this.adminQuery(sql, params),
    copyDatabase: (template, roles) => this.open(template, roles),
    connect: (name) => connect(this.databaseUrl(name), THROWAWAY_SESSION),
    dropDatabase: (name) => this.dropDatabase(name),
    released: (db) => this.databases.delete(db),
  };
  private disposed = false;

  private constructor(
    private readonly url: URL,
    private readonly admin: Client,
    /** `server_version_num` of the server, e.g. 150013. */
    readonly serverVersionNum: number,
  ) {}

  static async start(options: ServerEngineOptions = {}): Promise<ServerEngine> {
    const raw = options.url ?? process.env.PGSHIFT_DATABASE_URL;
    if (!raw) {
      throw new EngineError(
        'ENGINE_OPTION_MISSING',
        'engine "server" needs the admin URL of a PostgreSQL server: set option url or PGSHIFT_DATABASE_URL (postgres://user:password@host:port/database)',
        { option: 'url' },
      );
    }
    let url: URL;
    try {
      url = new URL(raw);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('not a postgres URL');
    } catch {
      throw new EngineError('ENGINE_OPTION_INVALID', `engine "server": url ${maskUrl(raw)} is not a postgres:// URL`, { option: 'url' });
    }
    const admin = await connect(url.toString());
    try {
      const { rows } = await admin.query<{ num: string }>("SELECT current_setting('server_version_num') AS num");
      const engine = new ServerEngine(url, admin, Number(rows[0].num));
      await engine.reapLeftovers();
      register(engine);
      return engine;
    } catch (err) {
      await admin.end().catch(() => undefined);
      throw err;
    }
  }

  /**
   * A new database from template0. Its name is a throwaway one unless `name` is given (the dev
   * loop's `<name>_next`); either way it is dropped on dispose, unless kept (ServerDatabase.keep).
   */
  async createDatabase(options: { name?: string } = {}): Promise<ServerDatabase> {
    return this.open('template0', new RoleLedger(), options.name);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      await Promise.all([...this.databases].map((db) => db.dispose().catch(() => undefined)));
      await Promise.all([...this.creating].map((name) => this.dropDatabase(name).catch(() => undefined)));
    } finally {
      unregister(this);
      await this.adminQueue.run(() => this.admin.end()).catch(() => undefined);
    }
  }

  /** For the signal handlers: like dispose, never throws. */
  async cleanup(): Promise<void> {
    await this.dispose().catch(() => undefined);
  }

  async dropDatabase(name: string): Promise<void> {
    const quoted = escapeIdentifier(name);
    if (this.serverVersionNum >= 130000) {
      await this.adminQuery(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      return;
    }
    await this.adminQueue.run(async () => {
      await this.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await this.admin.query(`DROP DATABASE IF EXISTS ${quoted}`);
    });
  }

  /** Runs one statement on the engine's admin connection, in turn with every other admin statement. */
  async adminQuery<T>(sql: string, params?: unknown[]): Promise<T[]> {
    const result = await this.adminQueue.run(() => this.admin.query(sql, params));
    return result.rows as T[];
  }

  /** A new throwaway database copied from `template`, with its own session. */
  private async open(template: string, roles: RoleLedger, name = throwawayName()): Promise<ServerDatabase> {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the server engine has been disposed');
    const url = this.databaseUrl(name);
    this.creating.add(name);
    let client: Client;
    try {
      await this.adminQuery(`CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE ${escapeIdentifier(template)}`);
      client = await connect(url, THROWAWAY_SESSION);
      if (this.disposed) {
        await client.end().catch(() => undefined);
        throw new EngineError('ENGINE_DISPOSED', 'the server engine has been disposed');
      }
    } catch (err) {
      await this.dropDatabase(name).catch(() => undefined);
      throw err;
    } finally {
      this.creating.delete(name);
    }
    const host = { name: this.url.hostname || 'localhost', port: this.url.port || '5432' };
    const db = new ServerDatabase(name, client, maskUrl(url), host, this.host, url, roles);
    this.databases.add(db);
    return db;
  }

  /** The URL of database `name` on this server, password included: never print it. */
  databaseUrl(name: string): string {
    const url = new URL(this.url.toString());
    url.pathname = `/${encodeURIComponent(name)}`;
    return url.toString();
  }

  /**
   * Drops throwaway databases whose creating process is gone. Only pids of this host can be
   * checked, so a database that still has sessions (its owner may run on another host that
   * shares the server) is left alone: plain DROP DATABASE refuses it.
   */
  private async reapLeftovers(): Promise<void> {
    const rows = await this.adminQuery<{ datname: string }>(
      `SELECT datname FROM pg_database d
        WHERE datname LIKE $1
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)`,
      [THROWAWAY_LIKE],
    );
    for (const { datname } of rows) {
      const pid = ownerPid(datname);
      if (pid === undefined || pid === process.pid || pidAlive(pid)) continue;
      await this.adminQuery(`DROP DATABASE IF EXISTS ${escapeIdentifier(datname)}`).catch(() => undefined);
    }
  }
}

/**
 * Sessions on throwaway databases commit without waiting for the WAL flush: a load commits
 * statement by statement, and nothing in a database that is dropped minutes later needs to
 * survive a server crash.
 */
const THROWAWAY_SESSION = '-c synchronous_commit=off';

async function connect(url: string, options?: string): Promise<Client> {
  const client = new Client({ connectionString: url, ...(options ? { options } : {}) });
  // A server-side disconnect surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    const reason = maskPasswords(err instanceof Error ? err.message : String(err));
    throw new EngineError('ENGINE_CONNECT_FAILED', `cannot connect to ${maskUrl(url)}: ${reason}`, { option: 'url', cause: err });
  }
}
