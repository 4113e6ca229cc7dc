/** Temporary folders laid out as workspaces, and a copy of examples/todo, for the plugin's tests. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '@pgshift/test-support';

export const todoExample = path.join(repoRoot, 'examples/todo');

export function tempWorkspace(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgshift-nx-'));
  writeFiles(root, { 'nx.json': '{}\n', ...files });
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/** examples/todo copied to `<root>/<folder>`, with a project.json naming it. */
export function copyTodo(root: string, folder = 'db', name = folder): string {
  const dir = path.join(root, folder);
  cpSync(todoExample, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}migrations`) });
  writeFileSync(path.join(dir, 'project.json'), JSON.stringify({ name, root: folder }, null, 2));
  return dir;
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
