/**
 * Tests that need a component outside Node (a PostgreSQL server, Docker, sqitch, pgTAP, ../shared)
 * declare it here. Without the component the suite skips with a one-line reason; with
 * PGSHIFT_REQUIRE_ALL=1 the missing component is a failing test instead.
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

export const requireAll = process.env.PGSHIFT_REQUIRE_ALL === '1';

export interface Component {
  name: string;
  /** Why it is missing, or undefined when it is present. */
  missing: string | undefined;
}

export function describeWith(components: Component[], title: string, body: () => void): void {
  const missing = components.filter((c) => c.missing !== undefined);
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = missing.map((c) => `${c.name}: ${c.missing}`).join('; ');
  if (requireAll) {
    describe(title, () => {
      test(`requires ${missing.map((c) => c.name).join(', ')}`, () => {
        throw new Error(`PGSHIFT_REQUIRE_ALL=1 but ${reason}`);
      });
    });
    return;
  }
  process.stderr.write(`skip: ${title} (${reason})\n`);
  describe.skip(title, body);
}

/** A PostgreSQL server reachable as admin through PGSHIFT_DATABASE_URL. */
export const postgresServer: Component = {
  name: 'PostgreSQL server',
  missing: process.env.PGSHIFT_DATABASE_URL ? undefined : 'set PGSHIFT_DATABASE_URL to an admin URL of a running server',
};

export function serverUrl(): string {
  const url = process.env.PGSHIFT_DATABASE_URL;
  if (!url) throw new Error('PGSHIFT_DATABASE_URL is not set');
  return url;
}

function onPath(command: string, args: string[] = ['--version']): string | undefined {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    return undefined;
  } catch {
    return `\`${command}\` is not installed`;
  }
}

export const pgDump: Component = { name: 'pg_dump', missing: onPath('pg_dump') };
export const sqitchCli: Component = { name: 'sqitch', missing: onPath('sqitch') };

export const sharedDir = path.resolve(__dirname, '../../shared');
export const sharedCorpus: Component = {
  name: '../shared corpus',
  missing: existsSync(path.join(sharedDir, 'corpus')) ? undefined : `${sharedDir}/corpus not found`,
};

export const repoRoot = path.resolve(__dirname, '..');
