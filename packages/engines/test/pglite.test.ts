import { PGlite } from '@electric-sql/pglite';
import * as path from 'path';
import { createEngine, EngineError, PgliteEngine, type Database } from '../src';
import { PgliteDatabase } from '../src/pglite/database';
import { engineContract, project } from './contract';

jest.setTimeout(120_000);

engineContract('pglite', () => createEngine({ engine: 'pglite' }));

describe('pglite engine', () => {
  let engine: PgliteEngine;
  beforeAll(async () => {
    engine = await PgliteEngine.start();
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  test('runs PostgreSQL 18 as user postgres', async () => {
    const db = await engine.createDatabase();
    try {
      const vars = await db.automaticVariables();
      expect(vars).toMatchObject({ USER: 'postgres', DBNAME: 'postgres', HOST: 'localhost', PORT: '5432' });
      expect(vars.SERVER_VERSION_NUM).toMatch(/^18\d{4}$/);
    } finally {
      await db.dispose();
    }
  });

  test('an extension the embedded engine lacks fails before the script runs, naming file:line:column', async () => {
    const dir = project({ 'main.sql': 'CREATE TABLE before_it (id int);\nCREATE EXTENSION IF NOT EXISTS postgis;\n' });
    const db = await engine.createDatabase();
    try {
      const error = await db.runScript(path.join(dir, 'main.sql'), { baseDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'EXTENSION_UNAVAILABLE' });
      expect((error as Error).message).toContain('main.sql:2:32');
      expect((error as Error).message).toContain(
        'extension "postgis" is not available in the embedded engine (pglite); use engine "docker" or "server"',
      );
      expect((await db.query("SELECT to_regclass('before_it') AS t")).rows).toEqual([{ t: null }]);
    } finally {
      await db.dispose();
    }
  });

  test('runScript starts a single instance, already holding the extensions the script creates', async () => {
    const dir = project({ 'main.sql': '\\echo :USER\nCREATE EXTENSION pgcrypto;\nCREATE TABLE t (id uuid DEFAULT gen_random_uuid());\n' });
    const create = jest.spyOn(PGlite, 'create');
    const db = await engine.createDatabase();
    try {
      const echoes: string[] = [];
      await db.runScript(path.join(dir, 'main.sql'), { onEcho: (t) => echoes.push(t) });
      expect(echoes).toEqual(['postgres']);
      expect(create).toHaveBeenCalledTimes(1);
      expect(Object.keys((create.mock.calls[0][0] as unknown as { extensions: object }).extensions)).toEqual(['pgcrypto']);
    } finally {
      create.mockRestore();
      await db.dispose();
    }
  });

  test('an unknown extension in exec is an EngineError too', async () => {
    const db = await engine.createDatabase();
    try {
      await expect(db.exec('CREATE EXTENSION "postgis"')).rejects.toThrow(
        'extension "postgis" is not available in the embedded engine (pglite); use engine "docker" or "server"',
      );
    } finally {
      await db.dispose();
    }
  });

  test('an extension first needed after the instance started is registered without losing data', async () => {
    const db = await engine.createDatabase();
    try {
      await db.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
      await db.exec('CREATE EXTENSION hstore; CREATE EXTENSION earthdistance CASCADE');
      const { rows } = await db.query("SELECT (SELECT id FROM kept) AS id, ('a=>1'::hstore) -> 'a' AS a, earth() > 0 AS earth");
      expect(rows).toEqual([{ id: 7, a: '1', earth: true }]);
    } finally {
      await db.dispose();
    }
  });

  test('CREATE EXTENSION inside a string or comment registers nothing and breaks nothing', async () => {
    const db = await engine.createDatabase();
    try {
      await db.exec("-- CREATE EXTENSION postgis\nSELECT 'CREATE EXTENSION postgis' AS s");
      expect((await db.query("SELECT 'create extension postgis' AS s")).rows).toEqual([{ s: 'create extension postgis' }]);
    } finally {
      await db.dispose();
    }
  });

  test('a COPY error past STDIN points into the statement as written', async () => {
    const db: Database = await engine.createDatabase();
    try {
      await db.exec('CREATE TABLE t (id int)');
      const sql = 'COPY t (id) FROM STDIN WITH (FORMAT nonsense)';
      const error = (await db.copyFrom(sql, '1\n').catch((e: unknown) => e)) as { message: string; position?: string };
      expect(error.message).toMatch(/nonsense/);
      if (error.position !== undefined) expect(sql.slice(Number(error.position) - 1)).toMatch(/^(FORMAT )?nonsense|^\(FORMAT/);
    } finally {
      await db.dispose();
    }
  });

  test('a clone starts one instance, from the source\'s data, with the source\'s extensions registered', async () => {
    const source = await engine.createDatabase();
    const create = jest.spyOn(PGlite, 'create');
    try {
      await source.exec('CREATE EXTENSION hstore; CREATE TABLE kv (h hstore)');
      const copy = await source.clone();
      try {
        await copy.exec("INSERT INTO kv VALUES ('a=>1')");
        expect((await copy.query("SELECT h -> 'a' AS a FROM kv")).rows).toEqual([{ a: '1' }]);
        expect(create).toHaveBeenCalledTimes(2);
        expect(Object.keys((create.mock.calls[1][0] as unknown as { extensions: object }).extensions)).toEqual(['hstore']);
      } finally {
        await copy.dispose();
      }
    } finally {
      create.mockRestore();
      await source.dispose();
    }
  });

  test('clones of an unchanged database share one dump; SQL run on the source makes the next clone see it', async () => {
    const source = await engine.createDatabase();
    const clones: Database[] = [];
    try {
      await source.exec('CREATE TABLE t (id int)');
      const dump = jest.spyOn(PGlite.prototype, 'dumpDataDir');
      try {
        clones.push(await source.clone(), await source.clone());
        expect(dump).toHaveBeenCalledTimes(1);
        await source.exec('INSERT INTO t VALUES (1)');
        clones.push(await source.clone());
        expect(dump).toHaveBeenCalledTimes(2);
      } finally {
        dump.mockRestore();
      }
      const counts = await Promise.all(clones.map(async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0].n));
      expect(counts).toEqual([0, 0, 1]);
    } finally {
      await Promise.all([source, ...clones].map((d) => d.dispose()));
    }
  });

  test('a clone starts with crash recovery from the dump, so its UNLOGGED tables are empty', async () => {
    const source = await engine.createDatabase();
    try {
      await source.exec('CREATE UNLOGGED TABLE scratch (id int); CREATE TABLE kept (id int); INSERT INTO scratch VALUES (1); INSERT INTO kept VALUES (1)');
      const copy = await source.clone();
      try {
        expect((await copy.query('SELECT (SELECT count(*)::int FROM scratch) AS scratch, (SELECT count(*)::int FROM kept) AS kept')).rows).toEqual([
          { scratch: 0, kept: 1 },
        ]);
      } finally {
        await copy.dispose();
      }
    } finally {
      await source.dispose();
    }
  });

  test('dispose closes the instance, and engine dispose closes databases and clones still open', async () => {
    const a = (await engine.createDatabase()) as PgliteDatabase;
    await a.exec('SELECT 1');
    await a.dispose();
    expect(a.closed).toBe(true);
    const other = await PgliteEngine.start();
    const b = (await other.createDatabase()) as PgliteDatabase;
    await b.exec('SELECT 1');
    const c = (await b.clone()) as PgliteDatabase;
    await c.exec('SELECT 1');
    await other.dispose();
    expect(b.closed).toBe(true);
    expect(c.closed).toBe(true);
    await expect(other.createDatabase()).rejects.toMatchObject({ code: 'ENGINE_DISPOSED' });
  });
});
