import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { PgliteEngine } from '../src';
import { cacheDir, loadSnapshot, pgliteVersion, snapshotFile } from '../src/pglite/snapshot';

jest.setTimeout(180_000);

describe('snapshot cache location', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pgshift-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('PGSHIFT_CACHE_DIR wins', () => {
    expect(cacheDir(dir, { PGSHIFT_CACHE_DIR: 'my-cache' })).toBe(path.join(dir, 'my-cache'));
  });

  test('otherwise node_modules/.cache/pgshift of the nearest folder above cwd that has node_modules', () => {
    mkdirSync(path.join(dir, 'node_modules'));
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    expect(cacheDir(path.join(dir, 'a/b'), {})).toBe(path.join(dir, 'node_modules/.cache/pgshift'));
  });

  test('the file name carries the PGlite version and the cluster layout', () => {
    expect(path.basename(snapshotFile(dir))).toBe(`pglite-${pgliteVersion()}-datadir-wal1-sb16.tgz`);
    expect(pgliteVersion()).toMatch(/^0\.5\./);
  });
});

describe('snapshot build', () => {
  test('an unreadable cache file is rebuilt by initdb and replaced whole', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgshift-cache-'));
    try {
      const file = path.join(dir, 'nested', 'snapshot.tgz');
      mkdirSync(path.dirname(file));
      writeFileSync(file, 'not a tarball');
      const engine = await PgliteEngine.start({ snapshotFile: file });
      try {
        expect(engine.snapshot.created).toBe(true);
        expect(gunzipSync(readFileSync(file)).length).toBeGreaterThan(1_000_000);
        expect(readdirSync(path.dirname(file)).sort()).toEqual(['snapshot.facts.json', 'snapshot.tgz']);
        expect(engine.snapshot.facts).toMatchObject({ dbname: 'postgres', user: 'postgres', encoding: 'UTF8' });
        expect(engine.snapshot.facts.serverVersionNum).toMatch(/^18\d{4}$/);
        const db = await engine.createDatabase();
        expect((await db.query<{ n: number }>('SELECT 1 + 1 AS n')).rows).toEqual([{ n: 2 }]);
        // A cluster made to start fast: small WAL segments and a small buffer pool.
        const settings = await db.query<{ wal: string; buffers: string }>(
          "SELECT current_setting('wal_segment_size') AS wal, current_setting('shared_buffers') AS buffers",
        );
        expect(settings.rows).toEqual([{ wal: '1MB', buffers: '16MB' }]);
        expect(gunzipSync(readFileSync(file)).length).toBeLessThan(32_000_000);
        await db.dispose();
      } finally {
        await engine.dispose();
      }
      expect(existsSync(file)).toBe(true);

      // A warm cache without its facts file (loadSnapshot memoizes per file, hence the copy):
      // the facts are learnt once and stored beside it.
      const copy = path.join(path.dirname(file), 'copy.tgz');
      writeFileSync(copy, readFileSync(file));
      const warm = await loadSnapshot(copy);
      expect(warm.created).toBe(false);
      expect(warm.facts).toEqual(engine.snapshot.facts);
      expect(existsSync(path.join(path.dirname(file), 'copy.facts.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
