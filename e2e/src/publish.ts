/**
 * pgshift and the workspace packages it uses, staged as publishable copies (the sources are private
 * workspace packages) under one e2e version, and published to the local registry.
 */
import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

const repo = path.join(__dirname, '..', '..');
export const LIBRARIES = ['sql-script', 'engines', 'catalog', 'diff', 'sqitch', 'pgtap'];

type Manifest = Record<string, unknown> & { name: string; dependencies?: Record<string, string> };

function pin(deps: Record<string, string> | undefined, version: string): Record<string, string> {
  return Object.fromEntries(Object.entries(deps ?? {}).map(([name, range]) => [name, name.startsWith('@pgshift/') ? version : range]));
}

function stage(from: string, to: string, manifest: Manifest, files: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const file of files) if (existsSync(path.join(from, file))) cpSync(path.join(from, file), path.join(to, file), { recursive: true });
  writeFileSync(path.join(to, 'package.json'), JSON.stringify(manifest, null, 2));
}

export function publishAll(registryUrl: string, stageDir: string, version: string): void {
  mkdirSync(stageDir, { recursive: true });
  const npmrc = path.join(stageDir, '.npmrc');
  const host = registryUrl.replace(/^http:/, '');
  writeFileSync(npmrc, `registry=${registryUrl}\n${host}:_authToken=e2e\n`);
  const publish = (dir: string) =>
    execFileSync('npm', ['publish', '--registry', registryUrl, '--userconfig', npmrc, '--tag', 'e2e'], { cwd: dir, stdio: 'pipe' });
  for (const name of LIBRARIES) {
    const src = path.join(repo, 'packages', name);
    const manifest = JSON.parse(readFileSync(path.join(src, 'package.json'), 'utf8')) as Manifest;
    const staged = { ...manifest, version, private: false, dependencies: pin(manifest.dependencies, version) };
    delete (staged as Record<string, unknown>)['scripts'];
    const to = path.join(stageDir, name);
    stage(src, to, staged, ['dist']);
    publish(to);
  }
  const root = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as Manifest & { devDependencies: Record<string, string> };
  const runtime: Record<string, string> = { '@nx/devkit': root.devDependencies['@nx/devkit']!, ...(root.dependencies ?? {}) };
  for (const name of LIBRARIES) runtime[`@pgshift/${name}`] = version;
  const plugin: Manifest = {
    name: 'pgshift',
    version,
    description: root['description'],
    license: root['license'],
    main: root['main'],
    executors: root['executors'],
    generators: root['generators'],
    dependencies: runtime,
    peerDependencies: { nx: '>=24' },
  };
  const to = path.join(stageDir, 'pgshift');
  stage(repo, to, plugin, ['dist', 'executors.json', 'generators.json']);
  for (const kind of ['executors', 'generators']) cpSync(path.join(repo, 'src', kind), path.join(to, 'src', kind), { recursive: true, filter: (f) => !f.endsWith('.ts') || f.endsWith('.d.ts') });
  publish(to);
}
