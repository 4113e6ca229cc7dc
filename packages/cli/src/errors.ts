/** An error in how pgshift was called: a bad option, a missing file. */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string, readonly option?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@/\s]*)@/gi;

/** Masks the password of every URL in a text. */
export function maskSecrets(text: string): string {
  return text.replace(URL_PASSWORD, '$1****@');
}

/** One paragraph for the user; the stack only when asked for. */
export function formatError(error: unknown, verbose: boolean): string {
  if (!(error instanceof Error)) return maskSecrets(`pgshift: ${String(error)}`);
  const body = verbose && error.stack ? error.stack : error.message;
  return maskSecrets(`pgshift: ${body}`);
}
