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

/**
 * A Docker daemon that answers a ping, and a PostgreSQL image for the tests: PGSHIFT_TEST_DOCKER_IMAGE,
 * else the one scripts/docker-local-image.sh builds from this machine's PostgreSQL (no registry
 * needed). Probed on first use only, so that suites without Docker pay nothing.
 */
export const docker: Component = {
  name: 'Docker',
  get missing() {
    return probeDocker().missing;
  },
};

/** The image that Docker tests run. */
export function dockerImage(): string {
  const probe = probeDocker();
  if (probe.image === undefined) throw new Error(`Docker is not available: ${probe.missing}`);
  return probe.image;
}

let dockerProbe: { missing?: string; image?: string } | undefined;

function probeDocker(): { missing?: string; image?: string } {
  if (dockerProbe !== undefined) return dockerProbe;
  const ping = "new (require('dockerode'))().ping().then(() => process.exit(0), (e) => { process.stderr.write(String(e.code || e.message)); process.exit(1); })";
  try {
    execFileSync(process.execPath, ['-e', ping], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  } catch (err) {
    const detail = String((err as { stderr?: Buffer }).stderr ?? '').trim();
    dockerProbe = { missing: `the Docker daemon does not answer a ping (${detail || 'no answer'}); start dockerd or set DOCKER_HOST` };
    return dockerProbe;
  }
  const preset = process.env.PGSHIFT_TEST_DOCKER_IMAGE;
  if (preset) {
    dockerProbe = { image: preset };
    return dockerProbe;
  }
  try {
    const out = execFileSync(path.join(repoRoot, 'scripts/docker-local-image.sh'), [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    const image = out.trimEnd().split('\n').pop() ?? '';
    dockerProbe = image === '' ? { missing: 'scripts/docker-local-image.sh printed no image name' } : { image };
  } catch (err) {
    const detail = String((err as { stderr?: Buffer | string }).stderr ?? '').trim().split('\n').pop();
    dockerProbe = { missing: `scripts/docker-local-image.sh failed (${detail || 'no output'})` };
  }
  return dockerProbe;
}
