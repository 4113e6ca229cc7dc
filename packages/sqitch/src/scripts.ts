/**
 * Where a change's scripts live: `<top_dir>/deploy/<name>.sql`, or for an earlier instance of a
 * reworked change `<name>@<tag>.sql` (Change->path_segments: the first rework tag whose deploy file
 * exists, else the first rework tag).
 */
import { existsSync } from 'fs';
import * as path from 'path';
import type { Change } from './plan';

export type ScriptKind = 'deploy' | 'revert' | 'verify';

export interface ScriptDirs {
  topDir: string;
  deployDir?: string;
  revertDir?: string;
  verifyDir?: string;
  /** Script file extension without the dot; `sql` by default. */
  extension?: string;
}

export function scriptDir(dirs: ScriptDirs, kind: ScriptKind): string {
  const configured = kind === 'deploy' ? dirs.deployDir : kind === 'revert' ? dirs.revertDir : dirs.verifyDir;
  return configured ?? path.join(dirs.topDir, kind);
}

function segments(dirs: ScriptDirs, change: Change): string[] {
  const ext = `.${dirs.extension ?? 'sql'}`;
  const parts = change.name.split('/');
  if (!change.reworkTags.length) {
    parts[parts.length - 1] += ext;
    return parts;
  }
  const base = parts.pop()!;
  const deployDir = scriptDir(dirs, 'deploy');
  const names = change.reworkTags.map((t) => `${base}@${t.name}${ext}`);
  const existing = names.find((n) => existsSync(path.join(deployDir, ...parts, n)));
  return [...parts, existing ?? names[0]!];
}

export function scriptPath(dirs: ScriptDirs, change: Change, kind: ScriptKind): string {
  return path.join(scriptDir(dirs, kind), ...segments(dirs, change));
}
