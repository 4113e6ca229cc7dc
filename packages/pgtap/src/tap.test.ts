import { filePassed, isFailure, parseTap, TapParser } from './tap';

describe('parseTap', () => {
  test('reads a plan at the start and passing tests', () => {
    const r = parseTap('1..2\nok 1 - first\nok 2 - second\n');
    expect(r.plan).toEqual({ count: 2 });
    expect(r.assertions.map((a) => [a.n, a.ok, a.description])).toEqual([
      [1, true, 'first'],
      [2, true, 'second'],
    ]);
    expect(r.planMismatch).toBeUndefined();
    expect(filePassed(r)).toBe(true);
  });

  test('accepts the plan at the end, as no_plan() and finish() print it', () => {
    const r = parseTap('ok 1 - a\nok 2 - b\n1..2\n');
    expect(r.plan).toEqual({ count: 2 });
    expect(r.planMismatch).toBeUndefined();
    expect(filePassed(r)).toBe(true);
  });

  test('attaches the diagnostics that follow a failure to it, and keeps the summary apart', () => {
    const r = parseTap(
      [
        '1..2',
        'ok 1 - fine',
        'not ok 2 - counts match',
        '# Failed test 2: "counts match"',
        '#         have: 3',
        '#         want: 4',
        '# Looks like you failed 1 test of 2',
      ].join('\n'),
    );
    const failed = r.assertions[1];
    expect(failed.ok).toBe(false);
    expect(isFailure(failed)).toBe(true);
    expect(failed.diagnostics).toEqual(['Failed test 2: "counts match"', '        have: 3', '        want: 4']);
    expect(r.comments).toEqual(['Looks like you failed 1 test of 2']);
    expect(filePassed(r)).toBe(false);
  });

  test('a failing test under TODO does not fail the file', () => {
    const r = parseTap('1..1\nnot ok 1 - not yet # TODO fix the view\n#   Failed (TODO) test 1: "not yet"\n');
    expect(r.assertions[0].directive).toEqual({ kind: 'todo', reason: 'fix the view' });
    expect(r.assertions[0].description).toBe('not yet');
    expect(isFailure(r.assertions[0])).toBe(false);
    expect(filePassed(r)).toBe(true);
  });

  test('reads SKIP as pgTAP prints it, without a description', () => {
    const r = parseTap('1..2\nok 1 # SKIP no pgcrypto here\nok 2 - real # skip\n');
    expect(r.assertions[0]).toMatchObject({ ok: true, description: '', directive: { kind: 'skip', reason: 'no pgcrypto here' } });
    expect(r.assertions[1]).toMatchObject({ description: 'real', directive: { kind: 'skip', reason: '' } });
  });

  test('a hash without TODO or SKIP, or an escaped one, stays in the description', () => {
    const r = parseTap('1..2\nok 1 - issue # 42 is fixed\nok 2 - literal \\# TODO here\n');
    expect(r.assertions[0]).toMatchObject({ description: 'issue # 42 is fixed' });
    expect(r.assertions[0].directive).toBeUndefined();
    expect(r.assertions[1]).toMatchObject({ description: 'literal # TODO here' });
    expect(r.assertions[1].directive).toBeUndefined();
  });

  test('reports fewer tests than planned, as when a file dies halfway', () => {
    const r = parseTap('1..3\nok 1 - a\n');
    expect(r.planMismatch).toBe('planned 3 tests but ran 1');
    expect(filePassed(r)).toBe(false);
  });

  test('reports more tests than planned', () => {
    const r = parseTap('1..1\nok 1 - a\nok 2 - b\n# Looks like you planned 1 test but ran 2\n');
    expect(r.planMismatch).toBe('planned 1 test but ran 2');
    expect(r.comments).toEqual(['Looks like you planned 1 test but ran 2']);
  });

  test('reports tests without any plan', () => {
    expect(parseTap('ok 1 - a\n').planMismatch).toBe('no plan: ran 1 test without one');
    expect(parseTap('').planMismatch).toBe('no plan and no tests');
  });

  test('reports a second plan and a plan in the middle', () => {
    expect(parseTap('1..1\nok 1\n1..1\n').planMismatch).toBe('more than one plan');
    expect(parseTap('ok 1\n1..2\nok 2\n').planMismatch).toBe('the plan came after test 1 of 2, not at the start or the end');
  });

  test('reports tests out of sequence', () => {
    const r = parseTap('1..2\nok 1\nok 3\n');
    expect(r.planMismatch).toBe('test 3 came where test 2 was expected');
  });

  test('numbers tests that carry no number by position', () => {
    const r = parseTap('1..2\nok - a\nnot ok\n');
    expect(r.assertions.map((a) => [a.n, a.ok, a.description])).toEqual([
      [1, true, 'a'],
      [2, false, ''],
    ]);
  });

  test('stops at Bail out! and keeps its reason; a bail out is not a plan mismatch', () => {
    const r = parseTap('1..3\nok 1 - a\nBail out! the schema did not load\nok 2 - ignored\n');
    expect(r.bailedOut).toBe('the schema did not load');
    expect(r.assertions).toHaveLength(1);
    expect(r.planMismatch).toBeUndefined();
    expect(filePassed(r)).toBe(false);
  });

  test('a bail out without a reason is still a bail out', () => {
    expect(parseTap('Bail out!').bailedOut).toBe('');
  });

  test('reads a skip-all plan', () => {
    const r = parseTap('1..0 # SKIP no server extensions\n');
    expect(r.plan).toEqual({ count: 0, skipAll: 'no server extensions' });
    expect(filePassed(r)).toBe(true);
  });

  test('splits values that hold several lines, as pgTAP functions return them', () => {
    const p = new TapParser();
    p.line('1..1');
    p.line('not ok 1 - eq\n# Failed test 1: "eq"\n#         have: 1\n#         want: 2');
    const r = p.end();
    expect(r.assertions[0].diagnostics).toEqual(['Failed test 1: "eq"', '        have: 1', '        want: 2']);
  });

  test('streams chunks that cut lines anywhere, and a last line without newline', () => {
    const text = '1..2\nok 1 - a\nnot ok 2 - b\n# why';
    const p = new TapParser();
    for (const ch of text) p.write(ch);
    const r = p.end();
    expect(r.assertions.map((a) => a.ok)).toEqual([true, false]);
    expect(r.assertions[1].diagnostics).toEqual(['why']);
    expect(r.planMismatch).toBeUndefined();
  });

  test('accepts CRLF line ends, a TAP version line and comments before the first test', () => {
    const r = parseTap('TAP version 13\r\n# starting\r\n1..1\r\nok 1 - a\r\n');
    expect(r.comments).toEqual(['starting']);
    expect(r.assertions[0].description).toBe('a');
    expect(filePassed(r)).toBe(true);
  });

  test('keeps a YAML block as the diagnostics of its test', () => {
    const r = parseTap('1..1\nnot ok 1 - a\n  ---\n  message: boom\n  got: 1\n  ...\n');
    expect(r.assertions[0].diagnostics).toEqual(['message: boom', 'got: 1']);
  });

  test('indented subtest lines do not count as tests of the file', () => {
    const r = parseTap('1..1\n    # Subtest: test_a\n    ok 1 - inner\n    1..1\nok 1 - test_a\n');
    expect(r.assertions).toHaveLength(1);
    expect(r.planMismatch).toBeUndefined();
  });

  test('lines that are not TAP never count as tests', () => {
    const r = parseTap('1..1\nhello from echo\nok 1 - a\n42\n');
    expect(r.comments).toEqual(['hello from echo']);
    expect(r.assertions[0].diagnostics).toEqual(['42']);
    expect(filePassed(r)).toBe(true);
  });

  test('an ok test under TODO (unexpectedly passing) keeps its directive', () => {
    const r = parseTap('1..1\nok 1 - works now # TODO was broken\n');
    expect(r.assertions[0]).toMatchObject({ ok: true, description: 'works now', directive: { kind: 'todo', reason: 'was broken' } });
  });
});
