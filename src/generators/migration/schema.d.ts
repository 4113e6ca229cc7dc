/**
 * Generated from src/generators/migration/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Writes the next migration: the diff from the migrations' state to the SQL source, as deploy/revert/verify scripts and a plan line.
 */
export interface MigrationGeneratorSchema {
  /**
   * Name of the migration, without the number (e.g. todos-view); the change is NNNNNNNNNN-name.
   */
  name: string;
  /**
   * The database project (an Nx project with a pgshift.json or a sqitch.plan).
   */
  project: string;
  /**
   * Note written to the plan line.
   */
  note?: string;
  /**
   * Diff the source against the migrations; --no-diff writes empty scripts to fill in by hand.
   */
  diff?: boolean;
  /**
   * On tables that exist already: indexes CONCURRENTLY in changes of their own, foreign keys, checks and NOT NULL added unvalidated and validated in a change that follows; --no-online writes the plain form.
   */
  online?: boolean;
  /**
   * Hazard codes the migration may carry; `data-loss` is refused unless listed.
   */
  allowHazards?: string[];
}
