/**
 * The workspace's database projects as the plugin infers them, read from the Tree: a folder with a
 * pgshift.json, or the project owning a sqitch.plan where it has no pgshift.json (createNodes'
 * rule, with the globs of the plugin's nx.json entry); and the names its targets go by.
 */
import * as path from 'path';
import { getProjects, glob, readNxJson, type Tree } from '@nx/devkit';
import picomatch from 'picomatch';
import { CONFIG_FILE } from '@pgshift/sqitch';
import { owningFolder } from '../../graph/owner';
import { normalizePluginOptions, targetName, type NormalizedPluginOptions, type PgshiftPluginOptions, type TargetKey } from '../../graph/options';
import { PLUGIN_NAME } from '../init/init';

export function pluginOptions(tree: Tree): NormalizedPluginOptions | undefined {
  const entry = readNxJson(tree)?.plugins?.find((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (entry === undefined) return undefined;
  return normalizePluginOptions(typeof entry === 'string' ? undefined : (entry.options as PgshiftPluginOptions | undefined));
}

/** Sorted names of the Nx projects that get pgshift's targets. */
export function databaseProjects(tree: Tree, options: NormalizedPluginOptions): string[] {
  const isConfig = picomatch(options.configGlobs, { dot: true });
  const isPlan = picomatch(options.planGlobs, { dot: true });
  const exists = (file: string) => tree.exists(file);
  const roots = new Set<string>();
  for (const file of glob(tree, [`**/${CONFIG_FILE}`, '**/sqitch.plan'])) {
    const folder = path.posix.dirname(file);
    if (path.posix.basename(file) === CONFIG_FILE) {
      if (isConfig(file)) roots.add(folder);
    } else if (isPlan(file) && folder !== '.') {
      const root = owningFolder('', path.posix.dirname(folder), exists);
      if (root !== undefined && !exists(path.posix.join(root, CONFIG_FILE))) roots.add(root);
    }
  }
  const nameByRoot = new Map([...getProjects(tree)].map(([name, project]) => [project.root, name]));
  const inferredName = (root: string) => path.posix.basename(root === '.' ? tree.root : root);
  return [...roots].map((root) => nameByRoot.get(root) ?? inferredName(root)).sort();
}

export function targetNames(options: NormalizedPluginOptions): Record<Extract<TargetKey, 'diff' | 'test' | 'deploy' | 'verify'>, string> {
  return {
    diff: targetName(options, 'diff'),
    test: targetName(options, 'test'),
    deploy: targetName(options, 'deploy'),
    verify: targetName(options, 'verify'),
  };
}
