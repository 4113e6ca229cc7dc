import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readScript, readScriptText, ScriptError, statementError, type ScriptItem, type Statement } from '../src';

const fixtures = path.join(__dirname, 'fixtures');
const read = (text: string, options = {}): ScriptItem[] => readScriptText(text, path.join(fixtures, 'inline.sql'), { baseDir: fixtures, ...options });
const sqls = (text: string, options = {}): string[] => read(text, options).filter((i): i is Statement => i.type === 'statement').map((s) => s.sql);
const echoes = (text: string, options = {}): string[] => read(text, options).flatMap((i) => (i.type === 'echo' ? [i.text] : []));
function error(fn: () => unknown): ScriptError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error('expected a ScriptError');
}

describe('statement splitting', () => {
  test('splits on semicolons and drops the semicolon and trailing blanks', () => {
    expect(sqls('select 1;  select 2 ;\nselect 3;')).toEqual(['select 1', 'select 2', 'select 3']);
  });
  test('keeps semicolons inside standard, escape, quoted-identifier and dollar-quoted text', () => {
    expect(sqls(`select '\\'; select E'\\';x', "a;""b";`)).toEqual([`select '\\'`, `select E'\\';x', "a;""b"`]);
    expect(sqls('select $$;$$, $f$ $$; $f$, $1;')).toEqual(['select $$;$$, $f$ $$; $f$, $1']);
  });
  test('an identifier containing $ does not start a dollar quote', () => {
    expect(sqls('select a$b$ from t; select 2;')).toEqual(['select a$b$ from t', 'select 2']);
  });
  test('keeps semicolons inside line comments and nested block comments', () => {
    expect(sqls('select 1 -- a; b\n, /* x /* ; */ ; */ 2;')).toEqual(['select 1 -- a; b\n, /* x /* ; */ ; */ 2']);
  });
  test('does not split inside parentheses', () => {
    expect(sqls('select (1;2); select 3;')).toEqual(['select (1;2)', 'select 3']);
  });
  test('keeps a BEGIN ATOMIC body with CASE … END whole', () => {
    const body = 'create or replace function f(x int) returns int language sql\nbegin atomic\n  select case when x > 0 then 1 else 0 end;\n  select 2;\nend';
    expect(sqls(`${body};\nselect 3;`)).toEqual([body, 'select 3']);
    expect(sqls('create procedure p() begin atomic select 1; end; select 2;')).toEqual(['create procedure p() begin atomic select 1; end', 'select 2']);
  });
  test('a BEGIN transaction statement is not a function body', () => {
    expect(sqls('begin; select case when true then 1 end; commit;')).toEqual(['begin', 'select case when true then 1 end', 'commit']);
  });
  test('leading comments are not part of a statement; its origin is its first token', () => {
    const [s] = read('-- header\n  /* more */  select 1;') as Statement[];
    expect(s.sql).toBe('select 1');
    expect(s.origin).toMatchObject({ line: 2, column: 15 });
  });
  test('a statement ending in a line comment keeps the line break', () => {
    expect(sqls('select 1 -- note\n;')).toEqual(['select 1 -- note\n']);
  });
  test('sends an unterminated final statement at end of file, as psql -f does', () => {
    expect(sqls('select 1;\nselect 2\n')).toEqual(['select 1', 'select 2']);
    expect(sqls('select 1;\n-- only a comment\n')).toEqual(['select 1']);
  });
  test('\\; puts a semicolon in without ending the statement, \\: a colon without interpolation', () => {
    expect(sqls('\\set x 1\nselect 1 \\; select :x \\:x;')).toEqual(['select 1 ; select 1 :x']);
  });
  test('SINGLELINE mode ends statements at line ends', () => {
    expect(sqls('\\set SINGLELINE on\nselect 1\nselect (2,\n3)\n')).toEqual(['select 1', 'select (2,\n3)']);
  });
  test('reads a generated 10k-statement script', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) lines.push(`insert into t values (${i}, 'row ${i}; text', $$x$$) -- c\n;`);
    const items = read(lines.join('\n'));
    expect(items).toHaveLength(10_000);
    expect((items[9_999] as Statement).origin.line).toBe(19_999);
  });
});

describe('COPY FROM stdin', () => {
  test('takes the data lines up to \\. and lexes the rest of the COPY line afterwards', () => {
    const items = readScript('copy.sql', { baseDir: fixtures }) as Statement[];
    expect(items.map((s) => s.sql)).toEqual([
      'create temp table t (a int, b text)',
      'COPY t (a, b) FROM STDIN WITH (FORMAT csv)',
      "select 'after copy'",
      'copy t from stdin',
      'select count(*) from t',
    ]);
    expect(items[1].copyData).toBe('1,"x;y"\n2,:notavar\n');
    expect(items[3].copyData).toBe('3\tthree\n');
    expect(items[4].origin.line).toBe(9);
  });
  test('copy data runs to end of file without \\.', () => {
    const [s] = read('copy t from stdin;\na\nb') as Statement[];
    expect(s.copyData).toBe('a\nb\n');
  });
  test('COPY … TO STDOUT and FROM a file take no data', () => {
    expect(read("copy t to stdout;\ncopy t from '/tmp/x';\nselect 1;").map((i) => (i as Statement).copyData)).toEqual([undefined, undefined, undefined]);
  });
  test('variables are interpolated in the COPY statement but not in its data', () => {
    const [s] = read('\\set tab t\ncopy :tab from stdin;\n:tab\n\\.\n') as Statement[];
    expect(s.sql).toBe('copy t from stdin');
    expect(s.copyData).toBe(':tab\n');
  });
});

describe('variables', () => {
  test(':name is replaced and its value is lexed like script text', () => {
    expect(sqls("\\set t 'select 1; select'\n:t 2;")).toEqual(['select 1', 'select 2']);
  });
  test(":'name' quotes a literal, with E'' when there are backslashes; :\"name\" quotes an identifier", () => {
    expect(sqls("\\set a 'it''s'\n\\set b 'a\\\\b'\n\\set c 'Ab\"c'\nselect :'a', :'b', :\"c\";")).toEqual([
      `select 'it''s',  E'a\\\\b', "Ab""c"`,
    ]);
  });
  test('undefined variables, casts and variables inside quotes, comments and dollar bodies stay as written', () => {
    expect(sqls("\\set x 1\nselect :nope, :'nope', 1::int, ':x', \":x\", $$:x$$ -- :x\n, /* :x */ :x;")).toEqual([
      `select :nope, :'nope', 1::int, ':x', ":x", $$:x$$ -- :x\n, /* :x */ 1`,
    ]);
  });
  test(':{?name} tests whether a variable is defined', () => {
    expect(sqls('\\set x\nselect :{?x}, :{?y};')).toEqual(['select TRUE, FALSE']);
  });
  test('a variable that refers to itself is not expanded again', () => {
    expect(sqls('\\set r \'1 + :r\'\nselect :r;')).toEqual(['select 1 + :r']);
  });
  test('options.variables are visible; psql settings have their defaults', () => {
    expect(sqls('select :DBNAME, :ON_ERROR_STOP;', { variables: { DBNAME: 'db1' } })).toEqual(['select db1, off']);
  });
  test('\\set concatenates its arguments, de-quotes with escapes, interpolates; \\unset removes', () => {
    expect(echoes("\\set a x 'y z' \"q\"\n\\echo :a\n\\set b 'tab\\there\\x41\\101\\303\\251'\n\\echo :b\n\\set c :a:'a'\n\\echo :c\n\\unset a\n\\echo :a")).toEqual([
      'xy z"q"',
      'tab\thereAAé',
      `xy z"q"'xy z"q"'`,
      ':a',
    ]);
  });
  test('\\set without arguments is a no-op, and psql settings are validated as psql does', () => {
    expect(read('\\set\n')).toEqual([]);
    expect(echoes('\\set ON_ERROR_STOP\n\\echo :ON_ERROR_STOP\n\\unset ON_ERROR_STOP\n\\echo :ON_ERROR_STOP\n\\set QUIET 1\n\\echo :QUIET')).toEqual(['on', 'off', '1']);
    expect(error(() => read('\\set ON_ERROR_STOP maybe')).message).toContain('unrecognized value "maybe" for "ON_ERROR_STOP": Boolean expected');
    expect(error(() => read('\\set VERBOSITY loud')).code).toBe('syntax');
    expect(error(() => read('\\set 1a-b x')).message).toContain('invalid variable name');
  });
});

describe('echo', () => {
  test('\\echo, \\qecho and \\warn produce echo items in order with statements; -n drops the line break', () => {
    const items = read("select 1; \\echo hi there\n\\echo -n 'no newline'\n\\qecho q\n\\warn w\n\\echo '-n' x\n\\echo a \\echo b\n\\echo c \\\\ select 2;");
    expect(items.map((i) => (i.type === 'echo' ? `${i.command}:${i.text}:${i.newline}` : i.sql))).toEqual([
      'select 1',
      'echo:hi there:true',
      'echo:no newline:false',
      'qecho:q:true',
      'warn:w:true',
      'echo:-n x:true',
      'echo:a:true',
      'echo:b:true',
      'echo:c:true',
      'select 2',
    ]);
    expect(items[1].origin).toMatchObject({ line: 1, column: 11 });
  });
});

describe('backquotes and the environment', () => {
  test('runs backquotes through /bin/sh with one trailing newline removed and :var/:\'var\' substituted', () => {
    expect(echoes("\\set v 'a  b'\n\\set w 'it''s'\n\\echo `echo :v` `echo :'v'` `echo :'w'` `printf 'x\\n\\n'`")).toEqual(['a b a  b it\'s x\n']);
  });
  test('sees options.env, the env file and \\setenv', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sql-script-'));
    fs.writeFileSync(path.join(dir, '.env'), 'FROM_FILE=file-value\nBOTH=file\n');
    const items = readScriptText('\\echo `echo $FROM_FILE $BOTH $OTHER`\n\\setenv OTHER set\n\\echo `echo $OTHER`\n\\setenv OTHER\n\\echo `echo $OTHER`', path.join(dir, 's.sql'), {
      baseDir: dir,
      env: { PATH: process.env.PATH, BOTH: 'process' },
      envFile: '.env',
    });
    expect(items.map((i) => (i as { text: string }).text)).toEqual(['file-value process', 'set', '']);
  });
  test('a failing backquote is a shell-failed error naming file:line', () => {
    const e = error(() => read('select 1;\n\\set x `echo oops >&2; exit 3`'));
    expect(e.code).toBe('shell-failed');
    expect(e.message).toMatch(/^inline\.sql:2:8: ERROR: .*exit code 3.*oops/);
  });
  test('a missing env file names the option', () => {
    const e = error(() => read('select 1;', { envFile: 'nope.env' }));
    expect(e.code).toBe('env-file');
    expect(e.message).toContain('envFile option');
  });
});

describe('\\if', () => {
  test('takes the first true branch; skipped branches track nesting and run nothing', () => {
    const text = [
      '\\if false',
      "  \\set x `exit 1`",
      '  \\if true \\echo nested \\endif',
      '  select 1;',
      '\\elif 0',
      '  select 2;',
      '\\elif yes',
      '  select 3;',
      '  \\if of',
      '    select 4;',
      '  \\else',
      '    select 5;',
      '  \\endif',
      '\\else',
      '  \\connect other',
      '  select 6;',
      '\\endif',
    ].join('\n');
    expect(sqls(text)).toEqual(['select 3', 'select 5']);
  });
  test('parses booleans like psql: unique prefixes, case-insensitive, on/off need two letters', () => {
    const values = ['t', 'TRUE', 'y', 'on', '1', 'f', 'No', 'OFF', '0'];
    expect(values.map((v) => echoes(`\\if ${v}\n\\echo yes\n\\else\n\\echo no\n\\endif`)[0])).toEqual(['yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'no']);
    expect(error(() => read('\\if o\n\\endif')).message).toContain('unrecognized value "o" for "\\if expression"');
    expect(error(() => read('\\if maybe\n\\endif')).code).toBe('syntax');
  });
  test('unbalanced branches are errors', () => {
    expect(error(() => read('\\else')).message).toContain('no matching \\if');
    expect(error(() => read('\\if 1\n\\else\n\\elif 1\n\\endif')).message).toContain('cannot occur after \\else');
    const e = error(() => read('select 1;\n\\if 1\nselect 2;'));
    expect(e.code).toBe('unterminated');
    expect(e.origin).toMatchObject({ line: 2, column: 1 });
  });
});

describe('meta-commands that would change state are refused', () => {
  test.each(['\\c other', '\\connect db', '\\copy t from x.csv', '\\gexec', '\\gset', '\\g', '\\o out.txt', '\\! ls', '\\cd /', '\\lo_import x', '\\dt', '\\prompt x'])('%s', (command) => {
    const e = error(() => read(`select 1;\n  ${command}\n`));
    expect(e.code).toBe('unsupported-meta');
    expect(e.message).toMatch(new RegExp(`^inline\\.sql:2:3: ERROR: .*\\\\${command.slice(1).split(' ')[0]}`));
  });
  test('unknown commands are invalid', () => {
    expect(error(() => read('\\frobnicate')).message).toContain('invalid command \\frobnicate');
  });
  test('display-only settings are accepted and ignored', () => {
    expect(sqls('\\pset format unaligned\n\\timing on\n\\x\n\\t\n\\a\n\\f ,\n\\H\n\\C title\nselect 1;')).toEqual(['select 1']);
  });
  test('\\q stops reading; \\r empties the query buffer', () => {
    expect(sqls('select 1;\nselect 2 \\r\nselect 3;\n\\q\nselect 4;')).toEqual(['select 1', 'select 3']);
  });
});

describe('includes', () => {
  test('\\ir is relative to the including file, \\i to baseDir; statements keep file, line and include chain', () => {
    const items = readScript('includes/init.sql', { baseDir: fixtures });
    const view = items.map((i) => `${path.relative(fixtures, i.origin.file)}:${i.origin.line}:${i.origin.column} ${i.type === 'echo' ? '\\echo ' + i.text : i.sql.split('\n')[0]}`);
    expect(view).toEqual([
      'includes/init.sql:3:1 create schema "app"',
      'includes/api/todos.sql:1:1 \\echo loading todos',
      'includes/api/todos.sql:2:1 create table "app".todos (',
      'includes/api/todos.sql:6:1 select *',
      'includes/plain.sql:1:1 select \'plain\'',
      "includes/init.sql:6:1 select 'done'",
    ]);
    const todos = items[3] as Statement;
    expect(todos.includeChain.map((o) => `${path.relative(fixtures, o.file)}:${o.line}`)).toEqual(['includes/init.sql:4']);
  });
  test('a missing include names the file, the line and the include chain', () => {
    const e = error(() => readScript('includes/missing.sql', { baseDir: fixtures }));
    expect(e.code).toBe('include-missing');
    expect(e.message).toBe('includes/missing.sql:2:1: ERROR: cannot include includes/api/nope.sql: no such file\n\\ir api/nope.sql\n^');
  });
  test('onFile names every file read or tried: the script, its includes (a missing one too) and the env file', () => {
    const seen: string[] = [];
    const env = path.join(os.tmpdir(), `pgshift-onfile-${process.pid}.env`);
    fs.writeFileSync(env, 'A=1\n');
    try {
      readScript('includes/init.sql', { baseDir: fixtures, envFile: env, onFile: (file) => seen.push(file) });
    } finally {
      fs.rmSync(env, { force: true });
    }
    const fixture = (file: string) => path.join(fixtures, file);
    expect(seen).toEqual([fixture('includes/init.sql'), env, fixture('includes/api/todos.sql'), fixture('includes/plain.sql')]);
    seen.length = 0;
    error(() => readScript('includes/missing.sql', { baseDir: fixtures, onFile: (file) => seen.push(file) }));
    expect(seen).toEqual([fixture('includes/missing.sql'), fixture('includes/api/nope.sql')]);
  });
  test('an include cycle is an error showing the chain', () => {
    const e = error(() => readScript('cycle/a.sql', { baseDir: fixtures }));
    expect(e.code).toBe('include-cycle');
    expect(e.message).toBe(
      'cycle/b.sql:2:1: ERROR: include cycle: cycle/a.sql -> cycle/b.sql -> cycle/a.sql\n\\ir a.sql\n^\n  included from cycle/a.sql:2',
    );
  });
});

describe('unterminated text at end of file', () => {
  test.each([
    ["select 'abc;\n", 'quoted string', 1, 8],
    ["select E'a\\';\n", 'escape string', 1, 8],
    ['select "abc;\n', 'quoted identifier', 1, 8],
    ['select 1;\nselect $x$ body;\n', 'dollar-quoted string ($x$)', 2, 8],
    ['select 1 /* a /* b */;\n', 'comment', 1, 10],
  ])('%j', (text, what, line, column) => {
    const e = error(() => read(text));
    expect(e.code).toBe('unterminated');
    expect(e.message).toContain(`unterminated ${what}`);
    expect(e.origin).toMatchObject({ line, column });
  });
  test('an unterminated quote in a meta-command argument', () => {
    expect(error(() => read("\\echo 'abc\nselect 1;")).code).toBe('unterminated');
  });
});

describe('locate and statementError', () => {
  test('maps server positions to file positions, through interpolated values', () => {
    const [s] = read("\\set tbl 'my_table'\nselect a,\n  :tbl.b, 'é😀' frm x;") as Statement[];
    expect(s.sql).toBe("select a,\n  my_table.b, 'é😀' frm x");
    expect(s.locate(1)).toMatchObject({ line: 2, column: 1 });
    expect(s.locate(s.sql.indexOf('my_table.b') + 4)).toMatchObject({ line: 3, column: 3 }); // inside the value
    expect(s.locate(s.sql.indexOf('.b') + 1)).toMatchObject({ line: 3, column: 7 });
    // The server counts the emoji as one character.
    expect(s.locate(Array.from(s.sql).indexOf('f') + 1)).toMatchObject({ line: 3, column: 16 });
  });
  test('statementError shows file:line:column, the line with a caret, DETAIL, HINT and the include chain', () => {
    const items = readScript('includes/init.sql', { baseDir: fixtures });
    const s = items[3] as Statement;
    const e = statementError(s, { message: 'syntax error at or near "frm"', position: String(s.sql.indexOf('frm') + 1), detail: 'd', hint: 'h', severity: 'ERROR', code: '42601' });
    expect(e.code).toBe('sql');
    expect(e.sqlState).toBe('42601');
    expect(e.message).toBe(
      ['includes/api/todos.sql:7:3: ERROR: syntax error at or near "frm"', '  frm todos', '  ^', 'DETAIL:  d', 'HINT:  h', '  included from includes/init.sql:4'].join('\n'),
    );
    expect(statementError(s, { message: 'boom' }).origin).toEqual(s.origin);
  });
});
