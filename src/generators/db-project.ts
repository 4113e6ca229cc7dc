/**
 * `--project NAME` to folders: the Nx project's root and pgshift's folder inside it. A project
 * with a project.json or package.json is in the Tree; an inferred one is only in the project graph.
 */
import * as path from 'path';
import { createProjectGraphAsync, getProjects, type Tree } from '@nx/devkit';
import { CONFIG_FILE, ProjectError } from '@pgshift/sqitch';

export interface DbProject {
  name: string;
  /** Workspace-relative root of the Nx project. */
  root: string;
  /** Workspace-relative folder pgshift resolves paths against (where pgshift.json is). */
  dir: string;
}

const SKIPPED = new Set(['node_modules', '.git', 'dist', '.nx', 'coverage', 'tmp']);

export async function resolveDbProject(tree: Tree, name: string): Promise<DbProject> {
  const root = getProjects(tree).get(name)?.root ?? (await rootFromGraph(name));
  if (root === undefined) {
    throw new ProjectError('NOT_FOUND', `There is no Nx project named "${name}" (option --project); \`nx show projects\` lists them.`);
  }
  return { name, root, dir: findConfigFolder(tree, root) ?? root };
}

async function rootFromGraph(name: string): Promise<string | undefined> {
  try {
    const graph = await createProjectGraphAsync({ exitOnError: false });
    return graph.nodes[name]?.data.root;
  } catch {
    return undefined;
  }
}

/** The shallowest folder under root holding a pgshift.json, the root itself first. */
function findConfigFolder(tree: Tree, root: string): string | undefined {
  let level = [root];
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    for (const folder of level) if (tree.isFile(path.posix.join(folder, CONFIG_FILE))) return folder;
    level = level.flatMap((folder) =>
      tree
        .children(folder)
        .filter((child) => !SKIPPED.has(child) && !tree.isFile(path.posix.join(folder, child)))
        .map((child) => path.posix.join(folder, child)),
    );
  }
  return undefined;
}

export { SKIPPED };
