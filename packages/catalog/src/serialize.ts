/** SchemaModel snapshots: stable JSON text and back. */
import { CatalogError } from './errors';
import { MODEL_VERSION, type SchemaModel } from './model';
import { compareText } from './rows';

/** Object keys sorted at every level, two-space indent, trailing newline: equal models give equal text. */
export function serializeModel(model: SchemaModel): string {
  return `${JSON.stringify(sortKeys(model), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(compareText)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Parses a snapshot written by serializeModel; `origin` names the file in errors. */
export function parseModel(text: string, origin = 'model'): SchemaModel {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CatalogError('CATALOG_MODEL_INVALID', `${origin} is not a SchemaModel: it is not valid JSON (${reason}).`, origin, { cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('version' in value)) {
    throw new CatalogError('CATALOG_MODEL_INVALID', `${origin} is not a SchemaModel: it has no "version" field.`, origin);
  }
  const version = (value as { version: unknown }).version;
  if (version !== MODEL_VERSION) {
    throw new CatalogError(
      'CATALOG_MODEL_VERSION',
      `${origin} holds a SchemaModel of version ${JSON.stringify(version)}, but this pgshift reads version ${MODEL_VERSION}; introspect the database again to refresh it.`,
      origin,
    );
  }
  return value as SchemaModel;
}
