import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { describeWith, sqitchCli } from '@pgshift/test-support';
import { addChange, addTag, changeInfo, dependencyString, formatPlan, parsePlan, tagInfo } from '../src';
import { cleanup, planner, sqitch, tempDir } from './helpers';

function sqitchIds(dir: string): string[] {
  return sqitch(dir, ['plan', '--format', 'format:%H %n'])
    .split('\n')
    .filter((l) => /^[0-9a-f]{40} /.test(l));
}

describeWith([sqitchCli], 'ids computed as sqitch computes them', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    sqitch(dir, ['init', 'flipr', '--uri', 'https://GitHub.com/Example/flipr/', '--engine', 'pg']);
    sqitch(dir, ['add', 'users', '-n', 'Creates users table.\\nSecond line']);
    sqitch(dir, ['add', 'gadgets', '--requires', 'users', '--conflicts', 'foo', '--requires', 'other:thing', '-n', 'Ünïcode note']);
    sqitch(dir, ['tag', 'v1.0', '-n', 'Tag v1']);
    sqitch(dir, ['add', 'more', '--requires', 'flipr:gadgets', '-n', 'More']);
    sqitch(dir, ['rework', 'users', '-n', 'rework']);
  }, 120_000);
  afterAll(() => cleanup(dir));

  test('change ids and info equal sqitch plan / sqitch show output', () => {
    const plan = parsePlan(readFileSync(path.join(dir, 'sqitch.plan'), 'utf8'), 'sqitch.plan');
    expect(plan.changes.map((c) => `${c.id} ${c.name}`)).toEqual(sqitchIds(dir));
    for (const [spec, change] of [['users@v1.0', plan.changes[0]!], ['gadgets', plan.changes[1]!], ['users@HEAD', plan.changes[3]!]] as const) {
      const shown = sqitch(dir, ['show', 'change', spec]).replace(/\n$/, '');
      const i = change.index;
      expect(
        changeInfo({
          project: plan.project, uri: plan.uri, name: change.name, parentId: i ? plan.changes[i - 1]!.id : undefined,
          plannerName: change.plannerName, plannerEmail: change.plannerEmail, timestamp: change.timestamp,
          requires: change.requires.map((d) => dependencyString(plan, d)), conflicts: change.conflicts.map((d) => dependencyString(plan, d)),
          note: change.note,
        }),
      ).toBe(shown);
    }
  });

  test('tag info equals sqitch show tag', () => {
    const plan = parsePlan(readFileSync(path.join(dir, 'sqitch.plan'), 'utf8'), 'sqitch.plan');
    const tag = plan.changes[1]!.tags[0]!;
    const shown = sqitch(dir, ['show', 'tag', 'v1.0']).replace(/\n$/, '');
    expect(tagInfo({ ...tag, project: plan.project, uri: plan.uri, changeId: tag.change.id })).toBe(shown);
  });

  test('a plan pgshift extends is read by sqitch with the same ids', () => {
    const file = path.join(dir, 'sqitch.plan');
    const before = readFileSync(file, 'utf8');
    const plan = parsePlan(before, file);
    addTag(plan, { name: 'v2.0', planner, note: 'Second\\release' });
    addChange(plan, { name: 'extra/nested', requires: ['gadgets@v1.0', 'more'], conflicts: ['gone'], note: 'Multi\nline', planner });
    const text = formatPlan(plan);
    expect(text.startsWith(before)).toBe(true);
    writeFileSync(file, text);
    expect(plan.changes.map((c) => `${c.id} ${c.name}`)).toEqual(sqitchIds(dir));
    expect(sqitch(dir, ['show', 'change', 'extra/nested'])).toContain('\nMulti\nline');
  });

  test('a requirement sqitch refuses on reading (a reworked name as of an older tag) is refused here too', () => {
    const file = path.join(dir, 'sqitch.plan');
    const plan = parsePlan(readFileSync(file, 'utf8'), file);
    addTag(plan, { name: 'v3.0', planner });
    addChange(plan, { name: 'late', requires: ['users@v1.0'], note: 'x', planner });
    writeFileSync(file, formatPlan(plan));
    expect(() => sqitchIds(dir)).toThrow(/Unknown change "users@v1.0" required by change "late"/);
    expect(() => parsePlan(formatPlan(plan), file)).toThrow(/unknown change "users@v1.0" required by change "late"/);
  });
});
