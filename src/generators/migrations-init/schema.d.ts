/**
 * Generated from src/generators/migrations-init/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Creates sqitch.conf, sqitch.plan and the first migration (the whole current source).
 */
export interface MigrationsInitGeneratorSchema {
  /**
   * The database project (an Nx project with a pgshift.json or a sqitch.plan).
   */
  project: string;
}
