import { PGlite } from '@electric-sql/pglite';
import { statementError, type ScriptItem } from '@pgshift/sql-script';
import { BaseDatabase, type ConnectionFacts } from '../base-database';
import { EngineError } from '../errors';
import { copyFromStdin, createdExtensions, extensionNameTokens } from '../sql-scan';
import type { QueryResult } from '../types';
import { contribModules, isSupportedExtension, pgliteExtensions, unavailableExtension } from './extensions';
import type { Snapshot } from './snapshot';

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
 */
export class PgliteDatabase extends BaseDatabase {
  readonly name = 'postgres';
  private instance: Promise<PGlite> | undefined;
  private modules = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly onDispose: (db: PgliteDatabase) => void,
  ) {
    super();
  }

  /** Whether the instance has been closed (or never needs to be, after dispose). */
  get closed(): boolean {
    return this.disposed;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.serial(async () => {
      const pg = await this.instanceFor(createdExtensions(sql));
      const result = await pg.query<T>(sql, params);
      return { rows: result.rows };
    });
  }

  async exec(sql: string): Promise<void> {
    await this.serial(async () => {
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
    await this.serial(async () => {
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
    await this.serial(() => this.instanceFor(names));
  }

  /**
   * The facts of a fresh session, as psql reads them at connect time. They are the same for every
   * instance of a snapshot and are stored with it, so that runScript need not start an instance
   * before it has seen which extensions the script creates. DBNAME is `postgres`, USER `postgres`.
   */
  protected async connectionFacts(): Promise<ConnectionFacts> {
    return { ...this.snapshot.facts, host: PGLITE_HOST, port: PGLITE_PORT };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.onDispose(this);
    // Queued work finishes (or fails on `disposed`) first, so no restart can follow the close.
    await this.queue.catch(() => undefined);
    const instance = this.instance;
    this.instance = undefined;
    if (instance) await instance.then((pg) => pg.close()).catch(() => undefined);
  }

  /** Operations run one at a time, so that a restart never races a query. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The running instance, (re)started so that the named extensions can be created. */
  private async instanceFor(extensions: string[]): Promise<PGlite> {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the pglite database has been disposed');
    for (const name of extensions) if (!isSupportedExtension(name)) throw unavailableExtension(name);
    const missing = [...contribModules(extensions)].filter((m) => !this.modules.has(m));
    if (this.instance && missing.length === 0) return this.instance;
    const modules = new Set([...this.modules, ...missing]);
    const previous = this.instance;
    let data = this.snapshot.tar;
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
