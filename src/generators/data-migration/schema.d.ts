/**
 * Generated from src/generators/data-migration/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Writes an empty migration with a COPY template, for data written by hand (migration --no-diff).
 */
export interface DataMigrationGeneratorSchema {
  /**
   * Name of the data migration, without the number (e.g. todos-view); the change is NNNNNNNNNN-name.
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
}
