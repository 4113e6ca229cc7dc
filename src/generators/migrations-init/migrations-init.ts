/** `nx g pgshift:migrations-init`: sqitch.conf, sqitch.plan and a first migration holding the whole source. */
import type { Tree } from '@nx/devkit';
import { writeMigrations } from '../migrations';
import type { MigrationsInitGeneratorSchema } from './schema';

export async function migrationsInitGenerator(tree: Tree, options: MigrationsInitGeneratorSchema): Promise<void> {
  await writeMigrations(tree, options.project, { init: true });
}

export default migrationsInitGenerator;
