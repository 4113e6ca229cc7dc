/** `nx g pgshift:tag NAME`: `pgshift migrations tag NAME`, written through the Tree. */
import type { Tree } from '@nx/devkit';
import { writeMigrations } from '../migrations';
import type { TagGeneratorSchema } from './schema';

export async function tagGenerator(tree: Tree, options: TagGeneratorSchema): Promise<void> {
  await writeMigrations(tree, options.project, { tag: options.name, ...(options.note !== undefined ? { note: options.note } : {}) });
}

export default tagGenerator;
