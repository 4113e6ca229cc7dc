import { addChange, addTag, formatPlan, parsePlan, PlanError, reworkChange, scriptPath, dependencyString } from '../src';
import { planner } from './helpers';

const text = [
  '%syntax-version=1.0.0',
  '%project=flipr',
  '%uri=https://github.com/example/flipr/',
  '',
  '# The first release.',
  'users 2026-11-25T10:00:00Z Ann Planner <ann@example.com> # Creates users.\\nTwo lines, a \\\\ backslash.',
  '  widgets  [users !gizmos other:thing]   2026-11-25T10:01:00Z   Ann Planner <ann@example.com>#no space',
  '@v1.0 2026-11-25T10:02:00Z Ann Planner <ann@example.com> # Tag v1',
  '',
  'more 2026-11-25T10:03:00Z Bob <bob@example.com>',
  'users [users@v1.0] 2026-11-25T10:04:00Z Ann Planner <ann@example.com> # rework',
  '',
].join('\n');

function errorOf(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
  throw new Error('expected a PlanError');
}

describe('sqitch.plan', () => {
  test('parses pragmas, changes, dependencies, tags, notes and reworked changes', () => {
    const plan = parsePlan(text, 'sqitch.plan');
    expect(plan.project).toBe('flipr');
    expect(plan.uri).toBe('https://github.com/example/flipr/');
    expect(plan.changes.map((c) => c.name)).toEqual(['users', 'widgets', 'more', 'users']);
    const [users, widgets, , users2] = plan.changes;
    expect(users!.note).toBe('Creates users.\nTwo lines, a \\ backslash.');
    expect(widgets!.requires.map((d) => dependencyString(plan, d))).toEqual(['users', 'other:thing']);
    expect(widgets!.conflicts.map((d) => dependencyString(plan, d))).toEqual(['gizmos']);
    expect(widgets!.note).toBe('no space');
    expect(widgets!.tags.map((t) => t.name)).toEqual(['v1.0']);
    expect(users!.reworkTags.map((t) => t.name)).toEqual(['v1.0']);
    expect(scriptPath({ topDir: '/p' }, users!, 'deploy')).toBe('/p/deploy/users@v1.0.sql');
    expect(scriptPath({ topDir: '/p' }, users2!, 'revert')).toBe('/p/revert/users.sql');
  });

  test('writes an unchanged plan back byte for byte, CRLF and missing final newline included', () => {
    expect(formatPlan(parsePlan(text))).toBe(text);
    const crlf = text.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    expect(formatPlan(parsePlan(crlf))).toBe(crlf);
  });

  test('appending a change or a tag leaves every existing line as it was', () => {
    const plan = parsePlan(text);
    addChange(plan, { name: 'gadgets', requires: ['more'], note: 'Adds gadgets.\nSecond line', planner, timestamp: '2026-11-25T11:00:00Z' });
    expect(formatPlan(plan)).toBe(
      `${text}gadgets [more] 2026-11-25T11:00:00Z Ann Planner <ann@example.com> # Adds gadgets.\\nSecond line\n`,
    );
    addTag(plan, { name: 'v2.0', planner, timestamp: '2026-11-25T11:01:00Z' });
    addChange(plan, { name: 'last', planner, timestamp: '2026-11-25T11:02:00Z' });
    expect(formatPlan(plan)).toBe(
      `${text}gadgets [more] 2026-11-25T11:00:00Z Ann Planner <ann@example.com> # Adds gadgets.\\nSecond line\n` +
        '@v2.0 2026-11-25T11:01:00Z Ann Planner <ann@example.com>\n\nlast 2026-11-25T11:02:00Z Ann Planner <ann@example.com>\n',
    );
    // The written text parses to the same changes and ids.
    const again = parsePlan(formatPlan(plan));
    expect(again.changes.map((c) => c.id)).toEqual(plan.changes.map((c) => c.id));
  });

  test('a file without a final newline gets one before an appended change', () => {
    const plan = parsePlan('%project=p\n\na 2026-11-25T10:00:00Z A <a@x>');
    addChange(plan, { name: 'b', planner, timestamp: '2026-11-25T10:00:01Z' });
    expect(formatPlan(plan)).toBe('%syntax-version=1.0.0\n%project=p\n\na 2026-11-25T10:00:00Z A <a@x>\nb 2026-11-25T10:00:01Z Ann Planner <ann@example.com>\n');
  });

  test('rework requires a tag since the last instance and names the earlier scripts after it', () => {
    const plan = parsePlan('%project=p\n\na 2026-11-25T10:00:00Z A <a@x>\n');
    expect(() => reworkChange(plan, { name: 'a', planner })).toThrow(/without an intervening tag/);
    addTag(plan, { name: 'v1', planner, timestamp: '2026-11-25T10:00:01Z' });
    const again = reworkChange(plan, { name: 'a', planner, timestamp: '2026-11-25T10:00:02Z' });
    expect(dependencyString(plan, again.requires[0]!)).toBe('a@v1');
    expect(scriptPath({ topDir: '/p' }, plan.changes[0]!, 'verify')).toBe('/p/verify/a@v1.sql');
    expect(() => addChange(plan, { name: 'a', planner })).toThrow(/already exists/);
  });

  test.each([
    ['a bad date', 'x 2026-02-30T10:00:00Z A <a@x>', 3, /invalid date 2026-02-30T10:00:00Z/],
    ['an unknown dependency', 'x [nope] 2026-11-25T10:00:00Z A <a@x>', 3, /unknown change "nope" required by change "x"/],
    ['a dependency planned later', 'x [y] 2026-11-25T10:00:00Z A <a@x>\ny 2026-11-25T10:00:00Z A <a@x>', 3, /planned 1 change before required change "y"/],
    ['a duplicate change without a tag between', 'x 2026-11-25T10:00:00Z A <a@x>\nx 2026-11-25T10:00:01Z A <a@x>', 4, /Change "x" duplicates earlier declaration on line 3/],
    ['bad name characters', 'x:y 2026-11-25T10:00:00Z A <a@x>', 3, /Invalid name; names must not begin with punctuation/],
    ['a name ending in punctuation', 'x- 2026-11-25T10:00:00Z A <a@x>', 3, /Invalid name/],
    ['a missing planner', 'x 2026-11-25T10:00:00Z', 3, /Missing planner name and email/],
    ['a tag before any change', '@v1 2026-11-25T10:00:00Z A <a@x>', 3, /declared without a preceding change/],
    ['a reserved name', 'HEAD 2026-11-25T10:00:00Z A <a@x>', 3, /"HEAD" is a reserved name/],
  ])('rejects %s with a PlanError naming file:line', (_what, body, line, message) => {
    const e = errorOf(() => parsePlan(`%project=p\n\n${body}\n`, 'db/sqitch.plan'));
    expect(e.origin).toEqual({ file: 'db/sqitch.plan', line });
    expect(e.message).toContain(`db/sqitch.plan:${line}`);
    expect(e.message).toMatch(message);
  });

  test('a change line before the blank line that ends the pragmas is a syntax error', () => {
    const e = errorOf(() => parsePlan('%project=p\nx 2026-11-25T10:00:00Z A <a@x>\n', 'sqitch.plan'));
    expect(e.message).toMatch(/sqitch.plan:2: Invalid pragma; a blank line must come between pragmas and changes/);
  });

  test('a plan without %project is refused', () => {
    expect(errorOf(() => parsePlan('%syntax-version=1.0.0\n\n', 'sqitch.plan')).message).toMatch(/Missing %project pragma in sqitch.plan/);
  });
});
