/**
 * Which Nx project a database folder belongs to: the nearest folder up that holds project.json,
 * package.json or pgshift.json. A migrations folder is never a project of its own, so the search
 * for a sqitch.plan starts above the folder that holds the plan.
 */
import { existsSync } from 'fs';
import * as path from 'path';

export const PROJECT_MARKERS = ['project.json', 'package.json', 'pgshift.json'];

/** Workspace-relative folder ('.' for the root) or undefined when nothing up to the root qualifies. */
export function owningFolder(workspaceRoot: string, startFolder: string, exists: (file: string) => boolean = existsSync): string | undefined {
  let folder = path.posix.normalize(startFolder);
  for (;;) {
    if (PROJECT_MARKERS.some((marker) => exists(path.join(workspaceRoot, folder, marker)))) return folder;
    if (folder === '.' || folder === '') return undefined;
    folder = path.posix.dirname(folder);
  }
}

/** True when the folder has a file that names an Nx project (so the plugin must not name it). */
export function hasProjectFile(workspaceRoot: string, folder: string, exists: (file: string) => boolean = existsSync): boolean {
  return ['project.json', 'package.json'].some((marker) => exists(path.join(workspaceRoot, folder, marker)));
}
