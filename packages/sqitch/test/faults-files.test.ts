/**
 * `migrations add` killed at every step of writing its files: the pgshift process SIGKILLs itself
 * just before its Nth file write or rename (a preloaded module, no shell between). Whatever the
 * moment, the plan is either as it was or complete with every script it names; and the next
 * `migrations add` leaves exactly the tree an uninterrupted run leaves.
 */
import { execFile, spawnSync } from 'child_process';
import { cpSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { repoRoot } from '@pgshift/test-support';
import { cleanup, tempDir } from './helpers';

const launcher = path.join(repoRoot, 'packages/cli/bin/pgshift.js');
const killer = path.join(__dirname, 'fixtures/faults/kill-at.js');
const template = path.join(__dirname, 'fixtures/faults/third');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function add(dir: string, kill?: { on: string; at: number }) {
  const args = [...(kill ? ['--require', killer] : []), launcher, 'migrations', 'add', 'discounts', '--no-diff', '--note', 'Discounts', '--project-dir', dir];
  const env = { ...process.env, SQITCH_FULLNAME: 'Fay Ults', SQITCH_EMAIL: 'fay@example.com', ...(kill ? { PGSHIFT_KILL_ON: kill.on, PGSHIFT_KILL_AT: String(kill.at) } : {}) };
  return spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 60_000 });
}

/** The plan's change names, and whether each has its three scripts. */
function planned(dir: string): { name: string; complete: boolean }[] {
  const plan = readFileSync(path.join(dir, 'db/migrations/sqitch.plan'), 'utf8');
  return plan
    .split('\n')
    .filter((l) => /^\d{10}-/.test(l))
    .map((l) => l.split(' ')[0]!)
    .map((name) => ({
      name,
      complete: ['deploy', 'revert', 'verify'].every((k) => statSync(path.join(dir, 'db/migrations', k, `${name}.sql`), { throwIfNoEntry: false })?.isFile()),
    }));
}

/** Timestamps in the plan differ between runs; everything else must not. */
const withoutTimes = (t: Record<string, string>) =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'T')]));

describe('migrations add killed while writing its files', () => {
  jest.setTimeout(120_000);
  let before: Record<string, string>;
  let expected: Record<string, string>;

  beforeAll(async () => {
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', path.join(repoRoot, 'packages/cli')], { cwd: repoRoot }, (error, stdout) =>
        error ? reject(new Error(`tsc -b packages/cli failed:\n${stdout}`)) : resolve(),
      ),
    );
    const dir = tempDir();
    try {
      cpSync(template, dir, { recursive: true });
      before = tree(dir);
      const clean = add(dir);
      expect(clean.status).toBe(0);
      expected = withoutTimes(tree(dir));
    } finally {
      cleanup(dir);
    }
  }, 240_000);

  const points = [
    ...[0, 1, 2, 3].map((at) => ({ on: 'writeSync', at })),
    ...[0, 1, 2, 3].map((at) => ({ on: 'renameSync', at })),
  ];

  test.each(points.map((p) => [`${p.on} #${p.at}`, p] as const))('killed before %s: the plan never names a missing script; the rerun finishes the job', (_label, point) => {
    const dir = tempDir();
    try {
      cpSync(template, dir, { recursive: true });
      const killed = add(dir, point);
      expect(killed.signal).toBe('SIGKILL');

      const changes = planned(dir);
      expect(changes.every((c) => c.complete)).toBe(true);
      const planBefore = before['db/migrations/sqitch.plan']!;
      const planNow = readFileSync(path.join(dir, 'db/migrations/sqitch.plan'), 'utf8');
      if (planNow === planBefore) {
        // Not committed: every file that was there is as it was.
        const now = tree(dir);
        for (const [file, content] of Object.entries(before)) expect({ file, content: now[file] }).toEqual({ file, content });
        const rerun = add(dir);
        expect(rerun.status).toBe(0);
      } else {
        expect(changes.map((c) => c.name)).toContain('0000000003-discounts');
      }
      expect(withoutTimes(tree(dir))).toEqual(expected);
    } finally {
      cleanup(dir);
    }
  });
});
