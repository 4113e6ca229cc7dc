import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { findPgtapScript, prepareScript, NOT_FOUND_MESSAGE } from '../src/pgtap-install';
import { PgtapError } from '../src/errors';

function shareDir(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pgtap-share-'));
  mkdirSync(path.join(dir, 'extension'));
  for (const f of files) writeFileSync(path.join(dir, 'extension', f), '-- pgTAP\n');
  return dir;
}

describe('findPgtapScript', () => {
  test('picks the highest version of the full install scripts, never an update script', () => {
    const a = shareDir(['pgtap--1.1.0.sql', 'pgtap--1.2.0--1.10.0.sql', 'pgtap.sql']);
    const b = shareDir(['pgtap--1.10.0.sql', 'pgtap--1.9.0.sql', 'pgtap-core--1.11.0.sql']);
    expect(findPgtapScript([a, b])).toBe(path.join(b, 'extension', 'pgtap--1.10.0.sql'));
  });

  test('falls back to a plain pgtap.sql', () => {
    const a = shareDir(['pgtap.sql', 'pgtap--1.0.0--1.1.0.sql']);
    expect(findPgtapScript([a])).toBe(path.join(a, 'extension', 'pgtap.sql'));
  });

  test('finds nothing where nothing is installed', () => {
    expect(findPgtapScript([shareDir([]), '/nonexistent/share'])).toBeUndefined();
  });
});

describe('prepareScript', () => {
  test('drops the psql guard that extension scripts start with', () => {
    const text = '-- complain if script is sourced in psql\n\\echo Use "CREATE EXTENSION pgtap" to load this file. \\quit\nCREATE FUNCTION pass() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n';
    expect(prepareScript(text, 'pgtap--1.3.0.sql')).toBe('-- complain if script is sourced in psql\nCREATE FUNCTION pass() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n');
  });

  test('refuses a script that needs the C library, naming the file', () => {
    const text = "CREATE FUNCTION pg_version() RETURNS text AS 'MODULE_PATHNAME' LANGUAGE C;\n";
    expect(() => prepareScript(text, '/opt/pgtap--0.20.0.sql')).toThrow(
      expect.objectContaining({ code: 'PGTAP_SCRIPT_NEEDS_C', message: expect.stringContaining('/opt/pgtap--0.20.0.sql') }),
    );
    expect(() => prepareScript(text, 'x')).toThrow(PgtapError);
  });

  test('the message for a missing pgTAP says how to get it', () => {
    expect(NOT_FOUND_MESSAGE).toContain('apt-get install postgresql-15-pgtap');
    expect(NOT_FOUND_MESSAGE).toContain('pgtapScript');
  });
});
