/**
 * Output shaped like jest's: a PASS/FAIL line per file, the failing assertions with their
 * diagnostics, and the Files/Tests/Time totals.
 */
import { assertionStatus } from '../summary';
import type { Assertion, FileResult, RunSummary } from '../types';

export interface TerminalOptions {
  /** ANSI colors; callers pass `process.stdout.isTTY`. */
  color?: boolean;
  /** List every assertion, not only the failing ones. */
  verbose?: boolean;
}

type Paint = (s: string) => string;

function painter(on: boolean) {
  const wrap = (open: string, close: string): Paint => (s) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    pass: wrap('1;42;97', '0'),
    fail: wrap('1;41;97', '0'),
    green: wrap('32', '39'),
    red: wrap('31', '39'),
    yellow: wrap('33', '39'),
    magenta: wrap('35', '39'),
    dim: wrap('2', '22'),
    bold: wrap('1', '22'),
  };
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function title(a: Assertion): string {
  return a.description === '' ? `${a.n}` : `${a.n} - ${a.description}`;
}

/** The block printed when one file has finished. */
export function formatFile(result: FileResult, options: TerminalOptions = {}): string {
  const p = painter(options.color ?? false);
  const lines: string[] = [];
  const badge = result.passed ? p.pass(' PASS ') : p.fail(' FAIL ');
  lines.push(`${badge} ${result.file} ${p.dim(`(${formatSeconds(result.durationMs)})`)}`);

  if (result.plan?.skipAll !== undefined) {
    lines.push(`  ${p.yellow('○')} skipped the whole file${result.plan.skipAll ? `: ${result.plan.skipAll}` : ''}`);
  }
  for (const a of result.assertions) {
    const status = assertionStatus(a);
    if (status === 'failed') {
      lines.push(`  ${p.red('✕')} ${title(a)}`);
      for (const d of a.diagnostics) lines.push(`      ${p.dim(d)}`);
    } else if (options.verbose) {
      if (status === 'passed') lines.push(`  ${p.green('✓')} ${title(a)}`);
      else if (status === 'skipped') lines.push(`  ${p.yellow('○')} skipped ${title(a)}${a.directive?.reason ? ` (${a.directive.reason})` : ''}`);
      else lines.push(`  ${p.magenta('✎')} todo ${title(a)}${a.directive?.reason ? ` (${a.directive.reason})` : ''}`);
    }
  }
  if (result.error !== undefined) {
    // The error names file:line and may carry the source line, a caret, DETAIL and HINT lines.
    const [first, ...rest] = result.error.split('\n');
    lines.push(`  ${p.red('●')} ${p.bold('SQL error')} ${first}`);
    for (const l of rest) lines.push(`      ${l}`);
  }
  if (result.bailedOut !== undefined) {
    lines.push(`  ${p.red('●')} ${p.bold('Bail out!')}${result.bailedOut ? ` ${result.bailedOut}` : ''}`);
  }
  if (result.planMismatch !== undefined) {
    lines.push(`  ${p.red('●')} ${p.bold('Plan')} ${result.planMismatch}`);
  }
  return lines.join('\n') + '\n';
}

function tally(parts: Array<[number, string, Paint]>, total: number): string {
  const shown = parts.filter(([n]) => n > 0).map(([n, label, paint]) => paint(`${n} ${label}`));
  return [...shown, `${total} total`].join(', ');
}

/** The closing totals. */
export function formatSummary(summary: RunSummary, options: TerminalOptions = {}): string {
  const p = painter(options.color ?? false);
  const t = summary.tests;
  const files = tally(
    [
      [summary.filesFailed, 'failed', p.red],
      [summary.filesPassed, 'passed', p.green],
    ],
    summary.files.length,
  );
  const tests = tally(
    [
      [t.failed, 'failed', p.red],
      [t.skipped, 'skipped', p.yellow],
      [t.todo, 'todo', p.magenta],
      [t.passed, 'passed', p.green],
    ],
    t.total,
  );
  return [
    `${p.bold('Files:')} ${files}`,
    `${p.bold('Tests:')} ${tests}`,
    `${p.bold('Time:')}  ${formatSeconds(summary.durationMs)}`,
    '',
  ].join('\n');
}

/** Everything at once, for a run whose files were not printed as they finished. */
export function formatRun(summary: RunSummary, options: TerminalOptions = {}): string {
  const blocks = summary.files.map((f) => formatFile(f, options));
  if (summary.files.length === 0) blocks.push('No test files found.\n');
  return blocks.join('') + '\n' + formatSummary(summary, options);
}
