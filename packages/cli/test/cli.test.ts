import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/main';
import type { Io } from '../src/io';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

async function pgshift(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

describe('pgshift command line', () => {
  test('prints usage and exits 0 with --help, 1 for an unknown command', async () => {
    const help = await pgshift('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('migrations add');
    const unknown = await pgshift('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  test('diff --help documents sources and exit codes', async () => {
    const r = await pgshift('diff', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--exit-code/);
    expect(r.stdout).toMatch(/sqitch\.plan/);
  });

  test('a missing option is one paragraph naming it, exit 1, no stack trace', async () => {
    const r = await pgshift('diff', '--to', fixture('a.sql'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--from is required');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unknown option is refused', async () => {
    const r = await pgshift('diff', '--from', 'empty', '--to', 'empty', '--colour');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("'--colour'");
  });

  test('passwords in URLs never reach the output', async () => {
    const r = await pgshift('diff', '--from', 'postgres://admin:s3cret-pass@127.0.0.1:1/nowhere', '--to', 'empty');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('postgres://admin:****@127.0.0.1:1/nowhere');
    expect(r.stderr).not.toContain('s3cret-pass');
  });

  describe('on the embedded engine', () => {
    jest.setTimeout(120_000);

    test('diff prints the migration on stdout; --exit-code gives 2 when there are differences', async () => {
      const r = await pgshift('diff', '--from', fixture('a.sql'), '--to', fixture('b.sql'), '--exit-code');
      expect(r.code).toBe(2);
      expect(r.stdout).toContain('ALTER TABLE "public"."items" ADD COLUMN "price" numeric(10,2) DEFAULT 0');
      expect(r.stdout).toContain('CREATE VIEW "public"."item_names"');
      expect(r.stdout.indexOf('ADD COLUMN "price"')).toBeLessThan(r.stdout.indexOf('CREATE VIEW'));
      expect(r.stderr).toMatch(/hazard: /);
    });

    test('diff warns of objects of a kind it does not migrate, naming each, on stderr', async () => {
      const r = await pgshift('diff', '--from', 'empty', '--to', fixture('operator-family.sql'));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('CREATE TABLE "public"."t"');
      expect(r.stdout).not.toContain('OPERATOR');
      expect(r.stderr).toContain('warning: operator family public.pair_ops using btree is only in --to: pgshift does not migrate an operator family; create it by hand');
    });

    test('diff prints the plain form; --online the form migrations add writes, without blocking writers', async () => {
      const plain = await pgshift('diff', '--from', fixture('online-a.sql'), '--to', fixture('online-b.sql'));
      expect(plain.code).toBe(0);
      expect(plain.stdout).toContain('CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id);');
      expect(plain.stdout).toMatch(/^ALTER TABLE "public"."orders" ALTER COLUMN "note" SET NOT NULL;$/m);
      const online = await pgshift('diff', '--from', fixture('online-a.sql'), '--to', fixture('online-b.sql'), '--online');
      expect(online.code).toBe(0);
      expect(online.stdout).toMatch(/REFERENCES public\.customers\(id\) NOT VALID;\n[^]*VALIDATE CONSTRAINT "orders_customer_id_fkey";/);
      expect(online.stdout).toMatch(/-- runs outside a transaction block\nDROP INDEX CONCURRENTLY IF EXISTS "public"."orders_customer_idx";\nCREATE INDEX CONCURRENTLY orders_customer_idx ON public.orders USING btree \(customer_id\);/);
      expect(online.stdout.indexOf('CREATE INDEX CONCURRENTLY')).toBeLessThan(online.stdout.indexOf('SET NOT NULL;'));
    });

    test('diff of two equal states prints nothing and exits 0 even with --exit-code', async () => {
      const r = await pgshift('diff', '--from', fixture('a.sql'), '--to', fixture('a.sql'), '--exit-code');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
    });

    test('a syntax error two includes deep is reported at its file:line:column', async () => {
      const r = await pgshift('diff', '--from', 'empty', '--to', fixture('nested'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/nested\/lib\/broken\.sql:5:8: ERROR: {1,2}syntax error at or near "tabel"/);
      expect(r.stderr).toContain('create tabel app.more (id int);');
      expect(r.stderr).toMatch(/included from .*nested\/lib\/tables\.sql:2/);
    });
  });
});

describe('pgshift migrations rebase', () => {
  const copy = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgshift-cli-rebase-'));
    cpSync(fixture('merged'), dir, { recursive: true });
    return dir;
  };
  const plan = (dir: string) => readFileSync(path.join(dir, 'db/migrations/sqitch.plan'), 'utf8');
  const scripts = (dir: string) => ['deploy', 'revert', 'verify'].flatMap((k) => readdirSync(path.join(dir, 'db/migrations', k)).map((f) => `${k}/${f}`)).sort();

  test('--help explains the rule: plan order keeps the first number, generated changes are checked and regenerated', async () => {
    const r = await pgshift('migrations', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pgshift migrations rebase \[--allow-hazards CODES\] \[--dry-run\]/);
    expect(r.stdout).toMatch(/first change to hold a number keeps\s+it/);
    expect(r.stdout).toMatch(/regenerated as the diff from the new base/);
    expect((await pgshift('--help')).stdout).toMatch(/migrations rebase {2}renumber/);
  });

  test('resolves the conflict, renumbers theirs with their tag and requires, and warns on stderr', async () => {
    const dir = copy();
    try {
      const r = await pgshift('migrations', 'rebase', '--project-dir', dir);
      expect({ code: r.code, stderr: r.stderr.split('\n').filter((l) => !l.startsWith('warning: ')).join('') }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toBe(
        [
          'Resolved the git conflict at sqitch.plan:5: kept both sides, ours then theirs',
          'Renamed "0000000002-prices" to "0000000003-prices" (deploy/, revert/, verify/ and the plan line)',
          'Renamed "0000000003-discounts" to "0000000004-discounts" (deploy/, revert/, verify/ and the plan line)',
          'Wrote sqitch.plan: 2 changes renumbered',
          '',
        ].join('\n'),
      );
      expect(r.stderr).toMatch(/^warning: "0000000003-prices" \(was "0000000002-prices"\) is kept as written: /m);
      expect(r.stderr).toMatch(/^warning: "0000000002-prices" is now "0000000003-prices", a new Sqitch change .*must revert it/m);
      expect(plan(dir)).toBe(
        '%syntax-version=1.0.0\n%project=shop\n\n0000000001-initial 2026-01-05T10:00:00Z Ann Planner <ann@example.com> # Initial schema\n' +
          '0000000002-names 2026-01-06T10:00:00Z Ann Planner <ann@example.com> # Names\n' +
          '0000000003-prices 2026-01-06T11:00:00Z Bob Planner <bob@example.com> # Prices\n' +
          '@v2 2026-01-06T12:00:00Z Bob Planner <bob@example.com> # Prices release\n\n' +
          '0000000004-discounts [0000000003-prices] 2026-01-06T13:00:00Z Bob Planner <bob@example.com> # Discounts\n',
      );
      expect(scripts(dir)).toEqual(
        ['0000000001-initial', '0000000002-names', '0000000003-prices', '0000000004-discounts'].flatMap((c) => ['deploy', 'revert', 'verify'].map((k) => `${k}/${c}.sql`)).sort(),
      );
      expect(readFileSync(path.join(dir, 'db/migrations/deploy/0000000003-prices.sql'), 'utf8')).toBe('-- deploy 0000000002-prices\nSELECT 1;\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--dry-run says what it would write and writes nothing', async () => {
    const dir = copy();
    try {
      const before = [plan(dir), scripts(dir)];
      const r = await pgshift('migrations', 'rebase', '--dry-run', '--project-dir', dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Would write sqitch\.plan: 2 changes renumbered\n$/);
      expect([plan(dir), scripts(dir)]).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
