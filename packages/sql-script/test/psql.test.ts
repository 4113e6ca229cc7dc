import { execFileSync } from 'child_process';
import * as path from 'path';
import { Client } from 'pg';
import { describeWith, postgresServer, serverUrl } from '@pgshift/test-support';
import { readScript, type Statement } from '../src';

const fixtures = path.join(__dirname, 'fixtures');

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

describeWith([postgresServer], 'the reader splits and interpolates like psql 15', () => {
  const suffix = `${process.pid}_${Date.now()}`;
  const viaPsql = `sqlscript_psql_${suffix}`;
  const viaReader = `sqlscript_reader_${suffix}`;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`create database ${viaPsql}`);
    await admin.query(`create database ${viaReader}`);
  });
  afterAll(async () => {
    await admin.query(`drop database if exists ${viaPsql}`);
    await admin.query(`drop database if exists ${viaReader}`);
    await admin.end();
  });

  test('psql-compat.sql leaves the same rows whether psql or the reader runs it', async () => {
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', withDatabase(serverUrl(), viaPsql), '-f', 'psql-compat.sql'], {
      cwd: fixtures,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const items = readScript('psql-compat.sql', { baseDir: fixtures });
    const client = new Client({ connectionString: withDatabase(serverUrl(), viaReader) });
    await client.connect();
    try {
      for (const item of items) if (item.type === 'statement') await client.query(item.sql);
      const rows = async (c: Client): Promise<unknown[]> => (await c.query('select id, v from log order by id')).rows;
      const psqlClient = new Client({ connectionString: withDatabase(serverUrl(), viaPsql) });
      await psqlClient.connect();
      const expected = await rows(psqlClient);
      await psqlClient.end();
      expect(expected.length).toBeGreaterThan(15);
      expect(await rows(client)).toEqual(expected);
    } finally {
      await client.end();
    }
  });

  test('copy.sql: psql loads exactly the data lines the reader hands over', async () => {
    const out = execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', withDatabase(serverUrl(), viaPsql), '-f', 'copy.sql'], {
      cwd: fixtures,
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toEqual(['after copy', '3']);
    const statements = readScript('copy.sql', { baseDir: fixtures }) as Statement[];
    expect(statements.filter((s) => s.copyData !== undefined).map((s) => s.copyData!.split('\n').length - 1)).toEqual([2, 1]);
  });
});
