/**
 * Generated from src/generators/init/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Registers the pgshift plugin in nx.json and adds the `sql` named input.
 */
export interface InitGeneratorSchema {
  /**
   * Do not format files with the workspace's formatter.
   */
  skipFormat?: boolean;
}
