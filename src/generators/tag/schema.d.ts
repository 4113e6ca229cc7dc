/**
 * Generated from src/generators/tag/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Tags the last migration of sqitch.plan (@NAME), as `sqitch tag` does: a release to deploy or revert to.
 */
export interface TagGeneratorSchema {
  /**
   * Name of the tag, without the @ (e.g. v1.0.0).
   */
  name: string;
  /**
   * The database project (an Nx project with a pgshift.json or a sqitch.plan).
   */
  project: string;
  /**
   * Note written to the tag line.
   */
  note?: string;
}
