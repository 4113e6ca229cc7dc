/**
 * The `\i` / `\ir` lines of a psql script, read without running it: enough to know which files a
 * database project's SQL pulls in, for the project graph and for mirroring a project out of the
 * Nx Tree. Paths built from psql variables cannot be known before loading, so they are skipped.
 */
import * as path from 'path';

export interface Include {
  /** 1-based line of the meta-command. */
  line: number;
  /** The path as written. */
  target: string;
  /** `\ir` / `\include_relative`: relative to the including file; `\i` / `\include`: to the base folder. */
  relative: boolean;
}

const META = /^\s*\\(ir|include_relative|i|include)\s+('(?:[^']|'')*'|"[^"]*"|\S+)/;

export function scanIncludes(text: string): Include[] {
  const found: Include[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = META.exec(lines[i]!);
    if (!m) continue;
    let target = m[2]!;
    if (target.startsWith("'")) target = target.slice(1, -1).replace(/''/g, "'");
    else if (target.startsWith('"')) target = target.slice(1, -1);
    if (target.includes(':') || target === '-') continue;
    found.push({ line: i + 1, target, relative: m[1] === 'ir' || m[1] === 'include_relative' });
  }
  return found;
}

/** Where an include points, as a path relative to the workspace root (both inputs are too). */
export function resolveInclude(include: Include, file: string, baseDir: string): string {
  const from = include.relative ? path.posix.dirname(file) : baseDir;
  return path.posix.normalize(path.posix.join(from, include.target.replace(/\\/g, '/')));
}

/**
 * Every file reachable from `entry` through includes (entry first), reading with `read`, which
 * returns undefined for a file that does not exist. Paths are workspace-relative.
 */
export function includeClosure(entry: string, baseDir: string, read: (file: string) => string | undefined): string[] {
  const seen = new Set<string>();
  const queue = [path.posix.normalize(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    const text = read(file);
    if (text === undefined) continue;
    seen.add(file);
    for (const include of scanIncludes(text)) queue.push(resolveInclude(include, file, baseDir));
  }
  return [...seen];
}
