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
