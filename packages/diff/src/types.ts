/** Public data shapes of the differ: a migration is an ordered list of changes. */

export type HazardCode = 'data-loss' | 'table-rewrite' | 'long-lock' | 'enum-rebuild' | 'may-fail';

export interface Hazard {
  code: HazardCode;
  message: string;
  /** The table it locks or rewrites, as SQL names it (`"app"."orders"`), where there is one: deploy shows its size. */
  table?: string;
}

/** A condition that holds once a change is in effect; verify.sql raises when it does not. */
export interface Check {
  description: string;
  /** A boolean SQL expression, evaluated with an empty search_path. */
  condition: string;
  /** Statements run before the condition, inside the verify transaction (which is rolled back). */
  setup?: string[];
  /** The object checked, when not the change's own (a column of a created table); see verify.ts. */
  subject?: string;
  /** The relation it belongs to, as `"schema"."name"`, when its id does not say (an index's table). */
  within?: string;
}

export type ChangeKind = 'create' | 'drop' | 'alter' | 'replace';

export type ObjectKind =
  | 'role'
  | 'schema'
  | 'extension'
  | 'collation'
  | 'text search dictionary'
  | 'text search configuration'
  | 'type'
  | 'sequence'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'statistics'
  | 'view'
  | 'materialized view'
  | 'function'
  | 'procedure'
  | 'aggregate'
  | 'operator'
  | 'cast'
  | 'trigger'
  | 'rule'
  | 'policy'
  | 'event trigger'
  | 'publication'
  | 'foreign data wrapper'
  | 'server'
  | 'user mapping'
  | 'subscription'
  | 'default privileges';

export interface Change {
  /** create / drop; alter for in-place changes; replace for CREATE OR REPLACE. */
  kind: ChangeKind;
  objectKind: ObjectKind;
  objectId: string;
  /** SQL statements without the terminating semicolon. */
  statements: string[];
  hazards: Hazard[];
  checks: Check[];
  /** False when the statements must run outside the migration's transaction (ALTER TYPE … ADD VALUE). */
  transactional: boolean;
  /** Set when the object itself did not change but must be dropped and recreated because `cause` changed. */
  cause?: string;
  /** How the change runs without blocking writers, when its table exists already (see online.ts). */
  online?: OnlineForm;
}

/**
 * The online form of a change: where it runs — before the migration's transaction (DROP INDEX
 * CONCURRENTLY), inside it (a constraint added NOT VALID), or after it (CREATE INDEX
 * CONCURRENTLY) — and, for a constraint, what completes it in a later transaction (VALIDATE).
 */
export interface OnlineForm {
  stage: 'before' | 'main' | 'after';
  statements: string[];
  checks: Check[];
  hazards: Hazard[];
  /**
   * Statements and checks of the validating change that follows the concurrent ones. `finish`
   * (SET NOT NULL) takes an ACCESS EXCLUSIVE lock held to the end of that change, so it runs after
   * every validation of the change, not between them.
   */
  then?: { statements: string[]; checks: Check[]; finish?: string[] };
  /** For SET NOT NULL: the name of the `CHECK (col IS NOT NULL) NOT VALID` that stands in for it until then. */
  helperCheck?: string;
}

export interface DiffOptions {
  /**
   * server_version_num of the server the SQL will run on. Only version-specific privileges
   * (MAINTAIN, 17+) look at it; the default is the lower of the two models' versions.
   */
  targetServerVersionNum?: number;
  /**
   * Changes on tables that exist already take their online form: indexes built and dropped
   * CONCURRENTLY, foreign keys, checks and NOT NULL added unvalidated and validated afterwards.
   */
  online?: boolean;
}

export interface Plan {
  deploy: string;
  revert: string;
  verify: string;
  hazards: Hazard[];
  changes: Change[];
}

/** Raised for an internal inconsistency, e.g. a dependency cycle among changes. */
export class DiffError extends Error {
  readonly origin = '@pgshift/diff';
  constructor(
    readonly code: 'dependency-cycle' | 'unsupported-model',
    message: string,
  ) {
    super(message);
    this.name = 'DiffError';
  }
}
