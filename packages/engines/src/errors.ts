export type EngineErrorCode =
  | 'ENGINE_UNKNOWN'
  | 'ENGINE_OPTION_MISSING'
  | 'ENGINE_OPTION_INVALID'
  | 'ENGINE_CONNECT_FAILED'
  | 'ENGINE_DISPOSED'
  | 'CLONE_IN_TRANSACTION'
  | 'EXTENSION_UNAVAILABLE'
  | 'COPY_STATEMENT_INVALID';

/** A failure of the engine itself (not of user SQL, which becomes a ScriptError). */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: EngineErrorCode;
  /** The engine option the error is about, e.g. `url`. */
  readonly option?: string;

  constructor(code: EngineErrorCode, message: string, options: { option?: string; cause?: unknown } = {}) {
    super(maskPasswords(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.option !== undefined) this.option = options.option;
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:****@host/db`; text that is not a URL is returned as is. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '****';
    return parsed.toString();
  } catch {
    return maskPasswords(url);
  }
}

/** Masks the password of every `scheme://user:password@` found in free text. */
export function maskPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi, '$1****@');
}
