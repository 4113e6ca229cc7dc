import { isFailure } from './tap';
import type { FileResult, RunSummary, TestCounts } from './types';

export type AssertionStatus = 'passed' | 'failed' | 'skipped' | 'todo';

export function assertionStatus(a: FileResult['assertions'][number]): AssertionStatus {
  if (a.directive?.kind === 'skip') return 'skipped';
  if (a.directive?.kind === 'todo') return 'todo';
  return isFailure(a) ? 'failed' : 'passed';
}

export function countTests(files: FileResult[]): TestCounts {
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 };
  for (const f of files) {
    for (const a of f.assertions) {
      counts[assertionStatus(a)]++;
      counts.total++;
    }
  }
  return counts;
}

/** Folds file results (in the order they should be reported) into a run summary. */
export function summarize(files: FileResult[], durationMs: number): RunSummary {
  const filesFailed = files.filter((f) => !f.passed).length;
  return {
    files,
    tests: countTests(files),
    filesPassed: files.length - filesFailed,
    filesFailed,
    durationMs,
    success: filesFailed === 0,
  };
}
