/**
 * A fresh Nx workspace: what `create-nx-workspace --preset=npm --nxCloud=skip` makes, written
 * directly, because the registry serves no create-nx-workspace for the Nx major pgshift targets.
 * Nx comes from the local registry (which proxies it), pinned to the version this repository uses.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { repoRoot } from '@pgshift/test-support';

export const nxVersion = (require(path.join(repoRoot, 'node_modules/nx/package.json')) as { version: string }).version;

export function createWorkspace(ws: string, env: NodeJS.ProcessEnv): void {
  mkdirSync(ws, { recursive: true });
  writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'ws', version: '0.0.0', private: true, workspaces: ['packages/*'] }, null, 2));
  writeFileSync(
    path.join(ws, 'nx.json'),
    JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json', namedInputs: { default: ['{projectRoot}/**/*'] }, neverConnectToCloud: true }, null, 2),
  );
  writeFileSync(path.join(ws, '.gitignore'), 'node_modules\n.nx/cache\n.nx/workspace-data\n');
  execFileSync('npm', ['install', '--save-dev', '--no-audit', '--no-fund', `nx@${nxVersion}`], { cwd: ws, env, stdio: 'pipe' });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: ws, env });
  execFileSync('git', ['add', '-A'], { cwd: ws, env });
  execFileSync('git', ['commit', '-qm', 'workspace'], { cwd: ws, env });
}
