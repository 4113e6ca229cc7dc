/** A generator's refusal: the code, the option at fault, a one-paragraph message for humans. */
export type GeneratorErrorCode = 'OPTION' | 'EXISTS' | 'NO_DATABASE_PROJECT';

export class GeneratorError extends Error {
  readonly code: GeneratorErrorCode;
  /** The option at fault, when there is one. */
  readonly option: string | undefined;

  constructor(code: GeneratorErrorCode, message: string, option?: string) {
    super(message);
    this.name = 'GeneratorError';
    this.code = code;
    this.option = option;
  }
}
