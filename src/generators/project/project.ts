/** `nx g pgshift:project NAME`: a database project laid out like examples/todo, with minimal content. */
import * as path from 'path';
import { addProjectConfiguration, formatFiles, generateFiles, names, type Tree } from '@nx/devkit';
import { ProjectError } from '@pgshift/sqitch';
import { initGenerator } from '../init/init';
import type { ProjectGeneratorSchema } from './schema';

export async function projectGenerator(tree: Tree, options: ProjectGeneratorSchema): Promise<void> {
  const name = names(options.name).fileName;
  const root = options.directory ?? name;
  if (tree.exists(path.posix.join(root, 'project.json')) || tree.exists(path.posix.join(root, 'pgshift.json'))) {
    throw new ProjectError('PLAN_EDIT', `${root} already holds a project (option --directory); choose another folder.`);
  }
  addProjectConfiguration(tree, name, { root, projectType: 'library', tags: options.tags ? options.tags.split(',').map((t) => t.trim()) : [], targets: {} });
  const schema = options.schema ?? 'app';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new ProjectError('CONFIG_SYNTAX', `option --schema: "${schema}" must be a lower-case SQL identifier (letters, digits, underscores).`);
  }
  // Templates stay in src/ (next to the schemas) in the published package; dist/ mirrors src/'s depth.
  generateFiles(tree, path.join(__dirname, '..', '..', '..', 'src', 'generators', 'project', 'files'), root, { name, schema, tmpl: '' });
  await initGenerator(tree, { skipFormat: true });
  if (!options.skipFormat) await formatFiles(tree);
}

export default projectGenerator;
