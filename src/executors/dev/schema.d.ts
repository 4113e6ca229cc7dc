/**
 * Generated from src/executors/dev/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Serves a development database kept in step with the SQL source, reloaded on every save, until the process is stopped.
 */
export interface DevExecutorSchema {
  /**
   * pgshift's project folder (holding pgshift.json), relative to the workspace root. Default: the Nx project's root.
   */
  dir?: string;
  /**
   * Entry file of the SQL source, relative to `dir`, loaded the way `psql -f` loads it. Default: pgshift.json's `source`, else db/src/init.sql.
   */
  source?: string;
  /**
   * A .env file whose values backquoted \set commands see, relative to `dir`; watched like the source. Default: .env when present.
   */
  envFile?: string;
  /**
   * pglite: the embedded database, served on 127.0.0.1:`port`; server: database `database` on the server of `databaseUrl`, left there when the target stops; docker: the same in a container that lives as long as the target.
   */
  engine?: 'pglite' | 'server' | 'docker';
  /**
   * Admin URL for the server engine. Default: $PGSHIFT_DATABASE_URL.
   */
  databaseUrl?: string;
  /**
   * psql variables set before the source is loaded.
   */
  variables?: {
    [k: string]: string;
  };
  /**
   * Engine pglite: the loopback port the database is served on; 0 for any free port. Default: 54329.
   */
  port?: number;
  /**
   * Engines server and docker: the database kept in step with the source. Default: <project>_dev.
   */
  database?: string;
}
