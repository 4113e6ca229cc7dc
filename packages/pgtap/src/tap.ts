/**
 * TAP as pgTAP prints it (TAP 13 without the version line): a plan `1..N` at the start
 * (`plan(n)`) or at the end (`no_plan()` + `finish()`), `ok N - description`, `not ok N - …`,
 * directives `# TODO why` / `# SKIP why`, `# …` diagnostic lines after a test, `Bail out!`.
 * The parser is fed line by line or chunk by chunk and yields one result per file.
 */

export type DirectiveKind = 'todo' | 'skip';

export interface Directive {
  kind: DirectiveKind;
  reason: string;
}

export interface Assertion {
  /** The test number as printed (or as implied by its position when the line has none). */
  n: number;
  ok: boolean;
  description: string;
  directive?: Directive;
  /** Comment lines (without the leading `# `) and YAML lines that follow the test line. */
  diagnostics: string[];
}

export interface TapPlan {
  count: number;
  /** `1..0 # SKIP reason`: the whole file skipped on purpose. */
  skipAll?: string;
}

export interface TapResult {
  plan?: TapPlan;
  assertions: Assertion[];
  /** The reason given after `Bail out!`, or '' when none was given; undefined when it did not bail out. */
  bailedOut?: string;
  /** Why the tests run do not match the plan; undefined when they match. */
  planMismatch?: string;
  /** Set by whoever ran the file when it died (an SQL error, a lost connection). */
  error?: string;
  /** Comments that belong to no test: before the first one, and pgTAP's `Looks like …` summary. */
  comments: string[];
}

/** An assertion that counts as failed: `not ok` without a TODO directive. */
export function isFailure(a: Assertion): boolean {
  return !a.ok && a.directive?.kind !== 'todo';
}

/** A file passes when it ran to the end, matched its plan, did not bail out and has no failure. */
export function filePassed(r: TapResult): boolean {
  return r.error === undefined && r.bailedOut === undefined && r.planMismatch === undefined && !r.assertions.some(isFailure);
}

const PLAN = /^1\.\.(\d+)\s*(?:#\s*(.*))?$/;
const TEST = /^(not\s+)?ok\b\s*(\d+)?\s*(.*)$/i;
const BAIL = /^Bail out!\s*(.*)$/i;
const DIRECTIVE = /(?:^|\s)#\s*(TODO|SKIP)\S*(?:\s+(.*?))?\s*$/i;
const SUMMARY = /^Looks like (?:you planned|you failed|your test exited)/;

/** Splits `description # DIRECTIVE reason`; a `\#` in the description is a literal hash. */
function splitDirective(rest: string): { description: string; directive?: Directive } {
  // The pattern needs blank space before `#`, so an escaped `\#` never starts a directive.
  const m = DIRECTIVE.exec(rest);
  if (m) {
    const description = unescapeHash(rest.slice(0, m.index).replace(/^-\s*/, '').trim());
    return { description, directive: { kind: m[1].toLowerCase() as DirectiveKind, reason: (m[2] ?? '').trim() } };
  }
  return { description: unescapeHash(rest.replace(/^-\s*/, '').trim()) };
}

function unescapeHash(s: string): string {
  return s.replace(/\\#/g, '#');
}

export class TapParser {
  private readonly assertions: Assertion[] = [];
  private readonly comments: string[] = [];
  private plan?: TapPlan;
  private planLine = 0;
  private extraPlans = 0;
  private bailedOut?: string;
  private outOfSequence?: string;
  private partial = '';
  private inYaml = false;

  /** Feeds raw text; a trailing partial line waits for the next chunk or for end(). */
  write(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Feeds one complete line (or a value holding several lines, as a pgTAP function returns). */
  line(raw: string): void {
    if (raw.includes('\n')) {
      for (const l of raw.split(/\r?\n/)) this.line(l);
      return;
    }
    if (this.bailedOut !== undefined) return;
    const last = this.assertions[this.assertions.length - 1];

    if (this.inYaml) {
      if (/^\s+\.\.\.\s*$/.test(raw)) this.inYaml = false;
      else if (last) last.diagnostics.push(raw.replace(/^\s{2}/, ''));
      return;
    }
    if (last && /^\s+---\s*$/.test(raw)) {
      this.inYaml = true;
      return;
    }

    const line = raw.trim();
    if (line === '' || /^TAP version \d+$/i.test(line)) return;

    let m: RegExpExecArray | null;
    if (/^\s/.test(raw) && !raw.trimStart().startsWith('#')) {
      // An indented test line belongs to a subtest; the parent's own line summarises it.
      if (last) last.diagnostics.push(raw);
      else this.comments.push(raw);
    } else if ((m = BAIL.exec(line))) {
      this.bailedOut = m[1].trim();
    } else if ((m = PLAN.exec(line))) {
      if (this.plan) {
        this.extraPlans++;
        return;
      }
      const count = Number(m[1]);
      const reason = m[2]?.trim();
      this.plan = { count };
      if (count === 0) this.plan.skipAll = (reason ?? '').replace(/^skip\S*\s*/i, '');
      this.planLine = this.assertions.length;
    } else if ((m = TEST.exec(line))) {
      const n = m[2] !== undefined ? Number(m[2]) : this.assertions.length + 1;
      const expected = this.assertions.length + 1;
      if (n !== expected && this.outOfSequence === undefined) {
        this.outOfSequence = `test ${n} came where test ${expected} was expected`;
      }
      const { description, directive } = splitDirective(m[3]);
      const assertion: Assertion = { n, ok: m[1] === undefined, description, diagnostics: [] };
      if (directive) assertion.directive = directive;
      this.assertions.push(assertion);
    } else if (line.startsWith('#')) {
      const text = line.replace(/^#\s?/, '');
      if (SUMMARY.test(text) || !last) this.comments.push(text);
      else last.diagnostics.push(raw.replace(/^#\s?/, ''));
    } else {
      // Anything else (a stray \echo, a query's text column) is kept but never counted as a test.
      if (last) last.diagnostics.push(raw);
      else this.comments.push(raw);
    }
  }

  /** Finishes the stream and checks the tests against the plan. */
  end(): TapResult {
    if (this.partial !== '') {
      const rest = this.partial;
      this.partial = '';
      this.line(rest);
    }
    const result: TapResult = { assertions: this.assertions, comments: this.comments };
    if (this.plan) result.plan = this.plan;
    if (this.bailedOut !== undefined) result.bailedOut = this.bailedOut;
    const mismatch = this.mismatch();
    if (mismatch !== undefined) result.planMismatch = mismatch;
    return result;
  }

  private mismatch(): string | undefined {
    if (this.bailedOut !== undefined) return undefined;
    const ran = this.assertions.length;
    if (!this.plan) return ran === 0 ? 'no plan and no tests' : `no plan: ran ${plural(ran, 'test')} without one`;
    if (this.extraPlans > 0) return 'more than one plan';
    if (this.planLine !== 0 && this.planLine !== ran) return `the plan came after test ${this.planLine} of ${ran}, not at the start or the end`;
    if (this.plan.count !== ran) return `planned ${plural(this.plan.count, 'test')} but ran ${ran}`;
    return this.outOfSequence;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Parses a complete TAP text. */
export function parseTap(text: string): TapResult {
  const parser = new TapParser();
  parser.write(text);
  return parser.end();
}
