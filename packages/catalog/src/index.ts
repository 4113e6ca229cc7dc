export * from './model';
export * from './ids';
export { introspect, catalogQueries, type IntrospectOptions } from './introspect';
export { serializeModel, parseModel } from './serialize';
export { CatalogError, type CatalogErrorCode } from './errors';
export { defaultNotNullName } from './queries/columns';
export type { QueryFn, CatalogQuery } from './query';
