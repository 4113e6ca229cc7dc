/**
 * A local npm registry (verdaccio) on loopback: pgshift's packages are published to it, anything
 * else is proxied from the public registry. Stopped (its process group signalled) by `stop()`.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as net from 'net';
import * as path from 'path';

export interface Registry {
  url: string;
  stop(): Promise<void>;
}

export function verdaccioBin(): string | undefined {
  try {
    return require.resolve('verdaccio/bin/verdaccio', { paths: [path.join(__dirname, '..')] });
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startRegistry(dir: string): Promise<Registry> {
  const bin = verdaccioBin();
  if (!bin) throw new Error('verdaccio is not installed: npm install --prefix e2e');
  const port = await freePort();
  mkdirSync(path.join(dir, 'storage'), { recursive: true });
  const config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${path.join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${path.join(dir, 'htpasswd')}`,
      '    max_users: -1',
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      'packages:',
      "  'pgshift':",
      '    access: $all',
      '    publish: $all',
      "  '@pgshift/*':",
      '    access: $all',
      '    publish: $all',
      "  '**':",
      '    access: $all',
      '    proxy: npmjs',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], { detached: true, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`verdaccio did not answer on ${url} within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
