import { parseTap } from '../tap';
import { filePassed } from '../tap';
import { summarize } from '../summary';
import type { FileResult } from '../types';
import { escapeXml, toJunitXml } from './junit';
import { formatFile, formatRun, formatSummary } from './terminal';

function file(name: string, tap: string, extra: Partial<FileResult> = {}): FileResult {
  const r = { ...parseTap(tap), ...extra };
  return { ...r, file: name, durationMs: 120, passed: filePassed(r) };
}

const passing = file('tests/db/structure.sql', '1..2\nok 1 - has table\nok 2 - has view\n');
const failing = file(
  'tests/db/rls.sql',
  '1..3\nok 1 - alice sees hers\nnot ok 2 - bob sees none\n# Failed test 2: "bob sees none"\n#         have: 1\n#         want: 0\nok 3 # SKIP no roles\n# Looks like you failed 1 test of 3\n',
);
const sqlError = file('tests/db/api.sql', '1..4\nok 1 - a\n', {
  error: 'tests/db/api.sql:12:8: relation "api.nope" does not exist',
  errorLocation: { file: 'tests/db/api.sql', line: 12, column: 8 },
});

describe('terminal reporter', () => {
  test('a passing file is one PASS line without its assertions', () => {
    expect(formatFile(passing)).toBe(' PASS  tests/db/structure.sql (0.12 s)\n');
  });

  test('a failing file lists the failing assertion with its diagnostics indented', () => {
    expect(formatFile(failing)).toBe(
      [
        ' FAIL  tests/db/rls.sql (0.12 s)',
        '  ✕ 2 - bob sees none',
        '      Failed test 2: "bob sees none"',
        '              have: 1',
        '              want: 0',
        '',
      ].join('\n'),
    );
  });

  test('verbose lists passing, skipped and todo assertions too', () => {
    const withTodo = file('t.sql', '1..3\nok 1 - a\nok 2 # SKIP later\nnot ok 3 - b # TODO soon\n');
    expect(formatFile(withTodo, { verbose: true }).split('\n').slice(1, 4)).toEqual([
      '  ✓ 1 - a',
      '  ○ skipped 2 (later)',
      '  ✎ todo 3 - b (soon)',
    ]);
  });

  test('an SQL error names file:line and the plan mismatch it causes', () => {
    const out = formatFile(sqlError);
    expect(out).toContain(' FAIL  tests/db/api.sql');
    expect(out).toContain('● SQL error tests/db/api.sql:12:8: relation "api.nope" does not exist');
    expect(out).toContain('● Plan planned 4 tests but ran 1');
  });

  test('the lines under an SQL error (source line, caret, hint) are indented under it', () => {
    const r = file('e.sql', '1..1\n', { error: 'e.sql:3:15: ERROR: relation "nope" does not exist\nselect * from nope;\n              ^' });
    expect(formatFile(r).split('\n').slice(1, 4)).toEqual([
      '  ● SQL error e.sql:3:15: ERROR: relation "nope" does not exist',
      '      select * from nope;',
      '                    ^',
    ]);
  });

  test('a bail out is reported with its reason', () => {
    expect(formatFile(file('b.sql', '1..2\nBail out! no schema\n'))).toContain('● Bail out! no schema');
  });

  test('the totals read like jest', () => {
    const summary = summarize([passing, failing, sqlError], 1234);
    expect(formatSummary(summary)).toBe(
      ['Files: 2 failed, 1 passed, 3 total', 'Tests: 1 failed, 1 skipped, 4 passed, 6 total', 'Time:  1.23 s', ''].join('\n'),
    );
    expect(summary.success).toBe(false);
  });

  test('colors only when asked to', () => {
    expect(formatRun(summarize([failing], 10))).not.toMatch(/\u001b\[/);
    expect(formatRun(summarize([failing], 10), { color: true })).toMatch(/\u001b\[1;41;97m FAIL \u001b\[0m/);
  });
});

/** A strict little well-formedness check: balanced tags, quoted attributes, no raw `<` or `&` in text. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}
function parseXml(xml: string): Node {
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const decode = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(s)) throw new Error(`bare & in ${s}`);
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  };
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = token.exec(body))) {
    at = token.lastIndex;
    if (m[1]) {
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new Error(`</${m[1]}> closes <${open?.name}>`);
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3].matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = decode(a[2]);
      const node: Node = { name: m[2], attrs, children: [], text: '' };
      stack[stack.length - 1].children.push(node);
      if (!m[4]) stack.push(node);
    } else {
      stack[stack.length - 1].text += decode(m[5]);
    }
  }
  if (at !== body.length) throw new Error(`not XML at ${body.slice(at, at + 40)}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new Error('more than one root element');
  return root.children[0];
}

describe('JUnit reporter', () => {
  test('writes one suite per file and one case per assertion, with counts', () => {
    const xml = toJunitXml(summarize([passing, failing, sqlError], 1500));
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '8', failures: '2', errors: '1', skipped: '1', time: '1.500' });
    expect(root.children.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors])).toEqual([
      ['tests/db/structure.sql', '2', '0', '0'],
      ['tests/db/rls.sql', '3', '1', '0'],
      ['tests/db/api.sql', '3', '1', '1'],
    ]);
    const rls = root.children[1].children;
    expect(rls.map((c) => c.attrs.name)).toEqual(['1 - alice sees hers', '2 - bob sees none', '3']);
    expect(rls[1].children[0]).toMatchObject({ name: 'failure', attrs: { message: 'Failed test 2: "bob sees none"' } });
    expect(rls[1].children[0].text).toBe('Failed test 2: "bob sees none"\n        have: 1\n        want: 0');
    expect(rls[2].children[0]).toMatchObject({ name: 'skipped', attrs: { message: 'SKIP no roles' } });
    const api = root.children[2].children;
    expect(api[1].children[0]).toMatchObject({ name: 'error', attrs: { message: 'tests/db/api.sql:12:8: relation "api.nope" does not exist' } });
    expect(api[2].children[0]).toMatchObject({ name: 'failure', attrs: { message: 'planned 4 tests but ran 1' } });
  });

  test('escapes markup and drops characters XML cannot hold', () => {
    const nasty = file('a&b<c>.sql', '1..1\nnot ok 1 - x < y & "z" \'w\'\n# have: <tag> & \u0007bell ]]>\n');
    const xml = toJunitXml(summarize([nasty], 1));
    const root = parseXml(xml);
    const c = root.children[0].children[0];
    expect(root.children[0].attrs.name).toBe('a&b<c>.sql');
    expect(c.attrs.name).toBe('1 - x < y & "z" \'w\'');
    expect(c.children[0].text).toBe('have: <tag> & \uFFFDbell ]]>');
    expect(escapeXml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  test('a bail out is an error case', () => {
    const root = parseXml(toJunitXml(summarize([file('b.sql', '1..2\nok 1\nBail out! gone\n')], 1)));
    expect(root.children[0].children[1]).toMatchObject({ attrs: { name: 'Bail out!' } });
    expect(root.children[0].children[1].children[0]).toMatchObject({ name: 'error', attrs: { message: 'Bail out! gone' } });
  });
});
