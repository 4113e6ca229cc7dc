/**
 * The migration generators as thin wrappers over the sqitch workflow: the same lines as the CLI,
 * files written through the Tree.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { logger, type Tree } from '@nx/devkit';
import {
  addMigration,
  initMigrations,
  loadConfig,
  loadProject,
  projectPaths,
  rebaseMigrations,
  resolveIdentity,
  tagMigrations,
  type RebaseResult,
  type WrittenMigration,
} from '@pgshift/sqitch';
import { resolveDbProject } from './db-project';
import { withTreeOnDisk } from './tree-mirror';

export interface AddRequest {
  name: string;
  note?: string;
  noDiff: boolean;
  online?: boolean;
  allowHazards?: string[];
}

export interface TagRequest {
  tag: string;
  note?: string;
}

export interface RebaseRequest {
  rebase: true;
  allowHazards?: string[];
}

export async function writeMigrations(tree: Tree, projectName: string, request: { init: true } | AddRequest): Promise<WrittenMigration>;
export async function writeMigrations(tree: Tree, projectName: string, request: TagRequest): Promise<void>;
export async function writeMigrations(tree: Tree, projectName: string, request: RebaseRequest): Promise<RebaseResult>;
export async function writeMigrations(
  tree: Tree,
  projectName: string,
  request: { init: true } | AddRequest | TagRequest | RebaseRequest,
): Promise<WrittenMigration | RebaseResult | void> {
  const db = await resolveDbProject(tree, projectName);
  const realDir = path.join(tree.root, db.dir);
  return withTreeOnDisk(tree, db.dir, async (dir) => {
    const project = loadProject(dir);
    const planner = resolveIdentity({
      config: loadConfig({ dir: projectPaths(project).migrations }),
      ...(existsSync(realDir) ? { dir: realDir } : {}),
    });
    const common = { onMessage: (line: string) => logger.info(line), onEcho: (text: string) => logger.info(text), planner };
    const rebaseCommand = `\`nx g pgshift:rebase --project ${projectName}\``;
    if ('init' in request) return initMigrations(project, common);
    if ('rebase' in request) {
      return rebaseMigrations(project, {
        ...common,
        onWarning: (line: string) => logger.warn(`warning: ${line}`),
        ...(request.allowHazards !== undefined ? { allowHazards: request.allowHazards } : {}),
      });
    }
    if ('tag' in request) {
      tagMigrations(project, request.tag, { ...common, ...(request.note !== undefined ? { note: request.note } : {}) });
      return;
    }
    return addMigration(project, request.name, {
      ...common,
      rebaseCommand,
      ...(request.note !== undefined ? { note: request.note } : {}),
      noDiff: request.noDiff,
      ...(request.online !== undefined ? { online: request.online } : {}),
      ...(request.allowHazards !== undefined ? { allowHazards: request.allowHazards } : {}),
    });
  });
}
