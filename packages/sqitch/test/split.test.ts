import { splitStatements, transactionControl } from '../src';

describe('splitStatements', () => {
  test('splits on semicolons outside quotes, dollar quotes, comments and BEGIN ATOMIC bodies, keeping lines', () => {
    const sql = [
      '-- header; not a statement',
      'BEGIN;',
      "INSERT INTO t VALUES ('a;b', E'c\\';d', \"x;y\");",
      '/* block; /* nested; */ still; */',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;',
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;',
      'COMMIT;',
    ].join('\n');
    const st = splitStatements(sql, 'deploy/x.sql');
    expect(st.map((s) => s.line)).toEqual([2, 3, 5, 6, 7]);
    expect(st[1]!.sql).toBe("INSERT INTO t VALUES ('a;b', E'c\\';d', \"x;y\")");
    expect(st[3]!.sql.endsWith('SELECT 2; END')).toBe(true);
    expect(st.map((s) => transactionControl(s.sql))).toEqual(['begin', undefined, undefined, undefined, 'commit']);
  });

  test('psql meta-commands are refused with file:line', () => {
    expect(() => splitStatements('SELECT 1;\n\\set ON_ERROR_STOP 1\n', 'deploy/x.sql')).toThrow(/deploy\/x.sql:2 uses a psql meta-command/);
  });
});
