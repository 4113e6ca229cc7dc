/** examples/todo written into an Nx Tree (virtual or not), as a project named db at db/. */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type { Tree } from '@nx/devkit';
import { todoExample } from './workspace';

export function writeTodoToTree(tree: Tree, folder = 'db'): void {
  const visit = (rel: string) => {
    for (const entry of readdirSync(path.join(todoExample, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations') visit(child);
      } else tree.write(path.posix.join(folder, child), readFileSync(path.join(todoExample, child)));
    }
  };
  visit('');
  tree.write(path.posix.join(folder, 'project.json'), JSON.stringify({ name: path.posix.basename(folder), root: folder }));
}

export const viewEdit = (sql: string) => sql.replace('select id, todo, private,', 'select id, todo, private, created_at,');
