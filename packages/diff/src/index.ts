export { diff, stagedDiff } from './diff';
export type { Staged } from './online';
export { renderDeploy } from './render';
export { renderVerify, verifyMarker, type VerifyMarker } from './verify';
export { planMigration } from './plan';
export { isWidening, isRewriteFree } from './hazards';
export { DiffError } from './types';
export type { Change, ChangeKind, Check, DiffOptions, Hazard, HazardCode, ObjectKind, OnlineForm, Plan } from './types';
export { notMigrated } from './unmodelled';
