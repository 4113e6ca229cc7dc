import type { Database, Engine } from '../types';
import { EngineError } from '../errors';
import { PgliteDatabase } from './database';
import { loadSnapshot, snapshotFile, type Snapshot } from './snapshot';

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
  private readonly databases = new Set<PgliteDatabase>();
  private disposed = false;

  private constructor(readonly snapshot: Snapshot) {}

  /** Loads (or on the first run on this machine, builds and caches) the initialised data directory. */
  static async start(options: PgliteEngineOptions = {}): Promise<PgliteEngine> {
    return new PgliteEngine(await loadSnapshot(options.snapshotFile ?? snapshotFile()));
  }

  async createDatabase(): Promise<Database> {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the pglite engine has been disposed');
    const db = new PgliteDatabase(this.snapshot, (d) => this.databases.delete(d));
    this.databases.add(db);
    return db;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.databases].map((db) => db.dispose()));
  }
}
