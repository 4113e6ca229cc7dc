import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { SqitchError, writeFilesAtomically } from '../src';
import { cleanup, tempDir } from './helpers';

describe('writeFilesAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    writeFileSync(path.join(dir, 'sqitch.plan'), 'old plan\n');
  });
  afterEach(() => cleanup(dir));

  test('writes the scripts and then the plan', () => {
    writeFilesAtomically(
      [{ path: path.join(dir, 'deploy/a.sql'), content: 'select 1;\n' }, { path: path.join(dir, 'revert/a.sql'), content: 'select 2;\n' }],
      { path: path.join(dir, 'sqitch.plan'), content: 'new plan\n' },
    );
    expect(readFileSync(path.join(dir, 'deploy/a.sql'), 'utf8')).toBe('select 1;\n');
    expect(readFileSync(path.join(dir, 'sqitch.plan'), 'utf8')).toBe('new plan\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a rename that fails part-way removes the scripts already renamed and leaves the plan as it was', () => {
    // A non-empty directory where the verify script should go makes rename(2) fail for real.
    mkdirSync(path.join(dir, 'verify/a.sql'), { recursive: true });
    writeFileSync(path.join(dir, 'verify/a.sql/blocker'), '');
    writeFileSync(path.join(dir, 'revert-existing.sql'), 'before\n');
    let error: unknown;
    try {
      writeFilesAtomically(
        [
          { path: path.join(dir, 'deploy/a.sql'), content: 'deploy\n' },
          { path: path.join(dir, 'revert-existing.sql'), content: 'after\n' },
          { path: path.join(dir, 'verify/a.sql'), content: 'verify\n' },
        ],
        { path: path.join(dir, 'sqitch.plan'), content: 'new plan\n' },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqitchError);
    expect((error as SqitchError).code).toBe('ATOMIC_WRITE');
    expect((error as SqitchError).message).toContain('verify/a.sql');
    expect(readFileSync(path.join(dir, 'sqitch.plan'), 'utf8')).toBe('old plan\n');
    expect(readdirSync(path.join(dir, 'deploy'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'revert-existing.sql'), 'utf8')).toBe('before\n');
    const leftovers = [dir, path.join(dir, 'deploy'), path.join(dir, 'verify')].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.tmp')));
    expect(leftovers).toEqual([]);
  });
});
