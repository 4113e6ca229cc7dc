/** The Nx plugin: inferred database targets and the dependencies their SQL includes create. */
export { createNodes } from './graph/create-nodes';
export { createDependencies } from './graph/create-dependencies';
export type { PgshiftPluginOptions } from './graph/options';

export const name = 'pgshift';
