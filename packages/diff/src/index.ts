export { diff } from './diff';
export { renderDeploy } from './render';
export { renderVerify } from './verify';
export { planMigration } from './plan';
export { isWidening, isRewriteFree } from './hazards';
export { DiffError } from './types';
export type { Change, ChangeKind, Check, DiffOptions, Hazard, HazardCode, ObjectKind, Plan } from './types';
