import type { Assertion, TapResult } from './tap';

/** Where a file's SQL failed: the statement's position in the test file (or an included file). */
export interface ErrorLocation {
  file: string;
  line: number;
  column: number;
}

/** One test file after it ran. */
export interface FileResult extends TapResult {
  /** The file as given to the runner, relative to its base folder when inside it. */
  file: string;
  passed: boolean;
  durationMs: number;
  /** Set with `error` when the file died on an SQL error. */
  errorLocation?: ErrorLocation;
}

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  total: number;
}

export interface RunSummary {
  files: FileResult[];
  tests: TestCounts;
  filesPassed: number;
  filesFailed: number;
  durationMs: number;
  /** True when every file passed; the command exits non-zero otherwise. */
  success: boolean;
}

export type { Assertion, TapResult };
