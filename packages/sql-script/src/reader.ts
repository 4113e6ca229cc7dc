import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseDotenv } from 'dotenv';
import { displayPath, ScriptError, type ScriptErrorCode } from './errors';
import { MetaArgs, type ArgContext } from './meta';
import { SourceText } from './source';
import type { Echo, Origin, ReadOptions, ScriptItem, Statement } from './types';
import { parseBoolean, psqlIdentifier, psqlLiteral, Variables } from './variables';

/** Reads a psql script and everything it includes; returns its statements and echoes in order. */
export function readScript(file: string, options: ReadOptions = {}): ScriptItem[] {
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const abs = path.resolve(baseDir, file);
  options.onFile?.(abs);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ScriptError({
      code: 'file-missing',
      text: `cannot read script ${displayPath(abs, baseDir)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      baseDir,
    });
  }
  return readScriptText(text, abs, options);
}

/** Same as readScript for text in memory; `file` names the origins and anchors \ir. */
export function readScriptText(text: string, file: string, options: ReadOptions = {}): ScriptItem[] {
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const abs = path.resolve(baseDir, file);
  const session = new Session(baseDir, options);
  session.open.push(realPath(abs));
  new FileReader(session, new SourceText(abs, text), []).run();
  return session.items;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** What lives for the whole run, across included files. */
class Session {
  readonly items: ScriptItem[] = [];
  readonly vars: Variables;
  readonly env: Record<string, string>;
  /** Real paths of the files being read, outermost first (for cycle detection). */
  readonly open: string[] = [];
  readonly onFile: (file: string) => void;
  quit = false;

  constructor(
    readonly baseDir: string,
    options: ReadOptions,
  ) {
    this.vars = new Variables(options.variables ?? {});
    this.onFile = options.onFile ?? (() => undefined);
    this.env = {};
    for (const [k, v] of Object.entries(options.env ?? process.env)) if (v !== undefined) this.env[k] = v;
    if (options.envFile !== undefined) {
      const envFile = path.resolve(baseDir, options.envFile);
      this.onFile(envFile);
      let parsed: Record<string, string>;
      try {
        parsed = parseDotenv(fs.readFileSync(envFile));
      } catch (e) {
        throw new ScriptError({
          code: 'env-file',
          text: `envFile option: cannot read ${displayPath(envFile, baseDir)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
          baseDir,
        });
      }
      // dotenv's rule: a variable already in the environment wins over the file.
      for (const [k, v] of Object.entries(parsed)) if (!(k in this.env)) this.env[k] = v;
    }
  }
}

/** A source of characters: the file itself, the rest of a line after COPY data, or a variable's value. */
interface Frame {
  text: string;
  pos: number;
  /** Start of the text not yet appended to the statement. */
  emitFrom: number;
  /** File offset of text[0] for file text; -1 for a variable's value. */
  base: number;
  /** For a variable's value: file offset of the outermost reference. */
  ref: number;
  varName?: string;
}

const INITIAL = 0;
const XQ = 1; // '…' and B'…', X'…', N'…', U&'…' (standard_conforming_strings on)
const XE = 2; // E'…'
const XD = 3; // "…", U&"…"
const XC = 4; // /* … */, nested
const XDOLQ = 5; // $tag$…$tag$

type CondState = 'true' | 'false' | 'ignored' | 'else-true' | 'else-false';
interface Cond {
  state: CondState;
  offset: number;
  paren: number;
  begin: number;
}

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const VAR_PLAIN = /:([A-Za-z0-9_\u0080-\uffff]+)/y;
const VAR_QUOTED = /:(['"])([A-Za-z0-9_\u0080-\uffff]+)\1/y;
const VAR_TEST = /:\{\?([A-Za-z0-9_\u0080-\uffff]+)\}/y;
const COPY_END = /^\\\.\r?$/gm;
const WATCHED_WORDS = new Set(
  ['create', 'function', 'procedure', 'or', 'replace', 'begin', 'case', 'end', 'copy', 'from', 'stdin'].map((w) => w.length * 128 + w.charCodeAt(0)),
);

/** Display-only meta-commands: accepted and ignored because they cannot change the database. */
const DISPLAY_ONLY = new Set(['pset', 'timing', 'x', 't', 'a', 'f', 'H', 'html', 'C', 'T', 'conninfo', 'errverbose', 'p', 'print', 'copyright', '?', 'h', 'help']);
/** Meta-commands whose argument is the whole rest of the line. */
const WHOLE_LINE = new Set(['!', 'copy', 'ef', 'ev', 'sf', 'sf+', 'sv', 'sv+', 'h', 'help']);
/** psql 15's other meta-commands: known, but refused because they change state, run queries or read input. */
const REFUSED: Record<string, string> = {
  c: 'connects to another database', connect: 'connects to another database', cd: 'changes the working directory',
  copy: 'copies between the client and the server', '!': 'runs a shell command', o: 'writes query output to a file',
  out: 'writes query output to a file', w: 'writes the query buffer to a file', write: 'writes the query buffer to a file',
  g: 'sends the query buffer', gx: 'sends the query buffer', gset: 'sends the query buffer and sets variables from its result',
  gexec: 'executes the rows of a query as statements', gdesc: 'sends the query buffer', crosstabview: 'sends the query buffer',
  watch: 'repeats a query', e: 'opens an editor', edit: 'opens an editor', ef: 'opens an editor', ev: 'opens an editor',
  prompt: 'reads from the terminal', password: 'changes a password', encoding: 'changes the client encoding',
  lo_import: 'writes a large object', lo_export: 'reads a large object into a file', lo_unlink: 'removes a large object',
  lo_list: 'runs a catalog query', s: 'writes the history', sf: 'runs a catalog query', sv: 'runs a catalog query',
  l: 'runs a catalog query', list: 'runs a catalog query', z: 'runs a catalog query', bind: 'sends the query buffer',
};

function isRefused(name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(REFUSED, name)) return REFUSED[name];
  const plain = name.replace(/[+xS]+$/, '');
  if (Object.prototype.hasOwnProperty.call(REFUSED, plain)) return REFUSED[plain];
  if (/^d/.test(name)) return 'runs a catalog query';
  if (/^(l|z|sf|sv|lo_list)[+x]*$/.test(name)) return 'runs a catalog query';
  return undefined;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 11;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
}

function isIdentCont(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 0x80;
}

/** Lexes one file the way psql's MainLoop does: its own query buffer, lexer state and \if stack. */
class FileReader {
  private readonly frames: Frame[];
  private state = INITIAL;
  private stateStart = 0;
  private dollarTag = '';
  private commentDepth = 0;
  private paren = 0;
  private begin = 0;
  private identCount = 0;
  private readonly idents = ['', '', '', ''];
  private copyCandidate = false;
  private copyFromStdin = false;
  private prevWord = '';
  // The statement being built.
  private sql = '';
  /** Mapping of the statement text to the file, as triples: sql offset, file offset, fixed (1) or linear (0). */
  private segs: number[] = [];
  private started = false;
  private originOffset = 0;
  private lastLineComment = false;
  private readonly conds: Cond[] = [];
  private active = true;
  private singleline: boolean;

  constructor(
    private readonly session: Session,
    private readonly source: SourceText,
    private readonly chain: Origin[],
  ) {
    this.frames = [{ text: source.text, pos: 0, emitFrom: 0, base: 0, ref: 0 }];
    this.singleline = parseBoolean(session.vars.get('SINGLELINE') ?? 'off') === true;
  }

  run(): void {
    const frames = this.frames;
    for (;;) {
      const f = frames[frames.length - 1];
      if (f.pos >= f.text.length) {
        if (frames.length === 1) break;
        this.flush(f, f.text.length);
        frames.pop();
        continue;
      }
      switch (this.state) {
        case INITIAL:
          this.scanInitial(f);
          if (this.session.quit) return;
          break;
        case XQ:
          this.scanQuoted(f, "'");
          break;
        case XD:
          this.scanQuoted(f, '"');
          break;
        case XE:
          this.scanEscaped(f);
          break;
        case XC:
          this.scanComment(f);
          break;
        case XDOLQ:
          this.scanDollar(f);
          break;
      }
    }
    if (this.state !== INITIAL) {
      const what = ['', 'quoted string', 'escape string', 'quoted identifier', 'comment', 'dollar-quoted string'][this.state];
      this.fail('unterminated', `unterminated ${what}${this.state === XDOLQ ? ` (${this.dollarTag})` : ''} at end of file`, this.stateStart);
    }
    if (this.conds.length > 0) {
      this.fail('unterminated', 'reached end of file without finding the \\endif for this \\if', this.conds[0].offset);
    }
    // psql -f sends an unterminated final statement at end of file (each included file too).
    this.flush(frames[0], frames[0].text.length);
    this.finishStatement();
  }

  // ---- errors and positions --------------------------------------------------------------

  private fail(code: ScriptErrorCode, text: string, offset: number): never {
    const origin = this.source.origin(offset);
    throw new ScriptError({
      code,
      text,
      origin,
      includeChain: this.chain,
      sourceLine: this.source.lineText(origin.line),
      baseDir: this.session.baseDir,
    });
  }

  private offsetOf(f: Frame, p: number): number {
    return f.base >= 0 ? f.base + p : f.ref;
  }

  // ---- the statement buffer --------------------------------------------------------------

  /** Appends f.text[emitFrom, upto) to the statement (only in an active branch). */
  private flush(f: Frame, upto: number): void {
    if (upto > f.emitFrom && this.active) this.append(f.text.slice(f.emitFrom, upto), f, f.emitFrom);
    f.emitFrom = upto;
  }

  private append(text: string, f: Frame, from: number): void {
    const at = this.sql.length;
    const segs = this.segs;
    const n = segs.length;
    if (f.base >= 0) {
      const off = f.base + from;
      if (n === 0 || segs[n - 1] === 1 || segs[n - 2] + (at - segs[n - 3]) !== off) segs.push(at, off, 0);
    } else if (n === 0 || segs[n - 1] === 0 || segs[n - 2] !== f.ref) {
      segs.push(at, f.ref, 1);
    }
    this.sql += text;
  }

  private startToken(f: Frame, p: number): void {
    if (!this.started) {
      if (this.active) {
        this.started = true;
        this.originOffset = this.offsetOf(f, p);
      }
      f.emitFrom = p;
    }
    this.lastLineComment = false;
  }

  private resetStatement(): void {
    this.sql = '';
    this.segs = [];
    this.started = false;
    this.lastLineComment = false;
    this.paren = 0;
    this.begin = 0;
    this.identCount = 0;
    this.copyCandidate = false;
    this.copyFromStdin = false;
    this.prevWord = '';
  }

  /** Ends the statement at f.text[p] (a semicolon, a newline in SINGLELINE mode) and continues after it. */
  private endStatement(f: Frame, p: number, next: number): void {
    this.flush(f, p);
    f.emitFrom = next;
    f.pos = next;
    this.finishStatement();
  }

  private finishStatement(): void {
    if (!this.active || !this.started) {
      this.resetStatement();
      return;
    }
    let end = this.sql.length;
    while (end > 0 && isSpaceCode(this.sql.charCodeAt(end - 1))) end--;
    const sql = this.sql.slice(0, end) + (this.lastLineComment ? '\n' : '');
    const statement = this.makeStatement(sql);
    const isCopy = this.copyFromStdin;
    this.resetStatement();
    this.session.items.push(statement);
    if (isCopy) statement.copyData = this.readCopyData();
  }

  private makeStatement(sql: string): Statement {
    const source = this.source;
    const segs = this.segs;
    return {
      type: 'statement',
      sql,
      origin: source.origin(this.originOffset),
      includeChain: this.chain,
      baseDir: this.session.baseDir,
      locate(position: number): Origin {
        // The server counts characters; JavaScript strings count UTF-16 units.
        let idx = Math.max(0, Math.floor(position) - 1);
        if (/[\ud800-\udfff]/.test(sql)) {
          let i = 0;
          for (let chars = 0; chars < idx && i < sql.length; chars++) {
            const c = sql.charCodeAt(i);
            i += c >= 0xd800 && c <= 0xdbff && i + 1 < sql.length ? 2 : 1;
          }
          idx = i;
        }
        idx = Math.min(idx, sql.length);
        let lo = 0;
        let hi = segs.length / 3 - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (segs[mid * 3] <= idx) lo = mid;
          else hi = mid - 1;
        }
        const at = segs[lo * 3];
        const off = segs[lo * 3 + 2] === 1 ? segs[lo * 3 + 1] : segs[lo * 3 + 1] + (idx - at);
        return source.origin(Math.min(off, source.text.length));
      },
      sourceLine: (line: number) => source.lineText(line),
    };
  }

  /**
   * COPY … FROM STDIN: psql sends the statement as soon as it sees the semicolon and the server then
   * reads the lines after the current one up to `\.`; the rest of the current line is lexed afterwards.
   */
  private readCopyData(): string {
    const frames = this.frames;
    const file = frames[0];
    let top = frames.length - 1;
    while (frames[top].base < 0) top--;
    let dataStart: number;
    if (top === 0) {
      const nl = file.text.indexOf('\n', file.pos);
      const lineEnd = nl < 0 ? file.text.length : nl + 1;
      if (lineEnd > file.pos) {
        const rest = file.text.slice(file.pos, lineEnd);
        frames.splice(1, 0, { text: rest, pos: 0, emitFrom: 0, base: file.pos, ref: 0 });
      }
      dataStart = lineEnd;
    } else {
      dataStart = file.pos;
    }
    const text = file.text;
    COPY_END.lastIndex = dataStart;
    const m = COPY_END.exec(text);
    let data: string;
    let dataEnd: number;
    if (m) {
      data = text.slice(dataStart, m.index);
      dataEnd = Math.min(text.length, m.index + m[0].length + 1);
    } else {
      data = text.slice(dataStart);
      dataEnd = text.length;
    }
    if (data.length > 0 && !data.endsWith('\n')) data += '\n';
    file.pos = dataEnd;
    file.emitFrom = dataEnd;
    return data;
  }

  // ---- lexer states ----------------------------------------------------------------------

  private scanInitial(f: Frame): void {
    const t = f.text;
    const n = t.length;
    let p = f.pos;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (isSpaceCode(c)) {
        if (c === 10 && this.singleline && f.base >= 0 && this.started && this.active && this.paren === 0 && this.begin === 0) {
          this.endStatement(f, p, p + 1);
          return;
        }
        p++;
        if (!this.started) f.emitFrom = p;
        continue;
      }
      if (isIdentStart(c)) {
        let e = p + 1;
        while (e < n && isIdentCont(t.charCodeAt(e))) e++;
        const next = t.charCodeAt(e);
        if (e === p + 1 && next === 39 && 'eEbBxXnN'.includes(t[p])) {
          this.startToken(f, p);
          this.enter(c === 101 || c === 69 ? XE : XQ, f, p);
          f.pos = e + 1;
          return;
        }
        if (e === p + 1 && (c === 117 || c === 85) && next === 38 && (t[e + 1] === "'" || t[e + 1] === '"')) {
          this.startToken(f, p);
          this.enter(t[e + 1] === "'" ? XQ : XD, f, p);
          f.pos = e + 2;
          return;
        }
        this.startToken(f, p);
        // Only the words the BEGIN ATOMIC and COPY heuristics look at are worth a string.
        this.word(WATCHED_WORDS.has((e - p) * 128 + (c | 32)) ? t.slice(p, e).toLowerCase() : '');
        p = e;
        continue;
      }
      if (c >= 48 && c <= 57) {
        this.startToken(f, p);
        p++;
        while (p < n) {
          const d = t.charCodeAt(p);
          if ((d >= 48 && d <= 57) || (d >= 97 && d <= 122) || (d >= 65 && d <= 90) || d === 95 || d === 46) p++;
          else break;
        }
        continue;
      }
      switch (c) {
        case 45: // -
          if (t.charCodeAt(p + 1) === 45) {
            let e = t.indexOf('\n', p);
            if (e < 0) e = n;
            if (!this.started) f.emitFrom = e;
            else this.lastLineComment = true;
            p = e;
            continue;
          }
          break;
        case 47: // /
          if (t.charCodeAt(p + 1) === 42) {
            this.enter(XC, f, p);
            this.commentDepth = 1;
            f.pos = p + 2;
            return;
          }
          break;
        case 39: // '
          this.startToken(f, p);
          this.enter(XQ, f, p);
          f.pos = p + 1;
          return;
        case 34: // "
          this.startToken(f, p);
          this.enter(XD, f, p);
          f.pos = p + 1;
          return;
        case 36: {
          // $
          DOLLAR_TAG.lastIndex = p;
          const m = DOLLAR_TAG.exec(t);
          this.startToken(f, p);
          if (m) {
            this.enter(XDOLQ, f, p);
            this.dollarTag = m[0];
            f.pos = p + m[0].length;
            return;
          }
          p++;
          while (p < n && t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57) p++;
          continue;
        }
        case 40: // (
          this.startToken(f, p);
          this.paren++;
          p++;
          continue;
        case 41: // )
          this.startToken(f, p);
          if (this.paren > 0) this.paren--;
          p++;
          continue;
        case 59: // ;
          if (this.paren === 0 && this.begin === 0) {
            this.endStatement(f, p, p + 1);
            return;
          }
          break;
        case 58: // :
          if (t.charCodeAt(p + 1) === 58) {
            this.startToken(f, p);
            p += 2;
            continue;
          }
          if (this.active) {
            const consumed = this.variable(f, p);
            if (consumed < 0) return;
            if (consumed > 0) {
              p += consumed;
              continue;
            }
          }
          break;
        case 92: {
          // backslash
          const d = t.charCodeAt(p + 1);
          if (d === 59 || d === 58) {
            // \; and \: put the character into the query without its usual meaning.
            this.flush(f, p);
            this.startToken(f, p + 1);
            f.emitFrom = p + 1;
            if (d === 59) this.identCount = 0;
            p += 2;
            continue;
          }
          this.flush(f, p);
          if (f.base < 0) this.fail('syntax', 'a meta-command inside an interpolated variable is not supported', f.ref);
          f.pos = this.metaCommand(f, p);
          f.emitFrom = f.pos;
          return;
        }
      }
      this.startToken(f, p);
      p++;
    }
    f.pos = p;
  }

  private enter(state: number, f: Frame, p: number): void {
    this.state = state;
    this.stateStart = this.offsetOf(f, p);
  }

  /** After a comment: text before the statement's first token is not part of it. */
  private commentEnd(f: Frame): void {
    if (!this.started) f.emitFrom = f.pos;
    this.lastLineComment = false;
  }

  private scanQuoted(f: Frame, quote: string): void {
    const t = f.text;
    let p = f.pos;
    for (;;) {
      const q = t.indexOf(quote, p);
      if (q < 0) {
        f.pos = t.length;
        return;
      }
      if (t[q + 1] === quote) {
        p = q + 2;
        continue;
      }
      f.pos = q + 1;
      this.state = INITIAL;
      return;
    }
  }

  private scanEscaped(f: Frame): void {
    const t = f.text;
    const n = t.length;
    let p = f.pos;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c === 92) p += 2;
      else if (c === 39) {
        if (t.charCodeAt(p + 1) === 39) p += 2;
        else {
          f.pos = p + 1;
          this.state = INITIAL;
          return;
        }
      } else p++;
    }
    f.pos = n;
  }

  private scanComment(f: Frame): void {
    const t = f.text;
    const re = /\/\*|\*\//g;
    re.lastIndex = f.pos;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      if (m[0] === '/*') this.commentDepth++;
      else if (--this.commentDepth === 0) {
        f.pos = re.lastIndex;
        this.state = INITIAL;
        this.commentEnd(f);
        return;
      }
    }
    f.pos = t.length;
  }

  private scanDollar(f: Frame): void {
    const q = f.text.indexOf(this.dollarTag, f.pos);
    if (q < 0) {
      f.pos = f.text.length;
      return;
    }
    f.pos = q + this.dollarTag.length;
    this.state = INITIAL;
  }

  /** psql's heuristic for CREATE FUNCTION/PROCEDURE … BEGIN ATOMIC … END bodies, word by word. */
  private word(w: string): void {
    const count = this.identCount++;
    const id = this.idents;
    if (count === 0) {
      id[0] = id[1] = id[2] = id[3] = '';
      this.copyCandidate = w === 'copy';
    }
    if (count < 4 && (w === 'create' || w === 'function' || w === 'procedure' || w === 'or' || w === 'replace')) id[count] = w[0];
    if (this.paren === 0) {
      if (this.copyCandidate && w === 'stdin' && this.prevWord === 'from') this.copyFromStdin = true;
      this.prevWord = w;
      if (id[0] === 'c' && (id[1] === 'f' || id[1] === 'p' || (id[1] === 'o' && id[2] === 'r' && (id[3] === 'f' || id[3] === 'p')))) {
        if (w === 'begin') this.begin++;
        else if (w === 'case') {
          if (this.begin >= 1) this.begin++;
        } else if (w === 'end') {
          if (this.begin > 0) this.begin--;
        }
      }
    }
  }

  /**
   * :name, :'name', :"name", :{?name} at f.text[p]. Returns the characters consumed (0: not a
   * variable reference, the colon is an ordinary character; -1: a value was pushed to be lexed).
   */
  private variable(f: Frame, p: number): number {
    const t = f.text;
    const vars = this.session.vars;
    VAR_PLAIN.lastIndex = p;
    let m = VAR_PLAIN.exec(t);
    if (m) {
      const name = m[1];
      const value = vars.get(name);
      if (value === undefined || this.frames.some((fr) => fr.varName === name)) {
        this.startToken(f, p);
        return m[0].length;
      }
      // psql lexes a variable's value as if it had been written in place of the reference.
      this.flush(f, p);
      f.pos = f.emitFrom = p + m[0].length;
      this.frames.push({ text: value, pos: 0, emitFrom: 0, base: -1, ref: this.offsetOf(f, p), varName: name });
      return -1;
    }
    VAR_QUOTED.lastIndex = p;
    m = VAR_QUOTED.exec(t);
    let replacement: string | undefined;
    if (m) {
      const value = vars.get(m[2]);
      if (value !== undefined) replacement = m[1] === "'" ? psqlLiteral(value) : psqlIdentifier(value);
    } else {
      VAR_TEST.lastIndex = p;
      m = VAR_TEST.exec(t);
      if (m) replacement = vars.get(m[1]) === undefined ? 'FALSE' : 'TRUE';
    }
    if (!m) return 0;
    this.startToken(f, p);
    if (replacement === undefined) return m[0].length;
    this.flush(f, p);
    this.append(replacement, { text: '', pos: 0, emitFrom: 0, base: -1, ref: this.offsetOf(f, p) }, 0);
    f.emitFrom = p + m[0].length;
    return m[0].length;
  }

  // ---- meta-commands ---------------------------------------------------------------------

  /** Runs the meta-command at f.text[p] (a backslash); returns where SQL lexing resumes. */
  private metaCommand(f: Frame, p: number): number {
    const t = f.text;
    const nl = t.indexOf('\n', p);
    const lineEnd = nl < 0 ? t.length : nl;
    let q = p + 1;
    while (q < lineEnd && !isSpaceCode(t.charCodeAt(q)) && t[q] !== '\\') q++;
    const name = t.slice(p + 1, q);
    const at = f.base + p;
    const ctx: ArgContext = {
      variable: (v) => this.session.vars.get(v),
      shell: (command, i) => this.shell(command, f.base + i),
      fail: (code, message, i) => this.fail(code, message, f.base + i),
    };
    const branching = name === 'if' || name === 'elif' || name === 'else' || name === 'endif';
    const args = new MetaArgs(t, q, lineEnd, ctx, this.active && (!branching || name === 'if' || name === 'elif'));
    if (branching) {
      this.conditional(name, args, at);
    } else if (!this.active) {
      if (WHOLE_LINE.has(name)) return lineEnd;
      if (!this.known(name)) this.fail('unsupported-meta', `invalid command \\${name}`, at);
    } else {
      if (WHOLE_LINE.has(name) && DISPLAY_ONLY.has(name)) return lineEnd;
      this.execute(name, args, at);
      if (this.session.quit) return lineEnd;
    }
    // psql reads (and evaluates) the arguments a command did not use, then ignores them.
    args.all();
    let r = args.pos;
    if (t[r] === '\\' && t[r + 1] === '\\') r += 2;
    return r;
  }

  private known(name: string): boolean {
    return (
      DISPLAY_ONLY.has(name) ||
      isRefused(name) !== undefined ||
      ['echo', 'qecho', 'warn', 'set', 'unset', 'setenv', 'i', 'include', 'ir', 'include_relative', 'q', 'quit', 'r', 'reset'].includes(name)
    );
  }

  private execute(name: string, args: MetaArgs, at: number): void {
    const session = this.session;
    switch (name) {
      case 'echo':
      case 'qecho':
      case 'warn': {
        const values = args.all();
        let newline = true;
        if (values.length > 0 && !values[0].quoted && values[0].value === '-n') {
          values.shift();
          newline = false;
        }
        const echo: Echo = {
          type: 'echo',
          text: values.map((v) => v.value).join(' '),
          newline,
          command: name,
          origin: this.source.origin(at),
          includeChain: this.chain,
        };
        session.items.push(echo);
        return;
      }
      case 'set': {
        const first = args.next();
        if (first === undefined) return; // psql lists the variables
        const value = args
          .all()
          .map((a) => a.value)
          .join('');
        this.assign(first.value, value, at);
        return;
      }
      case 'unset': {
        const first = args.next();
        if (first === undefined) this.fail('syntax', '\\unset: missing required argument', at);
        this.assign(first.value, undefined, at);
        return;
      }
      case 'setenv': {
        const envName = args.next();
        if (envName === undefined) this.fail('syntax', '\\setenv: missing required argument', at);
        if (envName.value.includes('=')) this.fail('syntax', 'environment variable name must not contain "="', at);
        const value = args.next();
        if (value === undefined) delete session.env[envName.value];
        else session.env[envName.value] = value.value;
        return;
      }
      case 'i':
      case 'include':
      case 'ir':
      case 'include_relative': {
        const arg = args.next();
        if (arg === undefined) this.fail('syntax', `\\${name}: missing required argument`, at);
        this.include(arg.value, name === 'ir' || name === 'include_relative', at);
        return;
      }
      case 'q':
      case 'quit':
        session.quit = true;
        return;
      case 'r':
      case 'reset':
        this.resetStatement();
        return;
    }
    if (DISPLAY_ONLY.has(name)) return;
    const refused = isRefused(name);
    if (refused !== undefined) {
      this.fail('unsupported-meta', `\\${name} is not supported in a script pgshift reads: it ${refused}`, at);
    }
    this.fail('unsupported-meta', `invalid command \\${name}`, at);
  }

  private assign(name: string, value: string | undefined, at: number): void {
    const error = this.session.vars.assign(name, value);
    if (error !== undefined) this.fail('syntax', error, at);
    if (name === 'SINGLELINE') this.singleline = parseBoolean(this.session.vars.get(name) ?? 'off') === true;
  }

  private conditional(name: string, args: MetaArgs, at: number): void {
    const conds = this.conds;
    const top = conds[conds.length - 1];
    const evaluate = (): boolean => {
      const expr = args
        .all()
        .map((a) => a.value)
        .join(' ');
      const value = parseBoolean(expr);
      if (value === undefined) this.fail('syntax', `unrecognized value "${expr}" for "\\${name} expression": Boolean expected`, at);
      return value;
    };
    const wasActive = this.active;
    switch (name) {
      case 'if':
        if (this.active) conds.push({ state: evaluate() ? 'true' : 'false', offset: at, paren: this.paren, begin: this.begin });
        else conds.push({ state: 'ignored', offset: at, paren: this.paren, begin: this.begin });
        break;
      case 'elif':
        if (top === undefined) this.fail('syntax', '\\elif: no matching \\if', at);
        if (top.state === 'else-true' || top.state === 'else-false') this.fail('syntax', '\\elif: cannot occur after \\else', at);
        if (top.state === 'true') top.state = 'ignored';
        else if (top.state === 'false') top.state = evaluate() ? 'true' : 'false';
        break;
      case 'else':
        if (top === undefined) this.fail('syntax', '\\else: no matching \\if', at);
        if (top.state === 'else-true' || top.state === 'else-false') this.fail('syntax', '\\else: cannot occur after \\else', at);
        top.state = top.state === 'false' ? 'else-true' : 'else-false';
        break;
      case 'endif':
        if (top === undefined) this.fail('syntax', '\\endif: no matching \\if', at);
        conds.pop();
        break;
    }
    const now = conds[conds.length - 1];
    this.active = now === undefined || now.state === 'true' || now.state === 'else-true';
    // Leaving a skipped branch: psql drops what the branch lexed, back to the depths before the \if.
    if (!wasActive && this.active) {
      const saved = name === 'endif' ? top : now;
      if (saved) {
        this.paren = saved.paren;
        this.begin = saved.begin;
      }
    }
  }

  private include(target: string, relative: boolean, at: number): void {
    const session = this.session;
    let file = target;
    if (file === '-') this.fail('unsupported-meta', 'including standard input is not supported', at);
    const home = session.env.HOME ?? os.homedir();
    if (file === '~' || file.startsWith('~/')) file = home + file.slice(1);
    const dir = relative ? path.dirname(this.source.file) : session.baseDir;
    const abs = path.resolve(dir, file);
    const includeOrigin = this.source.origin(at);
    session.onFile(abs);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e));
      this.fail('include-missing', `cannot include ${displayPath(abs, session.baseDir)}: ${why}`, at);
    }
    const real = realPath(abs);
    const cycleStart = session.open.indexOf(real);
    if (cycleStart >= 0) {
      const files = [...this.chain.map((o) => o.file), this.source.file].slice(cycleStart);
      const cycle = [...files, abs].map((x) => displayPath(x, session.baseDir)).join(' -> ');
      this.fail('include-cycle', `include cycle: ${cycle}`, at);
    }
    session.open.push(real);
    new FileReader(session, new SourceText(abs, text), [...this.chain, includeOrigin]).run();
    session.open.pop();
  }

  private shell(command: string, offset: number): string {
    const result = spawnSync('/bin/sh', ['-c', command], {
      cwd: this.session.baseDir,
      env: this.session.env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.error || result.status !== 0) {
      const why = result.error
        ? result.error.message
        : result.status === null
          ? `killed by ${result.signal}`
          : `exit code ${result.status}`;
      const stderr = (result.stderr ?? '').trim();
      this.fail('shell-failed', `backquoted command \`${command}\` failed (${why})${stderr ? `: ${stderr}` : ''}`, offset);
    }
    const out = result.stdout;
    return out.endsWith('\n') ? out.slice(0, -1) : out;
  }
}
