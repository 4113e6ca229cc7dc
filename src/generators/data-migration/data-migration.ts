/** `nx g pgshift:data-migration NAME`: `migration --no-diff`, scripts with a COPY template to fill in by hand. */
import type { Tree } from '@nx/devkit';
import { writeMigrations } from '../migrations';
import type { DataMigrationGeneratorSchema } from './schema';

export async function dataMigrationGenerator(tree: Tree, options: DataMigrationGeneratorSchema): Promise<void> {
  await writeMigrations(tree, options.project, { name: options.name, ...(options.note !== undefined ? { note: options.note } : {}), noDiff: true });
}

export default dataMigrationGenerator;
