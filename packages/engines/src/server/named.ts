import { escapeIdentifier } from 'pg';
import { EngineError, maskUrl } from '../errors';
import type { Database } from '../types';
import type { ServerDatabase } from './database';
import type { ServerEngine } from './engine';

/**
 * The setting that marks a database as one pgshift keeps and may replace (ALTER DATABASE … SET):
 * a database without it is never dropped, whatever its name.
 */
const MARK = 'pgshift.kept';
const NEXT_SUFFIX = '_next';
/** PostgreSQL's NAMEDATALEN - 1. */
const MAX_NAME_BYTES = 63;

/**
 * A database on a server that keeps its name while its content is replaced: each replacement is
 * loaded into a fresh `<name>_next` beside it, and only a load that succeeded takes the place of
 * `<name>` — whose sessions are ended (FATAL 57P01) — by a rename. A failed load leaves `<name>`
 * as it was. The database outlives the engine; the roles its SQL created stay with it.
 */
export class NamedDatabase {
  private constructor(
    private readonly engine: ServerEngine,
    readonly name: string,
  ) {}

  /**
   * Takes `name` into pgshift's care. A database of that name (or `<name>_next`) that pgshift did
   * not make is refused, never dropped; a `<name>_next` left by an earlier run is dropped.
   */
  static async open(engine: ServerEngine, name: string): Promise<NamedDatabase> {
    if (name === '' || Buffer.byteLength(name + NEXT_SUFFIX) > MAX_NAME_BYTES || name.includes('\0')) {
      throw new EngineError(
        'ENGINE_OPTION_INVALID',
        `database ${JSON.stringify(name)} is not a name for the kept database: give 1 to ${MAX_NAME_BYTES - NEXT_SUFFIX.length} bytes (${NEXT_SUFFIX} is added for the next load)`,
        { option: 'database' },
      );
    }
    const named = new NamedDatabase(engine, name);
    for (const row of await named.marks()) {
      if (row.kept) continue;
      throw new EngineError(
        'ENGINE_OPTION_INVALID',
        `database ${row.datname} already exists on ${maskUrl(engine.databaseUrl(row.datname))} and pgshift did not make it, so it will not replace it: choose another name (option database) or drop it yourself`,
        { option: 'database' },
      );
    }
    await engine.dropDatabase(named.nextName);
    return named;
  }

  /** Where clients connect, password included: never print it. */
  get url(): string {
    return this.engine.databaseUrl(this.name);
  }

  get displayUrl(): string {
    return maskUrl(this.url);
  }

  get nextName(): string {
    return this.name + NEXT_SUFFIX;
  }

  async exists(): Promise<boolean> {
    return (await this.marks()).some((row) => row.datname === this.name);
  }

  /**
   * Creates `<name>_next`, hands it to `load`, and when that succeeds puts it in the place of
   * `<name>`. When `load` fails, `<name>_next` is dropped (with the roles its load created that
   * nothing else uses) and the error is thrown; `<name>` is left alone.
   */
  async replace(load: (db: Database) => Promise<void>): Promise<void> {
    // A `<name>_next` still here is one this object kept and could not rename: open() vouched for it.
    await this.engine.dropDatabase(this.nextName);
    const next: ServerDatabase = await this.engine.createDatabase({ name: this.nextName });
    try {
      await this.engine.adminQuery(`ALTER DATABASE ${escapeIdentifier(this.nextName)} SET ${MARK} = 'on'`);
      await load(next);
    } catch (err) {
      await next.dispose().catch(() => undefined);
      throw err;
    }
    await next.keep();
    await this.drop();
    await this.engine.adminQuery(`ALTER DATABASE ${escapeIdentifier(this.nextName)} RENAME TO ${escapeIdentifier(this.name)}`);
  }

  /** Drops `<name>` when it exists: new connections are refused first, then its sessions are ended. */
  async drop(): Promise<void> {
    if (!(await this.exists())) return;
    const quoted = escapeIdentifier(this.name);
    await this.engine.adminQuery(`ALTER DATABASE ${quoted} WITH ALLOW_CONNECTIONS false`);
    try {
      await this.engine.adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [this.name]);
      await this.engine.dropDatabase(this.name);
    } catch (err) {
      // Not allowed to end other users' sessions, say: the database goes on serving as it was.
      await this.engine.adminQuery(`ALTER DATABASE ${quoted} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
      throw err;
    }
  }

  /** Whether objects or grants in `<name>` depend on roles, which are then not dropped while it lives. */
  async usesRoles(): Promise<boolean> {
    const rows = await this.engine.adminQuery<{ uses: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_shdepend d JOIN pg_database db ON db.oid = d.dbid
                       WHERE db.datname = $1 AND d.refclassid = 'pg_authid'::regclass) AS uses`,
      [this.name],
    );
    return rows[0]?.uses === true;
  }

  /** `<name>` and `<name>_next` as they exist now, and whether each carries pgshift's mark. */
  private marks(): Promise<{ datname: string; kept: boolean }[]> {
    return this.engine.adminQuery(
      `SELECT d.datname, EXISTS (SELECT 1 FROM pg_db_role_setting s
                                  WHERE s.setdatabase = d.oid AND s.setrole = 0 AND $2 = ANY (s.setconfig)) AS kept
         FROM pg_database d WHERE d.datname = ANY ($1::text[])`,
      [[this.name, this.nextName], `${MARK}=on`],
    );
  }
}
