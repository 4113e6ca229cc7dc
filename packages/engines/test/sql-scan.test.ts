import { copyFromStdin, createdExtensions } from '../src/sql-scan';

describe('createdExtensions', () => {
  test('finds names with and without IF NOT EXISTS, quoted or not, in any case', () => {
    expect(createdExtensions('create extension pgcrypto; CREATE EXTENSION IF NOT EXISTS "uuid-ossp" SCHEMA x;\nCreate Extension Citext')).toEqual([
      'pgcrypto',
      'uuid-ossp',
      'citext',
    ]);
  });

  test('ignores the words inside comments, literals, quoted identifiers and dollar-quoted bodies', () => {
    const sql = [
      '-- create extension a',
      '/* create /* nested */ extension b */',
      "SELECT 'create extension c', E'it\\'s create extension d', \"create extension e\";",
      'DO $body$ BEGIN EXECUTE $$create extension f$$; END $body$;',
      'CREATE EXTENSION g;',
    ].join('\n');
    expect(createdExtensions(sql)).toEqual(['g']);
  });

  test('does not take DROP EXTENSION or COMMENT ON EXTENSION for a creation', () => {
    expect(createdExtensions('DROP EXTENSION hstore; COMMENT ON EXTENSION citext IS $$x$$')).toEqual([]);
  });
});

describe('copyFromStdin', () => {
  test('locates STDIN in COPY … FROM STDIN with a column list and options', () => {
    const sql = 'COPY app."my table" (a, "from") FROM stdin WITH (FORMAT csv)';
    const token = copyFromStdin(sql);
    expect(token && sql.slice(token.start, token.start + token.length)).toBe('stdin');
  });

  test('is undefined for other statements and for COPY from a file', () => {
    expect(copyFromStdin("COPY t FROM '/tmp/x'")).toBeUndefined();
    expect(copyFromStdin('COPY t TO STDOUT')).toBeUndefined();
    expect(copyFromStdin("SELECT 'COPY t FROM STDIN'")).toBeUndefined();
  });
});
