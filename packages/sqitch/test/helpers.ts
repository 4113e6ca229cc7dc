import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { serverUrl } from '@pgshift/test-support';

export const planner = { name: 'Ann Planner', email: 'ann@example.com' };

export function tempDir(prefix = 'pgshift-sqitch-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs the real sqitch with a private HOME, so the user's own configuration is never read or written. */
export function sqitch(dir: string, args: string[], extraEnv: Record<string, string> = {}): string {
  const home = path.join(dir, '.home');
  mkdirSync(home, { recursive: true });
  return execFileSync('sqitch', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: home,
      SQITCH_FULLNAME: planner.name,
      SQITCH_EMAIL: planner.email,
      LANG: 'C.UTF-8',
      SQITCH_EDITOR: 'false',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function write(dir: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), content);
}

/** A scratch database on the test server; returns its URL and a function that drops it. */
export async function scratchDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = serverUrl();
  const name = `pgshift_sqitch_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    },
  };
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
