import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ScriptError } from '@pgshift/sql-script';
import { EngineError, type Database, type Engine } from '../src';

/** Writes files (path → text) under a new temporary folder and returns the folder. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgshift-engines-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The behaviour every engine shares. `factory` starts the engine under test. */
export function engineContract(name: string, factory: () => Promise<Engine>): void {
  describe(`engine contract: ${name}`, () => {
    let engine: Engine;
    const dirs: string[] = [];
    const tempProject = (files: Record<string, string>): string => {
      const dir = project(files);
      dirs.push(dir);
      return dir;
    };

    beforeAll(async () => {
      engine = await factory();
    });
    afterAll(async () => {
      await engine?.dispose();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
      const db = await engine.createDatabase();
      try {
        return await fn(db);
      } finally {
        await db.dispose();
      }
    }

    test('two databases are isolated from each other', async () => {
      const a = await engine.createDatabase();
      const b = await engine.createDatabase();
      try {
        await a.exec('CREATE TABLE only_in_a (id int)');
        const inA = await a.query<{ t: string | null }>("SELECT to_regclass('only_in_a')::text AS t");
        const inB = await b.query<{ t: string | null }>("SELECT to_regclass('only_in_a')::text AS t");
        expect(inA.rows).toEqual([{ t: 'only_in_a' }]);
        expect(inB.rows).toEqual([{ t: null }]);
      } finally {
        await Promise.all([a.dispose(), b.dispose()]);
      }
    });

    test('query takes parameters and exec runs several statements at once', async () => {
      await withDatabase(async (db) => {
        await db.exec('CREATE TABLE item (id int PRIMARY KEY, label text); INSERT INTO item VALUES (1, $$one$$), (2, $$two$$);');
        const { rows } = await db.query<{ label: string }>('SELECT label FROM item WHERE id = $1', [2]);
        expect(rows).toEqual([{ label: 'two' }]);
      });
    });

    test('copyFrom loads text-format data, NULLs and escapes included', async () => {
      await withDatabase(async (db) => {
        await db.exec('CREATE TABLE item (id int, label text)');
        await db.copyFrom('COPY item (id, label) FROM STDIN', '1\tone\n2\t\\N\n3\ttab\\there\n');
        const { rows } = await db.query('SELECT id, label FROM item ORDER BY id');
        expect(rows).toEqual([
          { id: 1, label: 'one' },
          { id: 2, label: null },
          { id: 3, label: 'tab\there' },
        ]);
      });
    });

    test('runScript loads a multi-file project with \\ir, variables, echoes and a COPY block', async () => {
      const dir = tempProject({
        'main.sql': [
          '\\set schema app',
          'CREATE SCHEMA :"schema";',
          '\\ir tables/item.sql',
          '\\echo loaded :DBNAME as :USER',
          '',
        ].join('\n'),
        'tables/item.sql': [
          'CREATE TABLE :"schema".item (id int PRIMARY KEY, label text, owner text DEFAULT :\'owner\');',
          'COPY :"schema".item (id, label) FROM stdin;',
          '1\tfirst',
          '2\tsecond',
          '\\.',
          'SELECT 1; SELECT 2;',
          '',
        ].join('\n'),
      });
      const echoes: string[] = [];
      await withDatabase(async (db) => {
        await db.runScript(path.join(dir, 'main.sql'), { variables: { owner: 'alice' }, baseDir: dir, onEcho: (t) => echoes.push(t) });
        const { rows } = await db.query('SELECT id, label, owner FROM app.item ORDER BY id');
        expect(rows).toEqual([
          { id: 1, label: 'first', owner: 'alice' },
          { id: 2, label: 'second', owner: 'alice' },
        ]);
        const vars = await db.automaticVariables();
        expect(echoes).toEqual([`loaded ${vars.DBNAME} as ${vars.USER}`]);
      });
    });

    test('a variable given by the caller wins over an automatic one', async () => {
      const dir = tempProject({ 'main.sql': '\\echo :DBNAME :VERSION_NUM\n' });
      await withDatabase(async (db) => {
        const echoes: string[] = [];
        await db.runScript(path.join(dir, 'main.sql'), { variables: { DBNAME: 'chosen' }, onEcho: (t) => echoes.push(t) });
        const vars = await db.automaticVariables();
        expect(echoes).toEqual([`chosen ${vars.VERSION_NUM}`]);
      });
    });

    test('automaticVariables describes the database as psql would', async () => {
      await withDatabase(async (db) => {
        const vars = await db.automaticVariables();
        const { rows } = await db.query<{ db: string; usr: string; num: string }>(
          "SELECT current_database() AS db, current_user AS usr, current_setting('server_version_num') AS num",
        );
        expect(vars).toEqual({
          DBNAME: rows[0].db,
          USER: rows[0].usr,
          HOST: expect.any(String),
          PORT: expect.stringMatching(/^\d+$/),
          ENCODING: 'UTF8',
          VERSION: expect.stringMatching(/^PostgreSQL \d+/),
          VERSION_NAME: expect.stringMatching(/^\d+\.\d+$/),
          VERSION_NUM: rows[0].num,
          SERVER_VERSION_NAME: expect.stringMatching(/^\d+\.\d+/),
          SERVER_VERSION_NUM: rows[0].num,
        });
      });
    });

    test('a syntax error in a nested include is reported at its file:line:column', async () => {
      const dir = tempProject({
        'main.sql': 'SELECT 1;\n\\ir schema/all.sql\n',
        'schema/all.sql': 'CREATE TABLE ok (id int);\n\\ir tables/bad.sql\n',
        'schema/tables/bad.sql': 'SELECT 2;\n\n  CREATE TABEL broken (id int);\n',
      });
      await withDatabase(async (db) => {
        const error = await db.runScript(path.join(dir, 'main.sql'), { baseDir: dir }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ScriptError);
        const e = error as ScriptError;
        expect(e.code).toBe('sql');
        expect(e.origin).toEqual({ file: path.join(dir, 'schema/tables/bad.sql'), line: 3, column: 10 });
        expect(e.includeChain.map((o) => [path.relative(dir, o.file), o.line])).toEqual([
          ['main.sql', 2],
          ['schema/all.sql', 2],
        ]);
        expect(e.message).toContain('schema/tables/bad.sql:3:10');
        expect(e.message).toContain('syntax error at or near "TABEL"');
        // The statements before the error ran, as with psql -v ON_ERROR_STOP=1.
        expect((await db.query("SELECT to_regclass('ok')::text AS t")).rows).toEqual([{ t: 'ok' }]);
      });
    });

    test('a long script stops at its failing statement with every statement before it applied', async () => {
      const lines = Array.from({ length: 250 }, (_, i) => `CREATE TABLE t${i} (id int);`);
      lines.splice(230, 0, 'SELECT 1 / 0;');
      const dir = tempProject({ 'main.sql': lines.join('\n') + '\n' });
      await withDatabase(async (db) => {
        const error = await db.runScript(path.join(dir, 'main.sql')).catch((e: unknown) => e);
        expect((error as ScriptError).origin).toEqual({ file: path.join(dir, 'main.sql'), line: 231, column: 1 });
        expect((error as ScriptError).message).toContain('division by zero');
        const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname ~ '^t[0-9]+$'");
        expect(rows).toEqual([{ n: 230 }]);
      });
    });

    test('statements run as if each were sent on its own, whatever their neighbours', async () => {
      const dir = tempProject({
        'main.sql': [
          "CREATE TYPE mood AS ENUM ('sad');",
          'CREATE TABLE p (id int PRIMARY KEY);',
          "ALTER TYPE mood ADD VALUE 'happy';",
          "CREATE TABLE m (m mood DEFAULT 'happy');",
          "INSERT INTO m VALUES ('happy');",
          'CREATE INDEX CONCURRENTLY p_id ON p (id);',
          'CREATE SCHEMA elsewhere;',
          // Outside a transaction block SET LOCAL changes nothing.
          'SET LOCAL search_path = elsewhere;',
          'CREATE TABLE here (id int);',
          '',
        ].join('\n'),
        'deferred.sql': [
          'CREATE TABLE c (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED);',
          'INSERT INTO c VALUES (1);',
          'INSERT INTO p VALUES (1);',
          '',
        ].join('\n'),
      });
      await withDatabase(async (db) => {
        await db.runScript(path.join(dir, 'main.sql'));
        const { rows } = await db.query<{ t: string }>("SELECT concat_ws(' ', to_regclass('public.here')::text, to_regclass('p_id')::text) AS t");
        expect(rows).toEqual([{ t: 'here p_id' }]);
        // A deferred check runs when an autocommitted statement commits: at the first INSERT.
        const error = await db.runScript(path.join(dir, 'deferred.sql')).catch((e: unknown) => e);
        expect((error as ScriptError).origin?.line).toBe(2);
        expect((error as ScriptError).message).toContain('foreign key');
      });
    });

    test('a script with its own transactions runs them as written', async () => {
      const dir = tempProject({
        'main.sql': 'CREATE TABLE a (id int);\nBEGIN;\nLOCK TABLE a;\nCREATE TABLE b (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE c (id int);\nROLLBACK;\n',
      });
      await withDatabase(async (db) => {
        await db.runScript(path.join(dir, 'main.sql'));
        const { rows } = await db.query<{ t: string }>(
          "SELECT concat_ws(' ', to_regclass('a')::text, to_regclass('b')::text, coalesce(to_regclass('c')::text, '-')) AS t",
        );
        expect(rows).toEqual([{ t: 'a b -' }]);
      });
    });

    test('CREATE EXTENSION pgcrypto and citext work', async () => {
      const dir = tempProject({
        'main.sql': 'CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE EXTENSION citext;\nCREATE TABLE person (email citext UNIQUE);\n',
      });
      await withDatabase(async (db) => {
        await db.runScript(path.join(dir, 'main.sql'));
        const { rows } = await db.query<{ digest: string; same: boolean }>(
          "SELECT encode(digest('abc', 'sha256'), 'hex') AS digest, 'Alice@Example.com'::citext = 'alice@example.COM' AS same",
        );
        expect(rows).toEqual([{ digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', same: true }]);
      });
    });

    test('the same source with drop role if exists / create role loads twice in sequence', async () => {
      const role = `pgshift_contract_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
      const dir = tempProject({
        'main.sql': [
          `DROP ROLE IF EXISTS ${role};`,
          `CREATE ROLE ${role};`,
          'CREATE TABLE owned (id int);',
          `ALTER TABLE owned OWNER TO ${role};`,
          `GRANT SELECT ON owned TO PUBLIC;`,
          '',
        ].join('\n'),
      });
      for (let load = 0; load < 2; load++) {
        await withDatabase(async (db) => {
          await db.runScript(path.join(dir, 'main.sql'));
          const { rows } = await db.query<{ owner: string }>("SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'owned'");
          expect(rows).toEqual([{ owner: role }]);
        });
      }
    });

    test('a clone has the source\'s tables and data, and neither sees the other\'s later changes', async () => {
      const source = await engine.createDatabase();
      try {
        await source.exec('CREATE TABLE item (id int PRIMARY KEY, label text); INSERT INTO item VALUES (1, $$one$$), (2, $$two$$)');
        const started = Date.now();
        const copy = await source.clone();
        try {
          expect((await copy.query('SELECT id, label FROM item ORDER BY id')).rows).toEqual([
            { id: 1, label: 'one' },
            { id: 2, label: 'two' },
          ]);
          process.stdout.write(`${name}: clone + first query ${Date.now() - started} ms\n`);
          await copy.exec('INSERT INTO item VALUES (3, $$three$$); CREATE TABLE only_in_copy (id int)');
          await source.exec('DELETE FROM item WHERE id = 1; CREATE TABLE only_in_source (id int)');
          const ids = async (db: Database) => (await db.query<{ id: number }>('SELECT id FROM item ORDER BY id')).rows.map((r) => r.id);
          const has = async (db: Database, table: string) =>
            (await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table])).rows[0].t !== null;
          expect(await ids(copy)).toEqual([1, 2, 3]);
          expect(await ids(source)).toEqual([2]);
          expect([await has(copy, 'only_in_copy'), await has(copy, 'only_in_source')]).toEqual([true, false]);
          expect([await has(source, 'only_in_source'), await has(source, 'only_in_copy')]).toEqual([true, false]);
        } finally {
          await copy.dispose();
        }
      } finally {
        await source.dispose();
      }
    });

    test('clones made at once from one source are independent, and a clone outlives its source', async () => {
      const source = await engine.createDatabase();
      let copies: Database[] = [];
      try {
        await source.exec('CREATE TABLE counter (n int); INSERT INTO counter VALUES (0)');
        copies = await Promise.all([source.clone(), source.clone(), source.clone()]);
        await source.dispose();
        await Promise.all(copies.map((c, i) => c.exec(`UPDATE counter SET n = ${i + 1}`)));
        const values = await Promise.all(copies.map(async (c) => (await c.query<{ n: number }>('SELECT n FROM counter')).rows));
        expect(values).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
        const again = await copies[0].clone();
        copies.push(again);
        expect((await again.query('SELECT n FROM counter')).rows).toEqual([{ n: 1 }]);
      } finally {
        await source.dispose();
        await Promise.all(copies.map((c) => c.dispose()));
      }
    });

    test('a clone keeps the source\'s extensions usable, and the source stays usable after the clone', async () => {
      const source = await engine.createDatabase();
      try {
        await source.exec('CREATE EXTENSION hstore; CREATE TABLE kv (h hstore); INSERT INTO kv VALUES ($$a=>1$$)');
        const copy = await source.clone();
        try {
          expect((await copy.query("SELECT h -> 'a' AS a FROM kv")).rows).toEqual([{ a: '1' }]);
          expect((await source.query("SELECT h -> 'a' AS a FROM kv")).rows).toEqual([{ a: '1' }]);
        } finally {
          await copy.dispose();
        }
      } finally {
        await source.dispose();
      }
    });

    test('clone is refused while a transaction is open in the source', async () => {
      await withDatabase(async (db) => {
        await db.exec('CREATE TABLE t (id int); BEGIN; INSERT INTO t VALUES (1)');
        await expect(db.clone()).rejects.toMatchObject({ code: 'CLONE_IN_TRANSACTION' });
        await db.exec('COMMIT');
        const copy = await db.clone();
        try {
          expect((await copy.query('SELECT id FROM t')).rows).toEqual([{ id: 1 }]);
        } finally {
          await copy.dispose();
        }
      });
    });

    test('a disposed database refuses queries, and dispose is idempotent', async () => {
      const db = await engine.createDatabase();
      await db.exec('SELECT 1');
      await db.dispose();
      await db.dispose();
      await expect(db.query('SELECT 1')).rejects.toMatchObject({ code: 'ENGINE_DISPOSED' });
      await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(EngineError);
      await expect(db.clone()).rejects.toMatchObject({ code: 'ENGINE_DISPOSED' });
    });
  });
}
