/**
 * Generated from src/executors/deploy/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Deploys pending migrations to the target database.
 */
export interface DeployExecutorSchema {
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
   * Deploy up to and including this change (name, name@tag, @tag or change id).
   */
  to?: string;
  /**
   * Run each change's verify script right after its deploy script, in the same transaction.
   */
  verify?: boolean;
  /**
   * lock_timeout in milliseconds for each change (0: no limit); a change that hits it is rolled back and tried again.
   */
  lockTimeout?: number;
  /**
   * Tries in all for a change that hits the lock timeout; the last failure names the sessions holding the lock.
   */
  lockTries?: number;
  /**
   * statement_timeout in milliseconds for each change (0: no limit).
   */
  statementTimeout?: number;
}
