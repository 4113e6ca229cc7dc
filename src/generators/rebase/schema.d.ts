/**
 * Generated from src/generators/rebase/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * After a git merge of two branches that each added migrations: resolves the conflict markers in sqitch.plan that only separate lines both sides appended (ours, then theirs), renumbers each later change whose number an earlier one holds (scripts renamed, requires updated, tags kept), and checks each renumbered generated migration on its new base, regenerating it from the diff when it does not fit.
 */
export interface RebaseGeneratorSchema {
  /**
   * The database project (an Nx project with a pgshift.json or a sqitch.plan).
   */
  project: string;
  /**
   * Hazard codes a regenerated migration may carry beyond those its scripts carried; `data-loss` is refused unless listed.
   */
  allowHazards?: string[];
}
