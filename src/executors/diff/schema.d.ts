/**
 * Generated from src/executors/diff/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Prints the SQL between the migrations and the source; fails when migrations lag the source unless allowPending.
 */
export interface DiffExecutorSchema {
  /**
   * pgshift's project folder (holding pgshift.json), relative to the workspace root. Default: the Nx project's root.
   */
  dir?: string;
  /**
   * Entry file of the SQL source, relative to `dir`, loaded the way `psql -f` loads it. Default: pgshift.json's `source`, else db/src/init.sql.
   */
  source?: string;
  /**
   * Folder holding sqitch.plan and the deploy/revert/verify scripts, relative to `dir`. Default: pgshift.json's `migrations`, else db/migrations.
   */
  migrations?: string;
  /**
   * Globs of pgTAP files, relative to `dir`.
   */
  tests?: string[];
  /**
   * A .env file whose values backquoted \set commands see, relative to `dir`. Default: .env when present.
   */
  envFile?: string;
  /**
   * Where throwaway databases come from: pglite (embedded), server (by `databaseUrl`).
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
   * Succeed even when the source holds changes that no migration writes yet.
   */
  allowPending?: boolean;
  /**
   * Hazard codes the pending changes may carry; `data-loss` fails the run unless listed (`all` allows every hazard).
   */
  allowHazards?: string[];
}
