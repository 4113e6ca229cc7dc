/**
 * Generated from src/generators/project/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Scaffolds a database project: pgshift.json, db/src/init.sql, a schema and a pgTAP test.
 */
export interface ProjectGeneratorSchema {
  /**
   * Name of the Nx project.
   */
  name: string;
  /**
   * Folder of the project, relative to the workspace root. Default: the name.
   */
  directory?: string;
  /**
   * Name of the first SQL schema.
   */
  schema?: string;
  /**
   * Comma-separated tags of the project.
   */
  tags?: string;
  /**
   * Do not format files with the workspace's formatter.
   */
  skipFormat?: boolean;
}
