/** Where a piece of SQL came from. Lines and columns are 1-based. */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

/** One SQL statement as psql would send it, after variable interpolation. */
export interface Statement {
  type: 'statement';
  /** The statement text as sent to the server (no trailing semicolon needed by the server). */
  sql: string;
  /** Start of the statement in its file. */
  origin: Origin;
  /** The \i / \ir chain that led to the file, outermost first (each origin is the include line). */
  includeChain: Origin[];
  /** Data lines of `COPY … FROM stdin`, up to (not including) `\.`, each line ending in \n. */
  copyData?: string;
  /**
   * Maps a 1-based character position in `sql` (as the server reports it in an error) back to
   * the file, accounting for interpolated variables.
   */
  locate(position: number): Origin;
  /** The text of a line of the statement's file, for error messages. */
  sourceLine?(line: number): string | undefined;
  /** Folder that paths in messages about this statement are relative to. */
  baseDir?: string;
}

/** Output of \echo / \qecho, kept in order with the statements. */
export interface Echo {
  type: 'echo';
  /** The echoed text without the line break psql writes after it. */
  text: string;
  /** False for `\echo -n …`: psql writes no line break after the text. */
  newline?: boolean;
  /** Which meta-command wrote it: \echo and \qecho go to standard output, \warn to standard error. */
  command?: 'echo' | 'qecho' | 'warn';
  origin: Origin;
  /** The \i / \ir chain that led to the file, outermost first. */
  includeChain?: Origin[];
}

export type ScriptItem = Statement | Echo;

export interface ReadOptions {
  /** Variables set before the script runs (psql -v), including psql's automatic ones. */
  variables?: Record<string, string>;
  /** Environment for backquoted commands and \setenv; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** A .env file whose values are added to the environment seen by backquotes. */
  envFile?: string;
  /** Paths in origins are printed relative to this folder; defaults to process.cwd(). */
  baseDir?: string;
  /**
   * Called with the absolute path of every file the reader reads or tries to read: the script,
   * each `\i` / `\ir` target (a missing one too) and `envFile`. A watcher learns from it what to watch.
   */
  onFile?: (file: string) => void;
}
