/**
 * JUnit XML for CI: one <testsuite> per file, one <testcase> per assertion. What goes wrong with
 * the file itself (an SQL error, a bail out, a plan mismatch) is a testcase of its own, so that
 * CI lists it next to the assertions.
 */
import { assertionStatus } from '../summary';
import type { FileResult, RunSummary } from '../types';

export interface JunitOptions {
  /** The name of the <testsuites> element. */
  name?: string;
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 up, except surrogates and U+FFFE/U+FFFF.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

interface Case {
  name: string;
  body?: string;
  failures: number;
  errors: number;
  skipped: number;
}

function casesOf(file: FileResult): Case[] {
  const cases: Case[] = [];
  for (const a of file.assertions) {
    const name = a.description === '' ? `${a.n}` : `${a.n} - ${a.description}`;
    const status = assertionStatus(a);
    if (status === 'failed') {
      cases.push({
        name,
        failures: 1,
        errors: 0,
        skipped: 0,
        body: `<failure${attrs({ message: a.diagnostics[0] ?? `test ${a.n} failed`, type: 'assertion' })}>${escapeXml(a.diagnostics.join('\n'))}</failure>`,
      });
    } else if (status === 'skipped' || status === 'todo') {
      const reason = a.directive?.reason ?? '';
      cases.push({
        name,
        failures: 0,
        errors: 0,
        skipped: 1,
        body: `<skipped${attrs({ message: `${status === 'todo' ? 'TODO' : 'SKIP'}${reason ? ` ${reason}` : ''}` })}/>`,
      });
    } else {
      cases.push({ name, failures: 0, errors: 0, skipped: 0 });
    }
  }
  if (file.error !== undefined) {
    cases.push({ name: 'SQL error', failures: 0, errors: 1, skipped: 0, body: `<error${attrs({ message: file.error, type: 'sql' })}/>` });
  }
  if (file.bailedOut !== undefined) {
    const message = `Bail out!${file.bailedOut ? ` ${file.bailedOut}` : ''}`;
    cases.push({ name: 'Bail out!', failures: 0, errors: 1, skipped: 0, body: `<error${attrs({ message, type: 'bail-out' })}/>` });
  }
  if (file.planMismatch !== undefined) {
    cases.push({ name: 'plan', failures: 1, errors: 0, skipped: 0, body: `<failure${attrs({ message: file.planMismatch, type: 'plan' })}/>` });
  }
  return cases;
}

export function toJunitXml(summary: RunSummary, options: JunitOptions = {}): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const suites = summary.files.map((file) => ({ file, cases: casesOf(file) }));
  const sum = (cases: Case[], key: 'failures' | 'errors' | 'skipped') => cases.reduce((n, c) => n + c[key], 0);
  const all = suites.flatMap((s) => s.cases);
  out.push(
    `<testsuites${attrs({ name: options.name ?? 'pgTAP', tests: all.length, failures: sum(all, 'failures'), errors: sum(all, 'errors'), skipped: sum(all, 'skipped'), time: seconds(summary.durationMs) })}>`,
  );
  for (const { file, cases } of suites) {
    out.push(
      `  <testsuite${attrs({ name: file.file, file: file.file, tests: cases.length, failures: sum(cases, 'failures'), errors: sum(cases, 'errors'), skipped: sum(cases, 'skipped'), time: seconds(file.durationMs) })}>`,
    );
    for (const c of cases) {
      const open = `    <testcase${attrs({ name: c.name, classname: file.file })}`;
      out.push(c.body === undefined ? `${open}/>` : `${open}>\n      ${c.body}\n    </testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
