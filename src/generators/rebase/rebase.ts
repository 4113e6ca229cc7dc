/** `nx g pgshift:rebase`: `pgshift migrations rebase`, written through the Tree. */
import type { Tree } from '@nx/devkit';
import { writeMigrations } from '../migrations';
import type { RebaseGeneratorSchema } from './schema';

export async function rebaseGenerator(tree: Tree, options: RebaseGeneratorSchema): Promise<void> {
  await writeMigrations(tree, options.project, { rebase: true, ...(options.allowHazards !== undefined ? { allowHazards: options.allowHazards } : {}) });
}

export default rebaseGenerator;
