/** A misuse of an executor's options: the code, the option at fault, a message for humans. */
export type ExecutorErrorCode = 'NO_TARGET' | 'OPTION' | 'PENDING' | 'HAZARD';

export class ExecutorError extends Error {
  readonly code: ExecutorErrorCode;
  /** The option at fault, when there is one. */
  readonly option: string | undefined;

  constructor(code: ExecutorErrorCode, message: string, option?: string) {
    super(message);
    this.name = 'ExecutorError';
    this.code = code;
    this.option = option;
  }
}
