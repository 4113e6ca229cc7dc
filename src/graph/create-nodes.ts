/**
 * Inference: a database project is found by its pgshift.json, or by a sqitch.plan where there is
 * none; its targets go to the Nx project that owns the folder. Computed targets are cached under a
 * hash of everything they are computed from, so graph creation stays fast in big workspaces.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import {
  createNodesFromFiles,
  detectPackageManager,
  getPackageManagerCommand,
  type CreateNodes,
  type CreateNodesContext,
  type CreateNodesResult,
  type ProjectConfiguration,
  workspaceRoot,
} from '@nx/devkit';
import { hashObject, PluginCache, workspaceDataDirectory } from '@nx/devkit/internal';
import { CONFIG_FILE, loadProject, type ProjectOptions } from '@pgshift/sqitch';
import { hasProjectFile, owningFolder } from './owner';
import { normalizePluginOptions, type NormalizedPluginOptions, type PgshiftPluginOptions } from './options';
import { buildTargets } from './targets';

export const PLUGIN_GLOB = '**/{pgshift.json,sqitch.plan}';

type Computed = Pick<ProjectConfiguration, 'targets' | 'metadata'>;

interface Found {
  /** Workspace-relative root of the owning project. */
  root: string;
  /** Workspace-relative folder that pgshift resolves paths against. */
  dir: string;
  overrides: Partial<ProjectOptions>;
}

export const createNodes: CreateNodes<PgshiftPluginOptions> = [
  PLUGIN_GLOB,
  async (files, rawOptions, context) => {
    const options = normalizePluginOptions(rawOptions);
    const cache = new PluginCache<Computed>(path.join(cacheFolder(context), `pgshift-${hashObject(options)}.hash`));
    const isConfig = picomatch(options.configGlobs, { dot: true });
    const isPlan = picomatch(options.planGlobs, { dot: true });
    const sqlNamedInput = context.nxJsonConfiguration?.namedInputs?.['sql'] !== undefined;
    const execCommand = getPackageManagerCommand(detectPackageManager(context.workspaceRoot)).exec;
    try {
      return await createNodesFromFiles(
        async (file): Promise<CreateNodesResult> => {
          const found = locate(file, context.workspaceRoot, isConfig, isPlan);
          if (!found) return {};
          const abs = path.join(context.workspaceRoot, found.dir);
          const configFile = path.join(abs, CONFIG_FILE);
          const key = hashObject({
            found,
            options,
            sqlNamedInput,
            execCommand,
            config: existsSync(configFile) ? readFileSync(configFile, 'utf8') : null,
            env: existsSync(path.join(abs, '.env')),
          });
          let computed = cache.get(key);
          if (!computed) {
            const project = loadProject(abs, found.overrides);
            computed = buildTargets({ workspaceRoot: context.workspaceRoot, projectRoot: found.root, project, sqlNamedInput, execCommand }, options);
            cache.set(key, computed);
          }
          const node: ProjectConfiguration = { root: found.root, ...structuredClone(computed) };
          if (!hasProjectFile(context.workspaceRoot, found.root)) node.name = found.root === '.' ? path.basename(context.workspaceRoot) : path.posix.basename(found.root);
          return { projects: { [found.root]: node } };
        },
        files,
        options,
        context,
      );
    } finally {
      cache.writeToDisk();
    }
  },
];

function locate(file: string, workspaceRoot: string, isConfig: (f: string) => boolean, isPlan: (f: string) => boolean): Found | undefined {
  const folder = path.posix.dirname(file);
  if (path.posix.basename(file) === CONFIG_FILE) {
    return isConfig(file) ? { root: folder, dir: folder, overrides: {} } : undefined;
  }
  if (!isPlan(file)) return undefined;
  if (folder === '.') return undefined;
  const root = owningFolder(workspaceRoot, path.posix.dirname(folder));
  // A project with a pgshift.json is described by it, wherever its plan lives.
  if (root === undefined || existsSync(path.join(workspaceRoot, root, CONFIG_FILE))) return undefined;
  return { root, dir: root, overrides: { migrations: path.posix.relative(root, folder) } };
}

/** The plugin cache lives with Nx's own workspace data; a workspace other than the current one (tests) keeps its own. */
function cacheFolder(context: CreateNodesContext): string {
  return path.resolve(context.workspaceRoot) === path.resolve(workspaceRoot) ? workspaceDataDirectory : path.join(context.workspaceRoot, '.nx', 'workspace-data');
}

export type { NormalizedPluginOptions };
