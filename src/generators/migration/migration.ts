/** `nx g pgshift:migration NAME`: the diff from the migrations' state to the source's, as the next migration. */
import type { Tree } from '@nx/devkit';
import { writeMigrations } from '../migrations';
import type { MigrationGeneratorSchema } from './schema';

export async function migrationGenerator(tree: Tree, options: MigrationGeneratorSchema): Promise<void> {
  await writeMigrations(tree, options.project, {
    name: options.name,
    ...(options.note !== undefined ? { note: options.note } : {}),
    noDiff: options.diff === false,
    online: options.online !== false,
    ...(options.allowHazards !== undefined ? { allowHazards: options.allowHazards } : {}),
  });
}

export default migrationGenerator;
