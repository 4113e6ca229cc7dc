/**
 * The dev loop for real: a temporary project served on a port (embedded engine) or kept as a named
 * database on the PostgreSQL server, real saves to its files, and real clients (node-postgres)
 * connected while it reloads.
 */
import { rmSync } from 'fs';
import { createServer } from 'net';
import * as path from 'path';
import { Client } from 'pg';
import { describeWith, postgresServer, serverUrl } from '@pgshift/test-support';
import { loadProject, startDev, type DevOptions, type DevSession, type ReloadResult } from '../src';
import { query, tempDir, write } from './helpers';

jest.setTimeout(60_000);

/** Records what the loop reports; nextReload() settles with the next load's result. */
function recorder() {
  const messages: string[] = [];
  const errors: string[] = [];
  const waiting: ((result: ReloadResult) => void)[] = [];
  const options: DevOptions = {
    onMessage: (line) => messages.push(line),
    onError: (text) => errors.push(text),
    onReload: (result) => waiting.splice(0).forEach((resolve) => resolve(result)),
  };
  const nextReload = (timeoutMs = 20_000): Promise<ReloadResult> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reload within ${timeoutMs} ms; messages: ${messages.join(' | ')}`)), timeoutMs);
      waiting.push((result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  return { messages, errors, options, nextReload };
}

/** A connected client that records how it ended, so that a test can tell a clean end from a hang. */
async function connected(url: string): Promise<{ client: Client; ended: Promise<{ code?: string; message: string }> }> {
  const client = new Client({ connectionString: url });
  const errors: (Error & { code?: string })[] = [];
  client.on('error', (e: Error & { code?: string }) => errors.push(e));
  const ended = new Promise<{ code?: string; message: string }>((resolve) =>
    client.on('end', () => resolve({ code: errors[0]?.code, message: errors[0]?.message ?? 'ended without an error' })),
  );
  await client.connect();
  return { client, ended };
}

/** Settles with 'hang' unless `promise` settles within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function relations(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(url, "SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v') ORDER BY 1");
  return rows.map((r) => r.name);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('dev loop on the embedded engine', () => {
  let dir: string;
  let session: DevSession;
  const report = recorder();

  beforeAll(async () => {
    dir = tempDir('pgshift-dev-');
    write(dir, '.env', 'GREETING=hello\n');
    write(dir, 'db/src/init.sql', '\\ir tables.sql\n\\ir ../../shared/lookup.sql\n\\set greeting `echo $GREETING`\ncreate table :"greeting" (id int);\n');
    write(dir, 'db/src/tables.sql', 'create table t (id int);\n');
    write(dir, 'shared/lookup.sql', 'create table lookup (id int);\n');
    session = await startDev(loadProject(dir), { ...report.options, port: 0 });
  });
  afterAll(async () => {
    await session?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves the source on a port and keeps the last good database while a save breaks it', async () => {
    expect(report.messages[0]).toMatch(/^serving postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres \(engine pglite\), kept in step with db\/src\/init\.sql$/);
    expect(report.messages[1]).toMatch(/^loaded db\/src\/init\.sql in \d+ ms$/);
    expect(await relations(session.url)).toEqual(['hello', 'lookup', 't']);
    const { client, ended } = await connected(session.url);
    const failed = report.nextReload();
    write(dir, 'db/src/tables.sql', 'create table t (id int);\ncreate tabel u (id int);\n');
    expect(await failed).toMatchObject({ ok: false });
    expect(report.errors.pop()).toMatch(
      /^load failed, still serving the last good database: db\/src\/tables\.sql:2:8: ERROR: syntax error at or near "tabel"\ncreate tabel u \(id int\);\n {7}\^\n {2}included from db\/src\/init\.sql:1$/,
    );
    // The client connected before the failed load goes on with the old database.
    expect((await client.query("SELECT to_regclass('t')::text AS t, to_regclass('u')::text AS u")).rows).toEqual([{ t: 't', u: null }]);

    const reloaded = report.nextReload();
    write(dir, 'db/src/tables.sql', 'create table t (id int);\ncreate table u (id int);\n');
    expect(await reloaded).toMatchObject({ ok: true });
    expect(report.messages[report.messages.length - 1]).toMatch(/^reloaded db\/src\/init\.sql in \d+ ms$/);
    // Connected during the swap: a clean FATAL and the end of the connection, not a hang.
    expect(await within(ended, 3000)).toEqual({ code: '57P01', message: 'terminating connection because the development database was reloaded' });
    expect(await relations(session.url)).toEqual(['hello', 'lookup', 't', 'u']);
  });

  test('a client in a transaction at the swap is disconnected too, and the new database starts clean', async () => {
    const { client, ended } = await connected(session.url);
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (1)');
    const reloaded = report.nextReload();
    write(dir, 'db/src/tables.sql', 'create table t (id int);\ncreate table u (id int);\ncreate table v (id int);\n');
    expect(await reloaded).toMatchObject({ ok: true });
    expect(await within(ended, 3000)).toMatchObject({ code: '57P01' });
    expect(await query(session.url, 'SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
  });

  test('reloads when an included file outside the source folder or the env file changes', async () => {
    let reloaded = report.nextReload();
    write(dir, 'shared/lookup.sql', 'create table lookup_v2 (id int);\n');
    expect(await reloaded).toMatchObject({ ok: true });
    expect(await relations(session.url)).toEqual(['hello', 'lookup_v2', 't', 'u', 'v']);
    reloaded = report.nextReload();
    write(dir, '.env', 'GREETING=goodbye\n');
    expect(await reloaded).toMatchObject({ ok: true });
    expect(await relations(session.url)).toEqual(['goodbye', 'lookup_v2', 't', 'u', 'v']);
  });

  test('stop disconnects the clients, closes the database and frees the port', async () => {
    const port = Number(new URL(session.url).port);
    const { ended } = await connected(session.url);
    await session.stop();
    expect(await within(ended, 3000)).toMatchObject({ code: '57P01' });
    expect(report.messages[report.messages.length - 1]).toBe('stopped: the clients are disconnected and the embedded database is closed');
    expect(await portFree(port)).toBe(true);
  });
});

describe('dev loop options', () => {
  test('a missing source, a port in use and options of another engine are refused, naming the file or the option', async () => {
    const dir = tempDir('pgshift-dev-');
    try {
      await expect(startDev(loadProject(dir), { port: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(path.join(dir, 'db/src/init.sql')) });
      write(dir, 'db/src/init.sql', 'select 1;\n');
      await expect(startDev(loadProject(dir), { database: 'x' })).rejects.toMatchObject({ option: 'database' });
      await expect(startDev(loadProject(dir, { engine: 'server' }), { port: 5 })).rejects.toMatchObject({ option: 'port' });
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
      const port = (taken.address() as { port: number }).port;
      try {
        await expect(startDev(loadProject(dir), { port })).rejects.toMatchObject({ option: 'port', message: expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`) });
      } finally {
        taken.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWith([postgresServer], 'dev loop on the server engine', () => {
  const name = `pgshift_devtest_${process.pid}`;
  const role = `pgshift_devtest_reader_${process.pid}`;
  const dirs: string[] = [];
  const project = (files: Record<string, string>) => {
    const dir = tempDir('pgshift-dev-');
    dirs.push(dir);
    for (const [file, text] of Object.entries(files)) write(dir, file, text);
    return { dir, project: loadProject(dir, { engine: 'server', databaseUrl: serverUrl() }) };
  };
  const databases = async () =>
    (await query<{ datname: string }>(serverUrl(), 'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1', [`${name}%`])).map((r) => r.datname);

  afterAll(async () => {
    for (const db of await databases()) await query(serverUrl(), `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await query(serverUrl(), `DROP ROLE IF EXISTS "${role}"`);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('keeps a named database: a failed load leaves it, a good one replaces it and ends its sessions', async () => {
    const { dir, project: p } = project({ 'db/src/init.sql': 'create table items (id int);\n' });
    const report = recorder();
    const session = await startDev(p, { ...report.options, database: name });
    try {
      expect(report.messages[0]).toBe(`serving postgres://pgshift:****@127.0.0.1:5432/${name} (engine server), kept in step with db/src/init.sql`);
      expect(await relations(session.url)).toEqual(['items']);
      const { client, ended } = await connected(session.url);
      const failed = report.nextReload();
      write(dir, 'db/src/init.sql', 'create table items (id int);\nselect * from missing_table;\n');
      expect(await failed).toMatchObject({ ok: false });
      expect(report.errors.pop()).toMatch(/^load failed, still serving the last good database: db\/src\/init\.sql:2:15: ERROR: +relation "missing_table" does not exist/);
      expect(await databases()).toEqual([name]);
      expect((await client.query("SELECT to_regclass('items')::text AS t")).rows).toEqual([{ t: 'items' }]);

      const reloaded = report.nextReload();
      write(dir, 'db/src/init.sql', 'create table items (id int);\ncreate table more (id int);\n');
      expect(await reloaded).toMatchObject({ ok: true });
      expect(await within(ended, 3000)).toMatchObject({ code: '57P01' });
      expect(await relations(session.url)).toEqual(['items', 'more']);
      expect(await databases()).toEqual([name]);
    } finally {
      await session.stop();
    }
    expect(report.messages[report.messages.length - 1]).toBe(`stopped: database ${name} stays on the server as last loaded`);
    expect(await databases()).toEqual([name]);
    // A second run takes over the database it left.
    const again = await startDev(p, { database: name });
    await again.stop();
    expect(await relations(again.url)).toEqual(['items', 'more']);
  });

  test('a source that drops and recreates a role the database uses loads again without it', async () => {
    const source = (extra: string) => `drop role if exists "${role}";\ncreate role "${role}";\ncreate table items (id int);\ngrant select on items to "${role}";\n${extra}`;
    const { dir, project: p } = project({ 'db/src/init.sql': source('') });
    const report = recorder();
    const session = await startDev(p, { ...report.options, database: `${name}_roles` });
    try {
      expect(report.messages[1]).toMatch(/^loaded /);
      const reloaded = report.nextReload();
      write(dir, 'db/src/init.sql', source('create table more (id int);\n'));
      expect(await reloaded).toMatchObject({ ok: true });
      expect(report.messages).toContain(`the source drops a role that database ${name}_roles uses: ${name}_roles is dropped and the source loaded again without it`);
      expect(await relations(session.url)).toEqual(['items', 'more']);
    } finally {
      await session.stop();
    }
  });

  test('a database that pgshift did not make is never replaced', async () => {
    const foreign = `${name}_foreign`;
    await query(serverUrl(), `CREATE DATABASE "${foreign}"`);
    const { project: p } = project({ 'db/src/init.sql': 'create table items (id int);\n' });
    await expect(startDev(p, { database: foreign })).rejects.toMatchObject({
      option: 'database',
      message: expect.stringContaining(`database ${foreign} already exists`),
    });
    expect(await databases()).toContain(foreign);
  });
});
