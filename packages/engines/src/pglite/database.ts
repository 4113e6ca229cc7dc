import { PGlite } from '@electric-sql/pglite';
import { statementError, type ScriptItem } from '@pgshift/sql-script';
import { BaseDatabase, type ConnectionFacts } from '../base-database';
import { EngineError } from '../errors';
import { copyFromStdin, createdExtensions, extensionNameTokens } from '../sql-scan';
import { SerialQueue } from '../serial';
import type { Database, QueryResult } from '../types';
import { contribModules, isSupportedExtension, pgliteExtensions, unavailableExtension } from './extensions';
import type { Snapshot } from './snapshot';

/** A data directory to start from, and what a fresh session on it reports. */
export type DataDir = Pick<Snapshot, 'tar' | 'facts'>;

/** What a pglite database needs from its engine. */
export interface PgliteDatabaseHost {
  /** Takes a new database (a clone) into the engine's care, so that engine dispose closes it. */
  adopt(db: PgliteDatabase): void;
  released(db: PgliteDatabase): void;
}

/**
 * psql's HOST and PORT for an embedded database, which has no socket: the values psql shows for a
 * default local server (PGlite itself reports `port` 5432).
 */
export const PGLITE_HOST = 'localhost';
export const PGLITE_PORT = '5432';

const BLOB_PATH = "'/dev/blob'";

/**
 * One PGlite instance, started from the snapshot on first use.
 *
 * PGlite only loads the extensions named when the instance is built, so before any SQL runs the
 * database looks for `CREATE EXTENSION` in it (all statements of a script at once) and starts the
 * instance with exactly those contrib modules — registering all of them would add about half a
 * second to every start. When later SQL needs a module the running instance lacks, the data
 * directory is carried over to a new instance that has it; session state (SET, temporary tables)
 * does not survive that, as between two `psql -f` runs.
 *
 * A clone starts from a dump of the running instance's data directory (`dumpDataDir`), with the
 * same contrib modules. The dump needs no CHECKPOINT first: it holds the WAL, and the new instance
 * replays it on start (measured: no faster to start after a checkpoint). As after any crash
 * recovery, UNLOGGED tables start empty in the clone. The dump is kept until this database runs
 * SQL again, so copies of an unchanged database share one dump.
 */
export class PgliteDatabase extends BaseDatabase {
  readonly name = 'postgres';
  private instance: Promise<PGlite> | undefined;
  private readonly queue = new SerialQueue();
  /** The data directory as it is now, while no SQL has run since it was dumped. */
  private dump: Blob | undefined;
  private disposed = false;

  constructor(
    private readonly data: DataDir,
    private readonly host: PgliteDatabaseHost,
    private modules = new Set<string>(),
  ) {
    super();
  }

  /** The contrib modules (see extensions.ts) the instance registers. */
  get extensionModules(): ReadonlySet<string> {
    return this.modules;
  }

  /** Whether the instance has been closed (or never needs to be, after dispose). */
  get closed(): boolean {
    return this.disposed;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.changing(async () => {
      const pg = await this.instanceFor(createdExtensions(sql));
      const result = await pg.query<T>(sql, params);
      return { rows: result.rows };
    });
  }

  async exec(sql: string): Promise<void> {
    await this.changing(async () => {
      const pg = await this.instanceFor(createdExtensions(sql));
      await pg.exec(sql);
    });
  }

  /** PGlite has no COPY sub-protocol: the data is handed over as a blob that the server reads from `/dev/blob`. */
  async copyFrom(sql: string, data: string): Promise<void> {
    const stdin = copyFromStdin(sql);
    if (!stdin) {
      throw new EngineError('COPY_STATEMENT_INVALID', `copyFrom needs a COPY … FROM STDIN statement, got: ${sql.slice(0, 80)}`);
    }
    const rewritten = sql.slice(0, stdin.start) + BLOB_PATH + sql.slice(stdin.start + stdin.length);
    await this.changing(async () => {
      const pg = await this.instanceFor([]);
      try {
        await pg.query(rewritten, [], { blob: new Blob([data]) });
      } catch (err) {
        // Report positions against the statement as written, not the rewritten one.
        const e = err as { position?: string | number };
        const position = e.position === undefined ? NaN : Number(e.position);
        if (Number.isFinite(position) && position > stdin.start + BLOB_PATH.length) {
          e.position = String(position - BLOB_PATH.length + stdin.length);
        }
        throw err;
      }
    });
  }

  protected override async prepare(items: ScriptItem[]): Promise<void> {
    const names: string[] = [];
    for (const item of items) {
      if (item.type !== 'statement') continue;
      for (const { text: name, start } of extensionNameTokens(item.sql)) {
        if (!isSupportedExtension(name)) {
          const cause = statementError(item, { message: unavailableExtension(name).message, position: start + 1, code: '0A000' });
          throw new EngineError('EXTENSION_UNAVAILABLE', cause.message, { cause });
        }
        names.push(name);
      }
    }
    await this.queue.run(() => this.instanceFor(names));
  }

  /**
   * The facts of a fresh session, as psql reads them at connect time. They are the same for every
   * instance of a snapshot and are stored with it, so that runScript need not start an instance
   * before it has seen which extensions the script creates. DBNAME is `postgres`, USER `postgres`.
   */
  protected async connectionFacts(): Promise<ConnectionFacts> {
    return { ...this.data.facts, host: PGLITE_HOST, port: PGLITE_PORT };
  }

  /**
   * The running PGlite instance (started if need be), for serving it over the wire protocol. The
   * database still owns it: dispose closes it, so stop serving it first.
   */
  async pglite(): Promise<PGlite> {
    return this.changing(() => this.instanceFor([]));
  }

  async clone(): Promise<Database> {
    return this.queue.run(async () => {
      if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the pglite database has been disposed');
      let tar = this.dump ?? this.data.tar;
      if (this.instance && !this.dump) {
        const pg = await this.instance;
        if (pg.isInTransaction()) {
          throw new EngineError('CLONE_IN_TRANSACTION', 'cannot copy the pglite database while a transaction is open in it: commit or roll back first');
        }
        tar = this.dump = await pg.dumpDataDir('none');
      }
      const copy = new PgliteDatabase({ tar, facts: this.data.facts }, this.host, new Set(this.modules));
      this.host.adopt(copy);
      return copy;
    });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.host.released(this);
    // Queued work finishes (or fails on `disposed`) first, so no restart can follow the close.
    await this.queue.idle();
    this.dump = undefined;
    const instance = this.instance;
    this.instance = undefined;
    if (instance) await instance.then((pg) => pg.close()).catch(() => undefined);
  }

  /** Operations run one at a time, so that a restart never races a query; SQL outdates the dump. */
  private changing<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.run(() => {
      this.dump = undefined;
      return fn();
    });
  }

  /** The running instance, (re)started so that the named extensions can be created. */
  private async instanceFor(extensions: string[]): Promise<PGlite> {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the pglite database has been disposed');
    for (const name of extensions) if (!isSupportedExtension(name)) throw unavailableExtension(name);
    const missing = [...contribModules(extensions)].filter((m) => !this.modules.has(m));
    if (this.instance && missing.length === 0) return this.instance;
    const modules = new Set([...this.modules, ...missing]);
    const previous = this.instance;
    let data = this.data.tar;
    if (previous) {
      const pg = await previous;
      if (pg.isInTransaction()) {
        throw new EngineError(
          'EXTENSION_UNAVAILABLE',
          `extension ${missing.join(', ')} must be registered with the embedded engine (pglite) before the transaction that creates it starts; run CREATE EXTENSION outside the transaction or in the script loaded first`,
        );
      }
      data = await pg.dumpDataDir('none');
      await pg.close();
    }
    this.modules = modules;
    this.instance = PGlite.create({ loadDataDir: data, extensions: pgliteExtensions(modules) });
    return this.instance;
  }
}
