/**
 * "Each pgTAP file runs in a database of its own, cloned from a template built once."
 * How a clone is made depends on what the engine offers:
 * - `clone`: the Database has a `clone()` method (an engine that can copy itself);
 * - `server-template`: on the server engine, `CREATE DATABASE … TEMPLATE` through its admin
 *   connection, once the template's own session is gone (PostgreSQL refuses a template with sessions);
 * - `rebuild`: anything else gets a fresh database with the schema loaded and pgTAP installed again.
 */
import { randomBytes } from 'crypto';
import { Client, escapeIdentifier } from 'pg';
import { ServerDatabase, ServerEngine, type Database, type Engine } from '@pgshift/engines';
import { installPgtap, type InstallMethod, type InstallOptions } from './pgtap-install';
import { PgtapError } from './errors';

export type CloneStrategy = 'clone' | 'server-template' | 'rebuild';

/** A Database that can copy itself, schema and data, into a new throwaway database. */
export interface CloneableDatabase extends Database {
  clone(): Promise<Database>;
}

function isCloneable(db: Database): db is CloneableDatabase {
  return typeof (db as Partial<CloneableDatabase>).clone === 'function';
}

export interface TemplateSource {
  readonly strategy: CloneStrategy;
  readonly pgtap: InstallMethod;
  /** Milliseconds spent building the template (load + pgTAP). */
  readonly buildMs: number;
  /** A new database holding the template's schema, data and pgTAP. */
  next(): Promise<Database>;
  /** Drops the template; call after every database from next() is disposed. */
  dispose(): Promise<void>;
}

export async function buildTemplate(
  engine: Engine,
  load: (db: Database) => Promise<void>,
  install: InstallOptions,
): Promise<TemplateSource> {
  const started = Date.now();
  const template = await engine.createDatabase();
  let pgtap: InstallMethod;
  try {
    await load(template);
    pgtap = await installPgtap(template, install);
  } catch (err) {
    await template.dispose().catch(() => undefined);
    throw err;
  }
  const buildMs = Date.now() - started;

  if (isCloneable(template)) {
    return { strategy: 'clone', pgtap, buildMs, next: () => template.clone(), dispose: () => template.dispose() };
  }
  if (engine instanceof ServerEngine) {
    const cloner = await ServerCloner.fromTemplate(engine, template);
    return { strategy: 'server-template', pgtap, buildMs, next: () => cloner.clone(), dispose: () => template.dispose() };
  }
  return {
    strategy: 'rebuild',
    pgtap,
    buildMs,
    next: async () => {
      const db = await engine.createDatabase();
      try {
        await load(db);
        await installPgtap(db, pgtap.method === 'script' ? { ...install, pgtapScript: pgtap.file } : install);
        return db;
      } catch (err) {
        await db.dispose().catch(() => undefined);
        throw err;
      }
    },
    dispose: () => template.dispose(),
  };
}

class ServerCloner {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly engine: ServerEngine,
    private readonly templateName: string,
  ) {}

  /**
   * Ends the template's session so that it can serve as a template. The Database object stays
   * valid for dispose(), which drops the database and the roles its load created.
   */
  static async fromTemplate(engine: ServerEngine, template: Database): Promise<ServerCloner> {
    await engine.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      template.name,
    ]);
    return new ServerCloner(engine, template.name);
  }

  /** Copies are made one at a time: concurrent copies of one template can see each other as its users. */
  clone(): Promise<Database> {
    const run = this.queue.then(() => this.copy());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async copy(): Promise<Database> {
    const admin = this.engine.admin;
    // The engine's naming scheme, so that a later engine start reaps copies left by a killed run.
    const name = `pgshift_tmp_${process.pid}_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE ${escapeIdentifier(this.templateName)}`);
    const client = new Client({ host: admin.host, port: admin.port, user: admin.user, password: admin.password, database: name, ssl: admin.ssl });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      await this.engine.dropDatabase(name).catch(() => undefined);
      throw new PgtapError('TEST_DATABASE_FAILED', `cannot connect to the test database ${name}: ${(err as Error).message}`, { cause: err });
    }
    const display = `postgres://${encodeURIComponent(admin.user ?? '')}${admin.password ? ':****' : ''}@${admin.host}:${admin.port}/${name}`;
    return new ServerDatabase(name, client, display, { name: admin.host || 'localhost', port: String(admin.port || 5432) }, {
      admin,
      dropDatabase: (n) => this.engine.dropDatabase(n),
      released: () => undefined,
    });
  }
}
