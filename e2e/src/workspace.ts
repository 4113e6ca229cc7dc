/**
 * A fresh Nx workspace made the way the Nx docs add Nx to a folder: `npm init`, then `nx init`
 * (the registry serves no create-nx-workspace for the Nx major pgshift targets). Nx comes from the
 * local registry, which proxies it, pinned to the version this repository uses.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { repoRoot } from '@pgshift/test-support';

export const nxVersion = (require(path.join(repoRoot, 'node_modules/nx/package.json')) as { version: string }).version;

export function createWorkspace(ws: string, env: NodeJS.ProcessEnv): void {
  mkdirSync(ws, { recursive: true });
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: ws, env, stdio: 'pipe' });
  run('git', ['init', '-q', '-b', 'main']);
  run('npm', ['init', '-y']);
  // npm's placeholder test script always fails; `nx affected -t test` would run it as the root project's test.
  run('npm', ['pkg', 'delete', 'scripts.test']);
  run('npx', ['-y', `nx@${nxVersion}`, 'init', '--interactive=false']);
  const nxJson = path.join(ws, 'nx.json');
  writeFileSync(nxJson, JSON.stringify({ ...JSON.parse(readFileSync(nxJson, 'utf8')), neverConnectToCloud: true }, null, 2));
  writeFileSync(path.join(ws, '.gitignore'), 'node_modules\n.nx/cache\n.nx/workspace-data\n');
  run('git', ['add', '-A']);
  run('git', ['commit', '-qm', 'workspace']);
}
