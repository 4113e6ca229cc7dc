/**
 * @pgshift/sql-script — reads a PostgreSQL script the way `psql -X -f` would, without a server,
 * and returns what psql would send (statements) and print (echoes), each tied to file:line:column.
 *
 * Supported, with psql 15's rules:
 * - Statement splitting: `'…'` (backslashes literal), `E'…'` (backslash escapes), `B'…'`, `X'…'`,
 *   `N'…'`, `U&'…'`, `"…"`, `U&"…"`, `$$…$$` and `$tag$…$tag$` (an identifier may contain `$`),
 *   `--` and nested `/* *\/` comments, parenthesis depth, and psql's heuristic for
 *   `CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC … END` (with `CASE … END` inside).
 *   `\;` inserts a semicolon without ending the statement, `\:` a colon without interpolation.
 *   A final statement without a semicolon is sent at the end of its file, as `psql -f` does.
 *   `\set SINGLELINE on` ends statements at line ends.
 * - `COPY … FROM STDIN`: the data lines after the line holding the semicolon, up to `\.` (or end of
 *   file), go into `Statement.copyData`; the rest of the COPY line is read after the data, as in psql.
 * - Variables: `:name` (the value is lexed as script text, so it may hold several statements),
 *   `:'name'` (PQescapeLiteral: ` E'…'` when the value holds backslashes), `:"name"` (PQescapeIdentifier),
 *   `:{?name}`; undefined variables, `::` casts and anything inside quotes, comments or dollar bodies
 *   stay as written; a variable is not expanded inside its own value. psql's settings start with their
 *   `psql -X` values (`ON_ERROR_STOP` = off, …) and are normalised and validated as psql does; the
 *   connection variables (`DBNAME`, `USER`, `VERSION`, …) come from `options.variables`.
 * - Meta-commands: `\i`/`\include` (relative to `baseDir`, psql's working directory), `\ir`/
 *   `\include_relative` (relative to the including file), `\echo`, `\qecho`, `\warn` (with `-n`),
 *   `\set`, `\unset`, `\setenv`, `\if`/`\elif`/`\else`/`\endif` (psql booleans; skipped branches
 *   run nothing), `\q`, `\r`; arguments with '…' (doubled quotes, `\n` `\t` `\b` `\r` `\f`, octal,
 *   hex escapes), "…" (kept), backquotes (run by `/bin/sh` in `baseDir` with the environment:
 *   `options.env` or process.env, plus `options.envFile` values for names not already set, plus
 *   `\setenv`), `:var` forms, several commands on one line, and `\\` back to SQL on the same line.
 *   Display-only commands are accepted and ignored: `\pset`, `\timing`, `\x`, `\t`, `\a`, `\f`, `\H`,
 *   `\C`, `\T`, `\conninfo`, `\errverbose`, `\p`, `\copyright`, `\?`, `\h`.
 * - Origins: each statement keeps the position of its first token (leading comments are left out
 *   of its text), its include chain, and `locate()` maps a server error position (in characters)
 *   back to the file, a position inside an interpolated value to the variable reference.
 *
 * Errors (`ScriptError`, each naming file:line:column with the source line, a caret and the include
 * chain): `syntax` (bad \set / \if values, unbalanced \if), `unterminated` (quote, dollar quote or
 * comment at end of file, \if without \endif, quote in a meta-command argument), `include-missing`,
 * `include-cycle`, `unsupported-meta`, `shell-failed`, `env-file`, `file-missing`, and `sql` from
 * `statementError()` when a server rejects a statement.
 *
 * Deliberately stricter than psql, which prints an error and carries on: an invalid `\if` value,
 * a backquoted command that exits non-zero, and every meta-command that could change the database or
 * read other input — `\c`/`\connect`, `\copy`, `\g*`, `\o`, `\w`, `\!`, `\cd`, `\lo_*`, `\d*`,
 * `\prompt`, `\encoding`, `\watch`, … — is an `unsupported-meta` error, never skipped (in a skipped
 * `\if` branch they are not run, so they are accepted there as psql does). A meta-command written
 * inside a variable's value and `\i -` (standard input) are not supported.
 */
export * from './types';
export { readScript, readScriptText } from './reader';
export { ScriptError, statementError, displayPath } from './errors';
export type { ScriptErrorCode, ScriptErrorInit, ServerErrorLike } from './errors';
export { parseBoolean, psqlLiteral, psqlIdentifier, PSQL_DEFAULTS } from './variables';
