/**
 * The argument lexer of psql's meta-commands (psqlscanslash.l): whitespace-separated arguments
 * that end at the end of the line or at an unquoted backslash, with '…' (de-quoted, C escapes),
 * "…" (kept as written), `…` (shell output) and :var, :'var', :"var", :{?var} interpolation.
 */
import { psqlIdentifier, psqlLiteral, shellArgument } from './variables';

export interface ArgContext {
  /** Variable value, or undefined when not defined. */
  variable(name: string): string | undefined;
  /** Runs a backquoted command and returns its output without one trailing newline. */
  shell(command: string, at: number): string;
  /** Throws a ScriptError located at `at` (an index into the text). */
  fail(code: 'unterminated' | 'syntax', message: string, at: number): never;
}

export interface MetaArg {
  value: string;
  /** True when any part was quoted or interpolated (psql then never treats it as an option like -n). */
  quoted: boolean;
}

const VAR = /:([A-Za-z0-9_\u0080-\uffff]+)/y;
const VAR_LITERAL = /:'([A-Za-z0-9_\u0080-\uffff]+)'/y;
const VAR_IDENT = /:"([A-Za-z0-9_\u0080-\uffff]+)"/y;
const VAR_TEST = /:\{\?([A-Za-z0-9_\u0080-\uffff]+)\}/y;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

function match(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

export class MetaArgs {
  constructor(
    private readonly text: string,
    public pos: number,
    /** End of the command's line (exclusive). */
    readonly end: number,
    private readonly ctx: ArgContext,
    /** False in skipped \if branches: nothing is interpolated or run. */
    private readonly evaluate: boolean,
  ) {}

  /** The next argument, or undefined at the end of the line or at a backslash. */
  next(): MetaArg | undefined {
    const { text, end } = this;
    let p = this.pos;
    while (p < end && isSpace(text[p])) p++;
    this.pos = p;
    if (p >= end || text[p] === '\\') return undefined;
    let out = '';
    let bytes: number[] = [];
    const flushBytes = (): void => {
      if (bytes.length > 0) {
        out += Buffer.from(bytes).toString('utf8');
        bytes = [];
      }
    };
    let quoted = false;
    while (p < end) {
      const c = text[p];
      if (isSpace(c) || c === '\\') break;
      if (c === "'") {
        quoted = true;
        const start = p;
        p++;
        for (;;) {
          if (p >= end) this.ctx.fail('unterminated', 'unterminated quoted string', start);
          const ch = text[p];
          if (ch === "'") {
            if (text[p + 1] === "'") {
              flushBytes();
              out += "'";
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (ch !== '\\') {
            flushBytes();
            out += ch;
            p++;
            continue;
          }
          if (p + 1 >= end) this.ctx.fail('unterminated', 'unterminated quoted string', start);
          const e = text[p + 1];
          const simple = ({ n: '\n', t: '\t', b: '\b', r: '\r', f: '\f' } as Record<string, string>)[e];
          if (simple !== undefined) {
            flushBytes();
            out += simple;
            p += 2;
            continue;
          }
          const oct = /[0-7]{1,3}/y;
          oct.lastIndex = p + 1;
          const o = oct.exec(text);
          if (o && o.index + o[0].length <= end) {
            bytes.push(parseInt(o[0], 8) & 0xff);
            p += 1 + o[0].length;
            continue;
          }
          const hex = /x([0-9A-Fa-f]{1,2})/y;
          hex.lastIndex = p + 1;
          const h = hex.exec(text);
          if (h && h.index + h[0].length <= end) {
            bytes.push(parseInt(h[1], 16));
            p += 1 + h[0].length;
            continue;
          }
          flushBytes();
          out += e;
          p += 2;
        }
        continue;
      }
      flushBytes();
      if (c === '"') {
        quoted = true;
        const close = text.indexOf('"', p + 1);
        if (close < 0 || close >= end) this.ctx.fail('unterminated', 'unterminated quoted string', p);
        out += text.slice(p, close + 1);
        p = close + 1;
        continue;
      }
      if (c === '`') {
        quoted = true;
        const start = p;
        p++;
        let command = '';
        for (;;) {
          if (p >= end) this.ctx.fail('unterminated', 'unterminated backquoted command', start);
          const ch = text[p];
          if (ch === '`') {
            p++;
            break;
          }
          if (ch === ':' && this.evaluate) {
            const lit = match(VAR_LITERAL, text, p);
            if (lit && p + lit[0].length <= end) {
              const value = this.ctx.variable(lit[1]);
              if (value === undefined) command += lit[0];
              else {
                const arg = shellArgument(value);
                if (arg === undefined) {
                  this.ctx.fail('syntax', `shell command argument contains a newline or carriage return: "${value}"`, p);
                }
                command += arg;
              }
              p += lit[0].length;
              continue;
            }
            const v = match(VAR, text, p);
            if (v && p + v[0].length <= end) {
              const value = this.ctx.variable(v[1]);
              command += value ?? v[0];
              p += v[0].length;
              continue;
            }
          }
          command += ch;
          p++;
        }
        if (this.evaluate) out += this.ctx.shell(command, start);
        continue;
      }
      if (c === ':' && this.evaluate) {
        const v = match(VAR, text, p) ?? match(VAR_LITERAL, text, p) ?? match(VAR_IDENT, text, p) ?? match(VAR_TEST, text, p);
        if (v && p + v[0].length <= end) {
          const kind = v[0][1];
          const value = this.ctx.variable(v[1]);
          if (kind === '{') out += value === undefined ? 'FALSE' : 'TRUE';
          else if (value === undefined) out += v[0];
          else if (kind === "'") out += psqlLiteral(value);
          else if (kind === '"') out += psqlIdentifier(value);
          else out += value;
          quoted = true;
          p += v[0].length;
          continue;
        }
      }
      out += c;
      p++;
    }
    flushBytes();
    this.pos = p;
    return { value: out, quoted };
  }

  /** All remaining arguments. */
  all(): MetaArg[] {
    const args: MetaArg[] = [];
    for (let a = this.next(); a !== undefined; a = this.next()) args.push(a);
    return args;
  }
}
