/**
 * Puts pgTAP into a database: `CREATE EXTENSION pgtap` where the server offers it, otherwise
 * pgTAP's install script run as plain SQL (PGlite, servers without the package). pgTAP 1.x is
 * SQL and PL/pgSQL only, so the extension script loads anywhere once its psql guard line is gone.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { Database } from '@pgshift/engines';
import { PgtapError } from './errors';

export interface InstallOptions {
  /** pgTAP's install script (`pgtap.sql` or `pgtap--<version>.sql`); searched for on the machine when absent. */
  pgtapScript?: string;
  /** Folders holding PostgreSQL `extension/` directories to search; defaults to the usual install places. */
  searchDirs?: string[];
}

export type InstallMethod = { method: 'extension' } | { method: 'script'; file: string };

export const NOT_FOUND_MESSAGE =
  'pgTAP is not installed: install your distribution\'s package (e.g. `apt-get install postgresql-15-pgtap`) ' +
  'or pass `pgtapScript` pointing at pgtap.sql';

/** Parent folders of `extension/` directories in common PostgreSQL installations. */
function defaultSearchDirs(): string[] {
  const dirs: string[] = [];
  const globbed = (parent: string, pattern: RegExp, suffix: string) => {
    try {
      for (const entry of readdirSync(parent)) if (pattern.test(entry)) dirs.push(path.join(parent, entry, suffix));
    } catch {
      // The parent does not exist on this machine.
    }
  };
  try {
    const shareDir = execFileSync('pg_config', ['--sharedir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    if (shareDir) dirs.push(shareDir);
  } catch {
    // No pg_config on PATH.
  }
  globbed('/usr/share/postgresql', /^\d+$/, '');
  dirs.push('/usr/share/postgresql', '/usr/local/share/postgresql', '/usr/local/pgsql/share');
  globbed('/usr', /^pgsql-\d+$/, 'share');
  globbed('/opt/homebrew/share', /^postgresql(@\d+)?$/, '');
  globbed('/usr/local/share', /^postgresql(@\d+)?$/, '');
  return dirs;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The install script with the highest pgTAP version among the given folders' `extension/`
 * directories (`pgtap--1.2.0.sql`; update scripts `pgtap--a--b.sql` are not full installs), or a
 * plain `pgtap.sql` when no versioned one exists.
 */
export function findPgtapScript(searchDirs: string[] = defaultSearchDirs()): string | undefined {
  let best: { file: string; version: string } | undefined;
  let plain: string | undefined;
  for (const dir of searchDirs) {
    const extDir = path.join(dir, 'extension');
    let entries: string[];
    try {
      entries = readdirSync(extDir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const m = /^pgtap--(\d+(?:\.\d+)*)\.sql$/.exec(entry);
      if (m && (!best || compareVersions(m[1], best.version) > 0)) best = { file: path.join(extDir, entry), version: m[1] };
      if (entry === 'pgtap.sql' && plain === undefined) plain = path.join(extDir, entry);
    }
  }
  return best?.file ?? plain;
}

/**
 * The script's SQL, ready to run outside CREATE EXTENSION: without the `\echo … \quit` guard that
 * extension scripts start with (psql would stop there), and refused when it needs pgTAP's C library.
 */
export function prepareScript(text: string, file: string): string {
  const sql = text.replace(/^\\echo [^\n]*\\quit[^\n]*\n?/m, '');
  if (/MODULE_PATHNAME|\$libdir|LANGUAGE\s+'?c'?\b/i.test(sql)) {
    throw new PgtapError(
      'PGTAP_SCRIPT_NEEDS_C',
      `${file}: this pgTAP script needs pgTAP's C library, which only an installed extension has; use pgTAP 1.0 or later (SQL and PL/pgSQL only)`,
      { file, option: 'pgtapScript' },
    );
  }
  return sql;
}

export async function serverHasPgtap(db: Database): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 AS available FROM pg_available_extensions WHERE name = 'pgtap'");
  return rows.length > 0;
}

/** Where pgTAP would come from, without touching a database beyond asking what it offers. */
export async function resolvePgtap(db: Database, options: InstallOptions = {}): Promise<InstallMethod> {
  if (options.pgtapScript !== undefined) {
    if (!existsSync(options.pgtapScript)) {
      throw new PgtapError('PGTAP_SCRIPT_UNREADABLE', `pgtapScript ${options.pgtapScript} does not exist`, {
        option: 'pgtapScript',
        file: options.pgtapScript,
      });
    }
    return { method: 'script', file: options.pgtapScript };
  }
  if (await serverHasPgtap(db)) return { method: 'extension' };
  const file = findPgtapScript(options.searchDirs);
  if (file === undefined) throw new PgtapError('PGTAP_NOT_FOUND', NOT_FOUND_MESSAGE, { option: 'pgtapScript' });
  return { method: 'script', file };
}

/** Installs pgTAP into the database and says how. An explicit `pgtapScript` wins over the server's extension. */
export async function installPgtap(db: Database, options: InstallOptions = {}): Promise<InstallMethod> {
  const how = await resolvePgtap(db, options);
  try {
    if (how.method === 'extension') {
      await db.exec('CREATE EXTENSION IF NOT EXISTS pgtap');
    } else {
      let text: string;
      try {
        text = readFileSync(how.file, 'utf8');
      } catch (err) {
        throw new PgtapError('PGTAP_SCRIPT_UNREADABLE', `cannot read the pgTAP script ${how.file}: ${(err as Error).message}`, {
          file: how.file,
          option: 'pgtapScript',
          cause: err,
        });
      }
      await db.exec(prepareScript(text, how.file));
    }
  } catch (err) {
    if (err instanceof PgtapError) throw err;
    const from = how.method === 'extension' ? 'CREATE EXTENSION pgtap' : how.file;
    throw new PgtapError('PGTAP_INSTALL_FAILED', `installing pgTAP (${from}) failed: ${(err as Error).message}`, { cause: err });
  }
  return how;
}
