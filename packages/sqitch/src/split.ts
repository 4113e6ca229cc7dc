/**
 * Splits a migration script into statements the way psql would send them: semicolons end a
 * statement except inside quotes ('…', E'…', "…"), dollar quotes, comments, parentheses and
 * `BEGIN ATOMIC … END` bodies. Each statement keeps the line it starts on.
 */
import { SqitchError } from './errors';

export interface ScriptStatement {
  sql: string;
  /** 1-based line of the statement's first token. */
  line: number;
}

/** The line inside the file for a 1-based character position reported by the server. */
export function lineOfPosition(stmt: ScriptStatement, position: number): number {
  const before = [...stmt.sql].slice(0, Math.max(0, position - 1)).join('');
  return stmt.line + (before.match(/\n/g)?.length ?? 0);
}

export function splitStatements(text: string, file: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  let line = 1;
  let start = -1;
  let startLine = 1;
  let parens = 0;
  let atomicDepth = 0;
  let lastWords: string[] = [];
  let i = 0;
  const n = text.length;

  const flush = (end: number) => {
    if (start >= 0) {
      const sql = text.slice(start, end).replace(/\s+$/, '');
      if (sql !== '') out.push({ sql, line: startLine });
    }
    start = -1;
    parens = 0;
    atomicDepth = 0;
    lastWords = [];
  };
  const begin = () => {
    if (start < 0) {
      start = i;
      startLine = line;
    }
  };
  const advance = (to: number) => {
    for (; i < to && i < n; i++) if (text[i] === '\n') line++;
  };

  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      advance(end < 0 ? n : end);
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (text[j] === '/' && text[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (text[j] === '*' && text[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      advance(j);
      continue;
    }
    if (/\s/.test(c)) {
      advance(i + 1);
      continue;
    }
    if (c === '\\' && start < 0) {
      throw new SqitchError(
        'DEPLOY_FAILED',
        `${file}:${line} uses a psql meta-command (${text.slice(i, text.indexOf('\n', i) < 0 ? n : text.indexOf('\n', i)).trim()}), which pgshift does not run; write the script in plain SQL.`,
        { file, line },
      );
    }
    begin();
    if (c === "'" || c === '"') {
      const escapes = c === "'" && /[eE]$/.test(text.slice(Math.max(0, i - 1), i)) && !/[\w$]/.test(text[i - 2] ?? ' ');
      let j = i + 1;
      while (j < n) {
        if (escapes && text[j] === '\\') j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      advance(j + 1);
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 64));
      if (m && !/[\w$]/.test(text[i - 1] ?? ' ')) {
        const close = text.indexOf(m[0], i + m[0].length);
        advance(close < 0 ? n : close + m[0].length);
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w$]*/.exec(text.slice(i, i + 128))!;
      const word = m[0].toUpperCase();
      if (atomicDepth > 0) {
        if (word === 'CASE' || (word === 'BEGIN' && lastWords[lastWords.length - 1] !== 'END')) atomicDepth++;
        else if (word === 'END') atomicDepth--;
      } else if (word === 'ATOMIC' && lastWords[lastWords.length - 1] === 'BEGIN') {
        atomicDepth = 1;
      }
      lastWords = [...lastWords.slice(-3), word];
      advance(i + m[0].length);
      continue;
    }
    if (c === '(') parens++;
    if (c === ')') parens = Math.max(0, parens - 1);
    if (c === ';' && parens === 0 && atomicDepth === 0) {
      flush(i);
      advance(i + 1);
      continue;
    }
    advance(i + 1);
  }
  flush(n);
  return out;
}

export type TransactionControl = 'begin' | 'commit' | 'rollback' | 'other' | undefined;

/** Whether a statement starts, ends or otherwise controls a transaction. */
export function transactionControl(sql: string): TransactionControl {
  const s = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '').toUpperCase();
  if (/^(BEGIN|START\s+TRANSACTION)\b/.test(s) && !/^BEGIN\s+ATOMIC\b/.test(s)) return 'begin';
  if (/^(COMMIT|END)\b/.test(s) && !/^COMMIT\s+PREPARED\b/.test(s)) return 'commit';
  if (/^(ROLLBACK|ABORT)\b/.test(s) && !/^ROLLBACK\s+(TO|PREPARED)\b/.test(s)) return 'rollback';
  if (/^(PREPARE\s+TRANSACTION|COMMIT\s+PREPARED|ROLLBACK\s+PREPARED)\b/.test(s)) return 'other';
  return undefined;
}
