import type { Engine } from '../types';
import { EngineError } from '../errors';
import { PgliteDatabase, type PgliteDatabaseHost } from './database';
import { loadSnapshot, pgliteVersion, snapshotFile, type Snapshot } from './snapshot';

export interface PgliteEngineOptions {
  /** The cached data directory tarball; defaults to one under the cache folder, keyed by PGlite version. */
  snapshotFile?: string;
}

/**
 * Embedded PostgreSQL 18 (PGlite, WASM, in-process). Each database is an instance of its own,
 * started from a snapshot of an initialised data directory, so databases share nothing.
 */
export class PgliteEngine implements Engine {
  readonly name = 'pglite' as const;
  readonly version = `pglite ${pgliteVersion()}`;
  private readonly databases = new Set<PgliteDatabase>();
  private readonly host: PgliteDatabaseHost = {
    adopt: (db) => {
      this.live();
      this.databases.add(db);
    },
    released: (db) => this.databases.delete(db),
  };
  private disposed = false;

  private constructor(readonly snapshot: Snapshot) {}

  /** Loads (or on the first run on this machine, builds and caches) the initialised data directory. */
  static async start(options: PgliteEngineOptions = {}): Promise<PgliteEngine> {
    return new PgliteEngine(await loadSnapshot(options.snapshotFile ?? snapshotFile()));
  }

  /**
   * A new database from the snapshot. With `modulesOf`, its instance registers the contrib
   * modules that database has, so that loading the same source again needs no restart.
   */
  async createDatabase(options: { modulesOf?: PgliteDatabase } = {}): Promise<PgliteDatabase> {
    this.live();
    const db = new PgliteDatabase(this.snapshot, this.host, new Set(options.modulesOf?.extensionModules));
    this.databases.add(db);
    return db;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.databases].map((db) => db.dispose()));
  }

  private live(): void {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the pglite engine has been disposed');
  }
}
