/**
 * Generated from src/executors/test/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Runs the pgTAP files against a fresh database built from the SQL source.
 */
export interface TestExecutorSchema {
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
   * terminal: PASS/FAIL per file and totals; junit: the same, plus a JUnit XML report in `outputFile`.
   */
  reporter?: 'terminal' | 'junit';
  /**
   * Where the junit reporter writes its XML, relative to the workspace root.
   */
  outputFile?: string;
  /**
   * How many test files run at once, each in its own copy of the template database.
   */
  parallel?: number;
  /**
   * List every assertion, not only the failing ones.
   */
  verbose?: boolean;
}
