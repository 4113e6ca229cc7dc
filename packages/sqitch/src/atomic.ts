/**
 * Writing a migration's files so that the plan never names a script that is not there:
 *
 * 1. every file is first written to a temporary file next to its target and fsynced;
 * 2. the scripts are renamed into place;
 * 3. the plan is renamed LAST, then its folder is fsynced.
 *
 * If anything fails before the plan's rename, the scripts already renamed are removed again (or
 * their earlier content restored) and the temporary files deleted, so the tree is as it was. If the
 * process dies between steps 2 and 3, what remains are scripts no plan line names: deploy reads
 * only the plan, so they are ignored, and the next write of the same change replaces them. Temporary
 * files of a process that died are removed by the next write into the same folders.
 *
 * Files that a rename of changes leaves unnamed by the plan (`remove`) are deleted only after the
 * plan is in place: until then the plan still names them.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'fs';
import * as path from 'path';
import { SqitchError } from './errors';

export interface FileWrite {
  path: string;
  content: string | Buffer;
}

function tempPath(target: string): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${rand}.tmp`);
}

const TEMP_NAME = /^\..+\.(\d+)\.[a-z0-9]+\.tmp$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files that a killed writer left behind; a live writer's own are kept. */
function removeStaleTemps(dirs: Iterable<string>): void {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const m = TEMP_NAME.exec(name);
      if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) rmSync(path.join(dir, name), { force: true });
    }
  }
}

function writeSynced(file: string, content: string | Buffer): void {
  const fd = openSync(file, 'wx', 0o644);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function previousContent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

export function writeFilesAtomically(files: FileWrite[], planUpdate?: FileWrite, options: { remove?: string[] } = {}): void {
  const all = planUpdate ? [...files, planUpdate] : files;
  const temps = new Map<FileWrite, string>();
  const renamed: { target: string; before: Buffer | undefined }[] = [];
  let step = 'write';
  let current = '';
  try {
    removeStaleTemps(new Set(all.map((f) => path.dirname(f.path))));
    for (const f of all) {
      current = f.path;
      mkdirSync(path.dirname(f.path), { recursive: true });
      const tmp = tempPath(f.path);
      temps.set(f, tmp);
      writeSynced(tmp, f.content);
    }
    step = 'rename';
    for (const f of files) {
      current = f.path;
      const before = previousContent(f.path);
      renameSync(temps.get(f)!, f.path);
      temps.delete(f);
      renamed.push({ target: f.path, before });
    }
    for (const dir of new Set(files.map((f) => path.dirname(f.path)))) fsyncDir(dir);
    if (planUpdate) {
      current = planUpdate.path;
      renameSync(temps.get(planUpdate)!, planUpdate.path);
      temps.delete(planUpdate);
      fsyncDir(path.dirname(planUpdate.path));
    }
  } catch (e) {
    for (const tmp of temps.values()) rmSync(tmp, { force: true });
    for (const r of renamed.reverse()) {
      if (r.before === undefined) rmSync(r.target, { force: true });
      else writeFilesAtomically([{ path: r.target, content: r.before }]);
    }
    throw new SqitchError(
      'ATOMIC_WRITE',
      `Cannot ${step} ${current}: ${(e as Error).message}. No file was changed: the scripts written so far were removed and the plan was left as it was.`,
      { file: current },
      { cause: e },
    );
  }
  const written = new Set(all.map((f) => path.resolve(f.path)));
  for (const file of options.remove ?? []) {
    if (written.has(path.resolve(file))) continue;
    try {
      rmSync(file, { force: true });
    } catch (e) {
      throw new SqitchError(
        'ATOMIC_WRITE',
        `The plan and its scripts were written, but ${file} cannot be removed: ${(e as Error).message}. The plan no longer names it; delete it by hand.`,
        { file },
        { cause: e },
      );
    }
  }
}
