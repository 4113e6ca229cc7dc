/**
 * Two branches of one database project, simulated without git: each is a copy of a common base in a
 * temp folder where migrations are added, and a merge is ours with theirs' new script files copied in
 * and sqitch.plan holding the base lines, then our new lines, then theirs — concatenated as
 * `merge=union` leaves it, or inside the conflict markers git writes (merge or diff3 style).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { loadProject, projectPaths, type Project } from '../src';
import { tempDir } from './helpers';

export type MergeStyle = 'union' | 'merge' | 'diff3';

export const SCRIPT_KINDS = ['deploy', 'revert', 'verify'] as const;

export function project(dir: string): Project {
  return loadProject(dir, { project: 'shop' });
}

export function writeSource(dir: string, sql: string): void {
  const file = projectPaths(project(dir)).source;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, sql);
}

export function planText(dir: string): string {
  return readFileSync(projectPaths(project(dir)).planFile, 'utf8');
}

export function branch(base: string): string {
  const dir = tempDir('pgshift-branch-');
  cpSync(base, dir, { recursive: true });
  return dir;
}

/** The lines a branch added to the base's plan (a branch only appends). */
function addedLines(base: string, side: string): string {
  const before = planText(base);
  const after = planText(side);
  if (!after.startsWith(before)) throw new Error(`${side}: the plan does not extend the base's`);
  return after.slice(before.length);
}

export function merge(base: string, ours: string, theirs: string, style: MergeStyle, source: string): string {
  const dir = branch(ours);
  const migrations = projectPaths(project(dir)).migrations;
  const theirsMigrations = projectPaths(project(theirs)).migrations;
  for (const kind of SCRIPT_KINDS) {
    for (const name of readdirSync(path.join(theirsMigrations, kind))) {
      cpSync(path.join(theirsMigrations, kind, name), path.join(migrations, kind, name));
    }
  }
  const [a, b] = [addedLines(base, ours), addedLines(base, theirs)];
  const middle =
    style === 'union' ? a + b
    : style === 'merge' ? `<<<<<<< HEAD\n${a}=======\n${b}>>>>>>> theirs\n`
    : `<<<<<<< HEAD\n${a}||||||| merged common ancestors\n=======\n${b}>>>>>>> theirs\n`;
  writeFileSync(path.join(migrations, 'sqitch.plan'), planText(base) + middle);
  writeSource(dir, source);
  return dir;
}

export function script(dir: string, kind: (typeof SCRIPT_KINDS)[number], change: string): string {
  return readFileSync(path.join(projectPaths(project(dir)).migrations, kind, `${change}.sql`), 'utf8');
}

export function scriptNames(dir: string): string[] {
  const migrations = projectPaths(project(dir)).migrations;
  return SCRIPT_KINDS.flatMap((kind) => readdirSync(path.join(migrations, kind)).map((name) => `${kind}/${name}`)).sort();
}
