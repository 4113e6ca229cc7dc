/**
 * Runs pgTAP files: a template database is built once (the caller's load, then pgTAP), and every
 * file runs in a copy of its own, so that nothing one file does (or fails to roll back) reaches
 * another. A file's TAP output is the text that its statements return, read as psql would print it.
 */
import * as path from 'path';
import picomatch from 'picomatch';
import { readdirSync } from 'fs';
import type { Database, Engine } from '@pgshift/engines';
import { readScript, ScriptError, statementError, type ReadOptions, type ScriptItem, type ServerErrorLike } from '@pgshift/sql-script';
import { PgtapError } from './errors';
import type { InstallMethod } from './pgtap-install';
import { summarize } from './summary';
import { filePassed, TapParser } from './tap';
import { buildTemplate } from './template';
import type { FileResult, RunSummary } from './types';

export interface RunOptions {
  engine: Engine;
  /** Builds the schema in an empty database: from the SQL source or from the migrations. */
  load: (db: Database) => Promise<void>;
  /** Test files, absolute or relative to baseDir, in the order they are reported. */
  files: string[];
  /** The project folder: files are shown relative to it and `\i` in a test file starts there. */
  baseDir: string;
  /** How many files run at once, each in its own clone of the template; 1 by default. */
  parallel?: number;
  /** pgTAP's install script, for servers without the extension. */
  pgtapScript?: string;
  /** Folders to search for pgTAP's install script; the usual PostgreSQL install places by default. */
  pgtapSearchDirs?: string[];
  /** psql variables and environment for reading test files. */
  read?: Pick<ReadOptions, 'variables' | 'env' | 'envFile'>;
  /** Called as each file finishes (in completion order when files run in parallel). */
  onFileDone?: (result: FileResult) => void;
}

export interface TestRun extends RunSummary {
  /** How pgTAP got into the template. */
  pgtap: InstallMethod;
  /** Time spent building the template. */
  templateMs: number;
}

export const DEFAULT_TEST_GLOBS = ['db/tests/**/*.sql', 'tests/db/**/*.sql'];

function isServerError(err: unknown): err is ServerErrorLike & Error {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string' && typeof (err as { severity?: unknown }).severity === 'string';
}

/** Text of the first column of each row, which is where pgTAP functions put their TAP lines. */
function tapLines(rows: Record<string, unknown>[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const first = Object.values(row)[0];
    if (typeof first === 'string') lines.push(first);
  }
  return lines;
}

async function runItems(db: Database, items: ScriptItem[], parser: TapParser): Promise<void> {
  for (const item of items) {
    if (item.type === 'echo') {
      parser.line(item.text);
      continue;
    }
    try {
      if (item.copyData !== undefined) {
        await db.copyFrom(item.sql, item.copyData);
      } else {
        const { rows } = await db.query<Record<string, unknown>>(item.sql);
        for (const line of tapLines(rows)) parser.line(line);
      }
    } catch (err) {
      // As psql -v ON_ERROR_STOP=1 (what pg_prove runs): the first error ends the file.
      throw isServerError(err) ? statementError(item, err) : err;
    }
  }
}

async function runFile(file: string, db: Database, options: RunOptions): Promise<Omit<FileResult, 'file' | 'durationMs' | 'passed'>> {
  const parser = new TapParser();
  let error: unknown;
  try {
    const variables = { ...(await db.automaticVariables()), ...(options.read?.variables ?? {}) };
    const items = readScript(file, { ...options.read, variables, baseDir: options.baseDir });
    await runItems(db, items, parser);
  } catch (err) {
    error = err;
  }
  const result: Omit<FileResult, 'file' | 'durationMs' | 'passed'> = parser.end();
  if (error instanceof ScriptError) {
    result.error = error.message;
    if (error.origin) {
      result.errorLocation = { file: displayFile(error.origin.file, options.baseDir), line: error.origin.line, column: error.origin.column };
    }
  } else if (error !== undefined) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

function displayFile(file: string, baseDir: string): string {
  const rel = path.relative(baseDir, path.resolve(baseDir, file));
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

export async function runTests(options: RunOptions): Promise<TestRun> {
  const started = Date.now();
  const template = await buildTemplate(options.engine, options.load, {
    ...(options.pgtapScript !== undefined ? { pgtapScript: options.pgtapScript } : {}),
    ...(options.pgtapSearchDirs !== undefined ? { searchDirs: options.pgtapSearchDirs } : {}),
  });
  const results: FileResult[] = new Array(options.files.length);
  try {
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < options.files.length) {
        const index = nextIndex++;
        const file = options.files[index];
        const fileStarted = Date.now();
        const db = await template.database.clone().catch((err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err);
          throw new PgtapError('TEST_DATABASE_FAILED', `cannot copy the template database for ${displayFile(file, options.baseDir)}: ${reason}`, {
            file,
            cause: err,
          });
        });
        let partial;
        try {
          partial = await runFile(file, db, options);
        } finally {
          await db.dispose();
        }
        const result: FileResult = { ...partial, file: displayFile(file, options.baseDir), durationMs: Date.now() - fileStarted, passed: false };
        result.passed = filePassed(result);
        results[index] = result;
        options.onFileDone?.(result);
      }
    };
    const workers = Math.max(1, Math.min(options.parallel ?? 1, options.files.length));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await template.database.dispose();
  }
  return {
    ...summarize(results, Date.now() - started),
    pgtap: template.pgtap,
    templateMs: template.buildMs,
  };
}

/** Test files under baseDir matching the globs (relative to baseDir), sorted. */
export function discoverTests(baseDir: string, globs: string[] = DEFAULT_TEST_GLOBS): string[] {
  const isMatch = picomatch(globs, { dot: false });
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(baseDir, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && isMatch(rel)) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}
