import { Client, escapeIdentifier } from 'pg';
import { EngineError, maskPasswords, maskUrl } from '../errors';
import type { Database, Engine } from '../types';
import { pidAlive, register, unregister } from './cleanup';
import { ServerDatabase } from './database';
import { ownerPid, throwawayName, THROWAWAY_LIKE } from './names';

export interface ServerEngineOptions {
  /** Admin URL of the server; defaults to PGSHIFT_DATABASE_URL. */
  url?: string;
}

/**
 * Throwaway databases on an existing server, reached as an admin through a URL. Each database is
 * `pgshift_tmp_<pid>_<random>`, created from template0 (so nothing installed in template1 leaks
 * into the load) and dropped on dispose, on a failed creation, and when the process gets SIGINT or
 * SIGTERM. At start, databases left by processes of this host that are gone are dropped.
 */
export class ServerEngine implements Engine {
  readonly name = 'server' as const;
  private readonly databases = new Set<ServerDatabase>();
  /** Names being created, so that a signal during creation still drops them. */
  private readonly creating = new Set<string>();
  private disposed = false;

  private constructor(
    private readonly url: URL,
    readonly admin: Client,
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

  async createDatabase(): Promise<Database> {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the server engine has been disposed');
    const name = throwawayName();
    const dbUrl = new URL(this.url.toString());
    dbUrl.pathname = `/${encodeURIComponent(name)}`;
    this.creating.add(name);
    let client: Client;
    try {
      await this.admin.query(`CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE template0`);
      client = await connect(dbUrl.toString());
    } catch (err) {
      await this.dropDatabase(name).catch(() => undefined);
      throw err;
    } finally {
      this.creating.delete(name);
    }
    const host = { name: this.url.hostname || 'localhost', port: this.url.port || '5432' };
    const db = new ServerDatabase(name, client, maskUrl(dbUrl.toString()), host, {
      admin: this.admin,
      dropDatabase: (n) => this.dropDatabase(n),
      released: (d) => this.databases.delete(d),
    });
    this.databases.add(db);
    return db;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      await Promise.all([...this.databases].map((db) => db.dispose().catch(() => undefined)));
      await Promise.all([...this.creating].map((name) => this.dropDatabase(name).catch(() => undefined)));
    } finally {
      unregister(this);
      await this.admin.end().catch(() => undefined);
    }
  }

  /** For the signal handlers: like dispose, never throws. */
  async cleanup(): Promise<void> {
    await this.dispose().catch(() => undefined);
  }

  async dropDatabase(name: string): Promise<void> {
    const quoted = escapeIdentifier(name);
    if (this.serverVersionNum >= 130000) {
      await this.admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      return;
    }
    await this.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await this.admin.query(`DROP DATABASE IF EXISTS ${quoted}`);
  }

  /**
   * Drops throwaway databases whose creating process is gone. Only pids of this host can be
   * checked, so a database that still has sessions (its owner may run on another host that
   * shares the server) is left alone: plain DROP DATABASE refuses it.
   */
  private async reapLeftovers(): Promise<void> {
    const { rows } = await this.admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
        WHERE datname LIKE $1
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)`,
      [THROWAWAY_LIKE],
    );
    for (const { datname } of rows) {
      const pid = ownerPid(datname);
      if (pid === undefined || pid === process.pid || pidAlive(pid)) continue;
      await this.admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(datname)}`).catch(() => undefined);
    }
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
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
