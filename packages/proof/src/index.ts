export * from './roundtrip';
export { firstDifference } from './compare';
export { referencedRoles } from './roles';
export { readCaseFile, Case } from './cases';
export { schemaDump, normaliseDump, differsOnlyInColumnOrder } from './dump';
export { generateSchema, mutateSchema, schemaSql, rng, GENERATOR_ROLES, type GeneratedSchema } from './generate';
export { onlineRoundTrip, type OnlineRoundTrip } from './online';
