export type PgtapErrorCode = 'PGTAP_NOT_FOUND' | 'PGTAP_SCRIPT_UNREADABLE' | 'PGTAP_SCRIPT_NEEDS_C' | 'PGTAP_INSTALL_FAILED' | 'TEST_DATABASE_FAILED';

/** A failure of the test run itself, as opposed to a failing test. */
export class PgtapError extends Error {
  override readonly name = 'PgtapError';
  readonly code: PgtapErrorCode;
  /** The option the error is about, e.g. `pgtapScript`. */
  readonly option?: string;
  /** The file the error is about, e.g. the install script. */
  readonly file?: string;

  constructor(code: PgtapErrorCode, message: string, options: { option?: string; file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.option !== undefined) this.option = options.option;
    if (options.file !== undefined) this.file = options.file;
  }
}
