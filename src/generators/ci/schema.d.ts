/**
 * Generated from src/generators/ci/schema.json by scripts/gen-option-types.js (json-schema-to-typescript).
 * Do not edit: change schema.json and run `node scripts/gen-option-types.js`.
 */

/**
 * Writes the CI pipeline: `nx affected -t diff test` on every pull request, deploy then verify of every database project on a pushed v* tag.
 */
export interface CiGeneratorSchema {
  /**
   * The CI service: github writes .github/workflows/pgshift.yml, gitlab .gitlab-ci.yml, circleci .circleci/config.yml.
   */
  provider: 'github' | 'gitlab' | 'circleci';
  /**
   * Name of the secret (GitHub) or CI/CD variable (GitLab, CircleCI) that holds the URL of the database a tag deploys to; the pipeline refers to it by name only.
   */
  targetSecret?: string;
  /**
   * Node.js version the jobs run (major, or major.minor[.patch]).
   */
  nodeVersion?: string;
  /**
   * The branch pull requests merge into; CircleCI compares against origin/<mainBranch>.
   */
  mainBranch?: string;
  /**
   * Image of the PostgreSQL service container the tests run against (a Debian-based official postgres image).
   */
  postgresImage?: string;
  /**
   * Replace the pipeline file even when pgshift did not write it.
   */
  force?: boolean;
}
