/**
 * Generated from src/executors/revert/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Reverts deployed migrations from the target database, newest first.
 */
export interface RevertExecutorSchema {
  /**
   * pgshift's project folder (holding pgshift.json), relative to the workspace root. Default: the Nx project's root.
   */
  dir?: string;
  /**
   * Folder holding sqitch.plan and the deploy/revert/verify scripts, relative to `dir`. Default: pgshift.json's `migrations`, else db/migrations.
   */
  migrations?: string;
  /**
   * The target database: a postgres:// URL or a Sqitch target (db:pg:...). Prefer `targetEnv` so that no password is written into project files.
   */
  target?: string;
  /**
   * Name of the environment variable that holds the target database when `target` is not set.
   */
  targetEnv?: string;
  /**
   * Registry schema of the target database. Default: sqitch.
   */
  registry?: string;
  /**
   * Revert the changes after this one; every deployed change when not set.
   */
  to?: string;
}
