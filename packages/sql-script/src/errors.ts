import * as path from 'path';
import type { Origin, Statement } from './types';

export type ScriptErrorCode =
  | 'syntax'
  | 'include-missing'
  | 'include-cycle'
  | 'unsupported-meta'
  | 'unterminated'
  | 'shell-failed'
  | 'env-file'
  | 'file-missing'
  | 'sql';

/** Path as shown in messages: relative to baseDir when the file lies inside it, else absolute. */
export function displayPath(file: string, baseDir: string = process.cwd()): string {
  const rel = path.relative(baseDir, file);
  if (rel === '') return path.basename(file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file;
  return rel;
}

export interface ScriptErrorInit {
  code: ScriptErrorCode | string;
  /** The message proper, without location (`syntax error at or near "frm"`). */
  text: string;
  origin?: Origin;
  includeChain?: Origin[];
  /** The source line at origin, shown with a caret under the column. */
  sourceLine?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  sqlState?: string;
  baseDir?: string;
}

/** A script that cannot be read, or a statement of it that a server rejected. */
export class ScriptError extends Error {
  readonly code: string;
  readonly origin?: Origin;
  readonly includeChain: Origin[];
  /** The server's message alone, for `sql` errors; the reader's message alone otherwise. */
  readonly text: string;
  readonly severity: string;
  readonly detail?: string;
  readonly hint?: string;
  /** SQLSTATE of a server error, when the driver gave one. */
  readonly sqlState?: string;

  constructor(init: ScriptErrorInit) {
    super(formatMessage(init));
    this.name = 'ScriptError';
    this.code = init.code;
    this.origin = init.origin;
    this.includeChain = init.includeChain ?? [];
    this.text = init.text;
    this.severity = init.severity ?? 'ERROR';
    this.detail = init.detail;
    this.hint = init.hint;
    this.sqlState = init.sqlState;
  }
}

function formatMessage(init: ScriptErrorInit): string {
  const base = init.baseDir ?? process.cwd();
  const severity = init.severity ?? 'ERROR';
  const lines: string[] = [];
  if (init.origin) {
    const o = init.origin;
    lines.push(`${displayPath(o.file, base)}:${o.line}:${o.column}: ${severity}: ${init.text}`);
    if (init.sourceLine !== undefined) {
      lines.push(init.sourceLine);
      // Reuse the line's own tabs so the caret lines up whatever the tab width.
      const before = Array.from(init.sourceLine).slice(0, o.column - 1).join('');
      lines.push(before.replace(/[^\t]/g, ' ') + '^');
    }
  } else {
    lines.push(`${severity}: ${init.text}`);
  }
  if (init.detail) lines.push(`DETAIL:  ${init.detail}`);
  if (init.hint) lines.push(`HINT:  ${init.hint}`);
  const chain = init.includeChain ?? [];
  for (let i = chain.length - 1; i >= 0; i--) {
    lines.push(`  included from ${displayPath(chain[i].file, base)}:${chain[i].line}`);
  }
  return lines.join('\n');
}

/** What a driver reports when the server rejects a statement (node-postgres and PGlite errors fit). */
export interface ServerErrorLike {
  message: string;
  /** 1-based character position in the statement; node-postgres gives a string, PGlite a number. */
  position?: number | string;
  severity?: string;
  detail?: string;
  hint?: string;
  /** SQLSTATE (node-postgres and PGlite put it in `code`). */
  code?: string;
}

/**
 * The error an engine throws when the server rejects `statement`: the server's position is mapped
 * through `statement.locate()` to file:line:column (the statement's start when there is none).
 */
export function statementError(statement: Statement, error: ServerErrorLike): ScriptError {
  const raw = typeof error.position === 'string' ? parseInt(error.position, 10) : error.position;
  const origin = raw !== undefined && Number.isFinite(raw) && raw > 0 ? statement.locate(raw) : statement.origin;
  return new ScriptError({
    code: 'sql',
    text: error.message,
    origin,
    includeChain: statement.includeChain,
    sourceLine: statement.sourceLine?.(origin.line),
    severity: error.severity,
    detail: error.detail,
    hint: error.hint,
    sqlState: typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : undefined,
    baseDir: statement.baseDir,
  });
}
