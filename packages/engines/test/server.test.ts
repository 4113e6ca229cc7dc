import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { Client } from 'pg';
import { describeWith, postgresServer, serverUrl } from '@pgshift/test-support';
import { createEngine, EngineError, maskUrl, ServerEngine } from '../src';
import { engineContract, project } from './contract';

jest.setTimeout(60_000);

describe('server engine options', () => {
  test('a missing URL names the option and the variable', async () => {
    const saved = process.env.PGSHIFT_DATABASE_URL;
    delete process.env.PGSHIFT_DATABASE_URL;
    try {
      await expect(createEngine({ engine: 'server' })).rejects.toMatchObject({ code: 'ENGINE_OPTION_MISSING', option: 'url' });
    } finally {
      if (saved !== undefined) process.env.PGSHIFT_DATABASE_URL = saved;
    }
  });

  test('a connection failure masks the password', async () => {
    const error = await createEngine({ engine: 'server', url: 'postgres://someone:s3cret@127.0.0.1:1/postgres' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'ENGINE_CONNECT_FAILED', option: 'url' });
    expect((error as Error).message).toContain('postgres://someone:****@127.0.0.1:1/postgres');
    expect((error as Error).message).not.toContain('s3cret');
  });

  test('maskUrl hides only the password', () => {
    expect(maskUrl('postgres://u:p%40ss@h:5432/db?sslmode=disable')).toBe('postgres://u:****@h:5432/db?sslmode=disable');
    expect(maskUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});

describeWith([postgresServer], 'server engine', () => {
  engineContract('server', () => createEngine({ engine: 'server' }));

  let admin: Client;
  beforeAll(async () => {
    admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
  });

  const databaseExists = async (name: string): Promise<boolean> =>
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  const roleExists = async (name: string): Promise<boolean> =>
    (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;

  test('dispose drops the database, and engine dispose drops those still open', async () => {
    const engine = await createEngine({ engine: 'server' });
    const a = await engine.createDatabase();
    const b = await engine.createDatabase();
    expect(a.name).toMatch(new RegExp(`^pgshift_tmp_${process.pid}_[0-9a-f]+$`));
    expect(a.displayUrl).toContain(`/${a.name}`);
    expect(await databaseExists(a.name)).toBe(true);
    await a.exec('CREATE TABLE t (id int)');
    await a.dispose();
    expect(await databaseExists(a.name)).toBe(false);
    await engine.dispose();
    expect(await databaseExists(b.name)).toBe(false);
  });

  test('dispose drops a database that holds subscriptions, one of them with a slot', async () => {
    const engine = await createEngine({ engine: 'server' });
    try {
      const db = await engine.createDatabase();
      await db.exec(`CREATE SUBSCRIPTION feed CONNECTION 'dbname=postgres' PUBLICATION p WITH (connect = false, slot_name = 'feed_slot')`);
      await db.exec(`CREATE SUBSCRIPTION quiet CONNECTION 'dbname=postgres' PUBLICATION p WITH (connect = false, slot_name = NONE)`);
      await db.dispose();
      expect(await databaseExists(db.name)).toBe(false);
    } finally {
      await engine.dispose();
    }
  });

  test('roles a load created are dropped with its database; roles that existed before stay', async () => {
    const suffix = `${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    const existing = `pgshift_pre_${suffix}`;
    const created = `pgshift_new_${suffix}`;
    await admin.query(`CREATE ROLE ${existing}`);
    const engine = await createEngine({ engine: 'server' });
    try {
      const dir = project({
        'main.sql': `CREATE ROLE ${created};\nCREATE TABLE t (id int);\nALTER TABLE t OWNER TO ${created};\nGRANT SELECT ON t TO ${existing};\n`,
      });
      const db = await engine.createDatabase();
      await db.runScript(path.join(dir, 'main.sql'));
      expect(await roleExists(created)).toBe(true);
      await db.dispose();
      expect(await roleExists(created)).toBe(false);
      expect(await roleExists(existing)).toBe(true);
    } finally {
      await engine.dispose();
      await admin.query(`DROP ROLE IF EXISTS ${existing}`);
      await admin.query(`DROP ROLE IF EXISTS ${created}`);
    }
  });

  test('a created role that another database still depends on is kept', async () => {
    const role = `pgshift_shared_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    const engine = await createEngine({ engine: 'server' });
    const other = await engine.createDatabase();
    try {
      const db = await engine.createDatabase();
      await db.exec(`CREATE ROLE ${role}`);
      await other.exec(`CREATE TABLE t (id int); ALTER TABLE t OWNER TO ${role}`);
      await db.dispose();
      expect(await roleExists(role)).toBe(true);
    } finally {
      await other.dispose();
      await engine.dispose();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  test('a clone is a throwaway database of the engine: named like one, dropped on engine dispose', async () => {
    const engine = await createEngine({ engine: 'server' });
    const source = await engine.createDatabase();
    const copy = await source.clone();
    expect(copy.name).toMatch(new RegExp(`^pgshift_tmp_${process.pid}_[0-9a-f]+$`));
    expect(copy.name).not.toBe(source.name);
    expect(copy.connectionString).toContain(`/${copy.name}`);
    expect(await databaseExists(copy.name)).toBe(true);
    await engine.dispose();
    expect(await databaseExists(copy.name)).toBe(false);
    expect(await databaseExists(source.name)).toBe(false);
  });

  test('roles the source created stay while any clone lives, and are dropped with the last one', async () => {
    const role = `pgshift_family_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    const engine = await createEngine({ engine: 'server' });
    try {
      const source = await engine.createDatabase();
      // A login role with no objects or grants: nothing in pg_shdepend would keep it.
      await source.exec(`CREATE ROLE ${role} LOGIN`);
      const copy = await source.clone();
      await source.dispose();
      expect(await roleExists(role)).toBe(true);
      await copy.exec(`SET ROLE ${role}`);
      await copy.dispose();
      expect(await roleExists(role)).toBe(false);
    } finally {
      await engine.dispose();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  test('at start, databases left by processes that are gone are dropped', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const leftover = `pgshift_tmp_${dead}_deadbeef`;
    await admin.query(`CREATE DATABASE ${leftover}`);
    const engine = await ServerEngine.start();
    try {
      expect(await databaseExists(leftover)).toBe(false);
    } finally {
      await engine.dispose();
      await admin.query(`DROP DATABASE IF EXISTS ${leftover}`);
    }
  });

  test('a process killed by SIGTERM drops its databases, clones included, before it dies of the signal', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, 'fixtures/hold-database.js')], {
      env: { ...process.env, PGSHIFT_DATABASE_URL: serverUrl() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      void exited.then(() => reject(new Error(`child exited early: ${stderr}`)));
    });
    const names = line.split(' ');
    expect(names).toHaveLength(2);
    for (const name of names) expect(await databaseExists(name)).toBe(true);
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    for (const name of names) expect(await databaseExists(name)).toBe(false);
  });
});
