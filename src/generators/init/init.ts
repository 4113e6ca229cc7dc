/**
 * `nx add pgshift` / `nx g pgshift:init`: registers the plugin in nx.json with target names that do
 * not collide with targets the database projects already have, and adds the `sql` named input.
 */
import * as path from 'path';
import { formatFiles, getProjects, glob, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { CONFIG_FILE } from '@pgshift/sqitch';
import { TARGET_KEYS, type PgshiftPluginOptions } from '../../graph/options';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = 'pgshift';
export const SQL_INPUT = ['{projectRoot}/**/*.sql'];

export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<void> {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  if (!plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME)) {
    plugins.push({ plugin: PLUGIN_NAME, options: pluginOptions(tree) });
  }
  nxJson.plugins = plugins;
  nxJson.namedInputs = { ...nxJson.namedInputs, sql: nxJson.namedInputs?.['sql'] ?? SQL_INPUT };
  updateNxJson(tree, nxJson);
  if (!options.skipFormat) await formatFiles(tree);
}

/** The first name of each target (`diff`, then `pgshift-diff`, …) that no database project already uses. */
function pluginOptions(tree: Tree): PgshiftPluginOptions {
  const taken = takenTargetNames(tree);
  const options: Record<string, string> = {};
  for (const key of TARGET_KEYS) {
    const candidates = [key, `pgshift-${key}`, `pgshift:${key}`];
    options[`${key}TargetName`] = candidates.find((name) => !taken.has(name)) ?? candidates[candidates.length - 1]!;
  }
  return options;
}

function takenTargetNames(tree: Tree): Set<string> {
  const dbFolders = glob(tree, [`**/${CONFIG_FILE}`, '**/sqitch.plan']).map((file) => path.posix.dirname(file));
  const taken = new Set<string>();
  for (const [, project] of getProjects(tree)) {
    const root = project.root === '.' ? '' : project.root;
    const owns = dbFolders.some((folder) => root === '' || folder === root || folder.startsWith(`${root}/`));
    if (owns) for (const name of Object.keys(project.targets ?? {})) taken.add(name);
  }
  return taken;
}

export default initGenerator;
