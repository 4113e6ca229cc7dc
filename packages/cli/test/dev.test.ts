/**
 * `pgshift dev` as users run it: the real launcher as a child process of its own, stopped with
 * SIGINT; and its bad inputs, each one paragraph naming the option or the file.
 */
import { spawn } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { connect, createServer } from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { describeWith, postgresServer, repoRoot, serverUrl } from '@pgshift/test-support';
import { main } from '../src/main';
import type { Io } from '../src/io';

jest.setTimeout(60_000);

const launcher = path.join(repoRoot, 'packages/cli/bin/pgshift.js');

function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgshift-cli-dev-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function pgshift(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io: Io & { stdout: string; stderr: string } = {
    stdout: '',
    stderr: '',
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
  };
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('pgshift dev', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('serves the source on a port until SIGINT, then exits 0 with nothing left running and the port closed', async () => {
    const dir = tempProject({ 'db/src/init.sql': 'create table items (id int);\n' });
    dirs.push(dir);
    const child = spawn(process.execPath, [launcher, 'dev', '--port', '0', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    const started = Date.now();
    while (!/^loaded /m.test(stdout)) {
      if (Date.now() - started > 30_000 || child.exitCode !== null) throw new Error(`pgshift dev did not load: ${stdout}${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /serving (postgres:\/\/\S+)/.exec(stdout)![1]!;
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    expect((await client.query("SELECT to_regclass('items')::text AS t")).rows).toEqual([{ t: 'items' }]);
    const ended = new Promise<void>((resolve) => client.on('end', () => resolve()));

    child.kill('SIGINT');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
    expect(await Promise.race([exit, timeout])).toEqual({ code: 0, signal: null });
    await ended;
    expect(stdout).toMatch(/stopped: the clients are disconnected and the embedded database is closed\n$/);
    expect(stderr).toBe('');
    expect(() => process.kill(child.pid!, 0)).toThrow();
    expect(await refused(Number(new URL(url).port))).toBe(true);
  });

  test('bad options, a missing source and a port in use are one paragraph naming them, exit 1', async () => {
    const dir = tempProject({ 'db/src/init.sql': 'select 1;\n' });
    dirs.push(dir);
    const badPort = await pgshift('dev', '--port', 'abc', '--project-dir', dir);
    expect(badPort).toMatchObject({ code: 1, stderr: expect.stringContaining('--port must be a port number from 0 to 65535 (0 for any free port), got "abc"') });
    expect((await pgshift('dev', '--port', '70000', '--project-dir', dir)).stderr).toContain('got "70000"');
    expect((await pgshift('dev', '--engine', 'sqlite', '--project-dir', dir)).stderr).toContain('--engine must be pglite, server or docker, got "sqlite"');
    expect((await pgshift('dev', '--database', 'x_dev', '--project-dir', dir)).stderr).toContain('option database applies to engines server and docker');
    const missing = await pgshift('dev', '--source', 'db/src/nope.sql', '--project-dir', dir);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining(`The SQL source ${path.join(dir, 'db/src/nope.sql')} does not exist.`) });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as { port: number }).port;
    try {
      const inUse = await pgshift('dev', '--port', String(port), '--project-dir', dir);
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toMatch(new RegExp(`^pgshift: port ${port} on 127\\.0\\.0\\.1 is already in use: .*port 0 for any free port\\n$`));
    } finally {
      taken.close();
    }
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  test('--help documents the engines, the port and what stays after a stop', async () => {
    const help = await pgshift('dev', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('psql postgres://postgres@127.0.0.1:54329/postgres');
    expect(help.stdout).toMatch(/NAME and the roles the source created stay on the server when pgshift dev stops/);
    expect((await pgshift('--help')).stdout).toMatch(/\n {2}dev {16}serve a development database/);
  });
});

describeWith([postgresServer], 'pgshift dev --engine server', () => {
  const name = `pgshift_clidev_${process.pid}`;
  let dir: string;
  beforeAll(() => {
    dir = tempProject({ 'db/src/init.sql': 'create table items (id int);\n' });
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  test('keeps database NAME on the server, prints its URL with the password masked, and leaves it there on SIGINT', async () => {
    const io: Io & { stdout: string; stderr: string } = { stdout: '', stderr: '', out: (t) => void (io.stdout += t), err: (t) => void (io.stderr += t) };
    const running = main(['dev', '--engine', 'server', '--database-url', serverUrl(), '--database', name, '--project-dir', dir], io);
    try {
      const started = Date.now();
      while (!/^loaded /m.test(io.stdout)) {
        if (Date.now() - started > 30_000) throw new Error(`pgshift dev did not load: ${io.stdout}${io.stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      process.emit('SIGINT', 'SIGINT');
    }
    expect(await running).toBe(0);
    const password = new URL(serverUrl()).password;
    expect(io.stdout).toContain(`/${name} (engine server), kept in step with db/src/init.sql`);
    expect(io.stdout).toContain(':****@');
    if (password) expect(io.stdout).not.toContain(`:${password}@`);
    expect(io.stdout).toMatch(new RegExp(`stopped: database ${name} stays on the server as last loaded\\n$`));
    const url = new URL(serverUrl());
    url.pathname = `/${name}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      expect((await client.query("SELECT to_regclass('items')::text AS t")).rows).toEqual([{ t: 'items' }]);
    } finally {
      await client.end();
    }
  });
});
