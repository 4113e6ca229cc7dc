export * from './model';
export * from './ids';
export { introspect, catalogQueries, type IntrospectOptions } from './introspect';
export { introspectPair, type PairOptions } from './pair';
export { serializeModel, parseModel } from './serialize';
export { CatalogError, type CatalogErrorCode } from './errors';
export { defaultNotNullName } from './queries/columns';
export type { QueryFn, CatalogQuery } from './query';
