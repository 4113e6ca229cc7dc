/** Errors raised by the catalog package: a stable `code`, a human message, and where it came from. */
export type CatalogErrorCode = 'CATALOG_QUERY_FAILED' | 'CATALOG_MODEL_INVALID' | 'CATALOG_MODEL_VERSION';

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    /** The catalog query (e.g. `queries/tables.ts: columns`) or the input that failed. */
    readonly origin: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
