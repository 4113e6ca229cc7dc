/**
 * Every failure this package reports is a SqitchError: a stable `code`, a one-paragraph message that
 * names the file and line (or the option) at fault, and the origin when there is one.
 */
export interface ErrorOrigin {
  file: string;
  line?: number;
}

export type SqitchErrorCode =
  | 'PLAN_SYNTAX'
  | 'PLAN_DEPENDENCY'
  | 'PLAN_EDIT'
  | 'PLAN_MERGE'
  | 'CONFIG_SYNTAX'
  | 'CONFIG_MISSING'
  | 'ATOMIC_WRITE'
  | 'TARGET'
  | 'LOCKED'
  | 'LOCK_TIMEOUT'
  | 'REGISTRY'
  | 'MODIFIED_SCRIPT'
  | 'DEPLOY_DEPENDENCY'
  | 'DEPLOY_FAILED'
  | 'REVERT_FAILED'
  | 'VERIFY_FAILED'
  | 'CANCELLED'
  | 'NOT_FOUND';

export class SqitchError extends Error {
  readonly code: SqitchErrorCode;
  readonly origin: ErrorOrigin | undefined;

  constructor(code: SqitchErrorCode, message: string, origin?: ErrorOrigin, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.origin = origin;
  }
}

/** A plan file that sqitch itself would refuse, or an edit that would make it so. */
export class PlanError extends SqitchError {}

export class ConfigError extends SqitchError {}

export class DeployError extends SqitchError {}

export function where(origin: ErrorOrigin): string {
  return origin.line === undefined ? origin.file : `${origin.file}:${origin.line}`;
}
