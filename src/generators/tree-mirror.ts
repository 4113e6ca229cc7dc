/**
 * The Nx Tree on disk, for the libraries that read files. Generators see the Tree (which may hold
 * changes not yet written, or be virtual in tests) while the sqitch workflow reads and writes real
 * files; so the project's folder, and every file its source includes from elsewhere, are copied
 * into a scratch folder, the workflow runs there, and what it wrote (or removed, in the project's
 * folder) goes back through the Tree — which is what makes `--dry-run` write nothing. The scratch
 * path is stable per workspace so the replayed-migrations cache (keyed by script paths and
 * contents) keeps hitting.
 */
import { createHash } from 'crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Tree } from '@nx/devkit';
import { CONFIG_FILE, defaults, parseProjectConfig } from '@pgshift/sqitch';
import { includeClosure } from '../graph/includes';
import { SKIPPED } from './db-project';

export async function withTreeOnDisk<T>(tree: Tree, dir: string, work: (absDir: string) => Promise<T>): Promise<T> {
  const scratch = path.join(os.tmpdir(), 'pgshift-nx-tree', createHash('sha256').update(tree.root).digest('hex').slice(0, 16));
  rmSync(scratch, { recursive: true, force: true });
  const before = new Map<string, Buffer>();
  const copy = (file: string) => {
    const content = tree.read(file);
    if (content === null || before.has(file)) return;
    const target = path.join(scratch, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    before.set(file, content);
  };
  walkTree(tree, dir, copy);
  for (const file of includedFiles(tree, dir)) copy(file);
  try {
    const result = await work(path.join(scratch, dir));
    const after = new Set(walkDisk(scratch, dir));
    for (const file of after) {
      const content = readFileSync(path.join(scratch, file));
      const old = before.get(file);
      if (old === undefined || !old.equals(content)) tree.write(file, content);
    }
    const inDir = (file: string) => dir === '.' || dir === '' || file.startsWith(`${dir}/`);
    for (const file of before.keys()) if (inDir(file) && !after.has(file)) tree.delete(file);
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function walkTree(tree: Tree, dir: string, visit: (file: string) => void): void {
  for (const child of tree.children(dir)) {
    if (SKIPPED.has(child)) continue;
    const file = dir === '.' || dir === '' ? child : path.posix.join(dir, child);
    if (tree.isFile(file)) visit(file);
    else walkTree(tree, file, visit);
  }
}

function walkDisk(root: string, dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  visit(dir);
  return out;
}

/** The source entry and what it includes, wherever those files live in the workspace. */
function includedFiles(tree: Tree, dir: string): string[] {
  const configFile = path.posix.join(dir, CONFIG_FILE);
  const text = tree.read(configFile, 'utf8');
  const source = (text !== null ? parseProjectConfig(text, configFile).source : undefined) ?? defaults.source;
  const read = (file: string) => (file.startsWith('../') ? undefined : (tree.read(file, 'utf8') ?? undefined));
  return includeClosure(path.posix.join(dir, source), dir, read);
}
