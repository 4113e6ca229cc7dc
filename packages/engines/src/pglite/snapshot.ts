import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gunzipSync } from 'zlib';

/**
 * The initialised data directory of a fresh PGlite cluster. initdb takes seconds, so it runs once
 * per PGlite version and machine: the result is kept as a gzipped tarball in the cache folder and
 * every database starts from it (`loadDataDir`).
 */
export interface Snapshot {
  /** The uncompressed tarball, kept in memory so each start skips the gunzip. */
  tar: Blob;
  /** Where the cached tarball lives. */
  file: string;
  /** Whether this call had to run initdb. */
  created: boolean;
  /** What a fresh session on the snapshot reports, the source of psql's automatic variables. */
  facts: SessionFacts;
}

/** The connection facts of a fresh session, identical for every instance started from a snapshot. */
export interface SessionFacts {
  dbname: string;
  user: string;
  encoding: string;
  version: string;
  serverVersion: string;
  serverVersionNum: string;
}

export const SESSION_FACTS_SQL = `SELECT current_database() AS dbname, current_user AS "user",
  current_setting('client_encoding') AS encoding, version() AS version,
  current_setting('server_version') AS "serverVersion", current_setting('server_version_num') AS "serverVersionNum"`;

export function pgliteVersion(): string {
  const main = require.resolve('@electric-sql/pglite');
  let dir = path.dirname(main);
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `PGSHIFT_CACHE_DIR`, else `node_modules/.cache/pgshift` of the nearest project above cwd, else the temp folder. */
export function cacheDir(cwd = process.cwd(), env = process.env): string {
  if (env.PGSHIFT_CACHE_DIR) return path.resolve(cwd, env.PGSHIFT_CACHE_DIR);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const modules = path.join(dir, 'node_modules');
    if (existsSync(modules) && statSync(modules).isDirectory()) return path.join(modules, '.cache', 'pgshift');
    if (path.dirname(dir) === dir) break;
  }
  return path.join(os.tmpdir(), 'pgshift-cache');
}

export function snapshotFile(dir = cacheDir()): string {
  return path.join(dir, `pglite-${pgliteVersion()}-datadir-${SNAPSHOT_LAYOUT}.tgz`);
}

/** Names the cluster settings below in the cache file, so that a snapshot built with others is not reused. */
const SNAPSHOT_LAYOUT = 'wal1-sb16';

/**
 * Every instance start unpacks the whole data directory into memory and PostgreSQL then zeroes
 * its buffer pool, so the snapshot is built for a small, short-lived cluster: 1 MB WAL segments
 * (initdb's one 16 MB segment is 40 % of the tarball, and mostly zeros), and 16 MB of shared
 * buffers instead of 128 MB (the data files live in memory anyway, so a smaller pool costs a copy,
 * not a read from disk). An instance starts in about 60 % of the time (bench/embedded.js).
 */
const INITDB_PARAMS = ['--wal-segsize=1'];
const CLUSTER_SETTING = "ALTER SYSTEM SET shared_buffers = '16MB'";

const loaded = new Map<string, Promise<Snapshot>>();

/** The snapshot for the cache file, built once per process and file. */
export function loadSnapshot(file = snapshotFile()): Promise<Snapshot> {
  let snapshot = loaded.get(file);
  if (!snapshot) {
    snapshot = readOrBuild(file);
    loaded.set(file, snapshot);
    snapshot.catch(() => loaded.delete(file));
  }
  return snapshot;
}

async function readOrBuild(file: string): Promise<Snapshot> {
  const cached = readCached(file);
  if (cached) {
    const tar = new Blob([cached]);
    let facts = readFacts(factsFile(file));
    if (!facts) {
      // A snapshot written without its facts (or whose facts file was lost): learn them once.
      const pg = await PGlite.create({ loadDataDir: tar });
      try {
        facts = (await pg.query<SessionFacts>(SESSION_FACTS_SQL)).rows[0];
      } finally {
        await pg.close();
      }
      writeAtomically(factsFile(file), Buffer.from(JSON.stringify(facts, null, 2)));
    }
    return { tar, file, created: false, facts };
  }
  const pg = await PGlite.create({ initDbStartParams: INITDB_PARAMS });
  let gz: Buffer;
  let facts: SessionFacts;
  try {
    facts = (await pg.query<SessionFacts>(SESSION_FACTS_SQL)).rows[0];
    await pg.exec(CLUSTER_SETTING);
    // A checkpoint first, so that instances started from the snapshot have no WAL to replay.
    await pg.exec('CHECKPOINT');
    gz = Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer());
  } finally {
    await pg.close();
  }
  writeAtomically(factsFile(file), Buffer.from(JSON.stringify(facts, null, 2)));
  writeAtomically(file, gz);
  return { tar: new Blob([gunzipSync(gz)]), file, created: true, facts };
}

function factsFile(file: string): string {
  return `${file.replace(/\.tgz$/, '')}.facts.json`;
}

function readFacts(file: string): SessionFacts | undefined {
  try {
    const facts = JSON.parse(readFileSync(file, 'utf8')) as Partial<SessionFacts>;
    const keys: (keyof SessionFacts)[] = ['dbname', 'user', 'encoding', 'version', 'serverVersion', 'serverVersionNum'];
    return keys.every((k) => typeof facts[k] === 'string') ? (facts as SessionFacts) : undefined;
  } catch {
    return undefined;
  }
}

/** The cached tarball, uncompressed; undefined when missing or unreadable (a partial or foreign file). */
function readCached(file: string): Buffer | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return gunzipSync(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Concurrent processes may build the same snapshot; each writes a temp file and renames it into place. */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // An unwritable cache only costs the next start another initdb.
    rmSync(tmp, { force: true });
  }
}
