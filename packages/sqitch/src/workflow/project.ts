/**
 * A database project: a folder with an optional pgshift.json whose defaults match the layout
 * teams already use. The CLI and the Nx plugin both resolve their options through here.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { SqitchError } from '../errors';

export interface ProjectOptions {
  /** Entry file of the SQL source, loaded the way `psql -f` loads it. */
  source: string;
  /** Folder holding sqitch.conf, sqitch.plan, deploy/, revert/, verify/. */
  migrations: string;
  /** Globs of pgTAP test files. */
  tests: string[];
  /** .env file whose values backquoted \set commands see; `.env` when present. */
  envFile?: string;
  /** Throwaway databases: pglite (embedded), server, docker. */
  engine: 'pglite' | 'server' | 'docker';
  /** Admin URL for the server engine; PGSHIFT_DATABASE_URL when absent. */
  databaseUrl?: string;
  /** Sqitch project name written to %project; the folder's name when absent. */
  project?: string;
  /** psql variables set before the source is loaded. */
  variables?: Record<string, string>;
  /** Options of the docker engine. */
  docker?: DockerOptions;
}

export interface DockerOptions {
  /** Image to run; `postgres:<major>` by default. */
  image?: string;
  /** PostgreSQL major version of the default image (18). */
  major?: number;
  env?: Record<string, string>;
  pull?: 'missing' | 'always' | 'never';
  network?: 'bridge' | 'host';
}

export interface Project extends ProjectOptions {
  /** Absolute folder of the project; every path above is relative to it. */
  dir: string;
  /** pgshift.json, when the project has one. */
  configFile?: string;
}

export const CONFIG_FILE = 'pgshift.json';

export const defaults: Omit<ProjectOptions, 'envFile'> = {
  source: 'db/src/init.sql',
  migrations: 'db/migrations',
  tests: ['db/tests/**/*.sql', 'tests/db/**/*.sql'],
  engine: 'pglite',
};

const keys: Record<keyof ProjectOptions, (v: unknown) => boolean> = {
  source: (v) => typeof v === 'string' && v !== '',
  migrations: (v) => typeof v === 'string' && v !== '',
  tests: (v) => Array.isArray(v) && v.every((g) => typeof g === 'string'),
  envFile: (v) => typeof v === 'string',
  engine: (v) => v === 'pglite' || v === 'server' || v === 'docker',
  databaseUrl: (v) => typeof v === 'string',
  project: (v) => typeof v === 'string' && /^[^\s:@#]+$/.test(v as string),
  variables: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
  docker: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const d = v as Record<string, unknown>;
    const checks: Record<string, (x: unknown) => boolean> = {
      image: (x) => typeof x === 'string' && x !== '',
      major: (x) => Number.isInteger(x) && (x as number) >= 14,
      env: (x) => typeof x === 'object' && x !== null && Object.values(x).every((e) => typeof e === 'string'),
      pull: (x) => x === 'missing' || x === 'always' || x === 'never',
      network: (x) => x === 'bridge' || x === 'host',
    };
    return Object.entries(d).every(([k, x]) => k in checks && checks[k]!(x));
  },
};

const expected: Record<keyof ProjectOptions, string> = {
  source: 'a file path',
  migrations: 'a folder path',
  tests: 'an array of globs',
  envFile: 'a file path',
  engine: '"pglite", "server" or "docker"',
  databaseUrl: 'a postgres:// URL',
  project: 'a Sqitch project name (no blanks, ":", "@" or "#")',
  variables: 'an object of string values',
  docker: 'an object with image, major (14 or later), env, pull ("missing", "always", "never") and network ("bridge", "host")',
};

export class ProjectError extends SqitchError {}

/**
 * Reads pgshift.json (when present) and applies overrides (CLI flags, Nx options) on top.
 * Unknown keys and wrong types are errors that name the file and the key.
 */
export function loadProject(dir: string, overrides: Partial<ProjectOptions> = {}): Project {
  const root = path.resolve(dir);
  if (!existsSync(root)) throw new ProjectError('NOT_FOUND', `The project folder ${root} does not exist.`);
  const configFile = path.join(root, CONFIG_FILE);
  let fromFile: Partial<ProjectOptions> = {};
  if (existsSync(configFile)) fromFile = parseProjectConfig(readFileSync(configFile, 'utf8'), configFile);
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<ProjectOptions>;
  for (const [key, value] of Object.entries(given)) check(key, value, 'option');
  const merged: ProjectOptions = { ...defaults, ...fromFile, ...given };
  if (merged.envFile === undefined && existsSync(path.join(root, '.env'))) merged.envFile = '.env';
  return { ...merged, dir: root, ...(existsSync(configFile) ? { configFile } : {}) };
}

export function parseProjectConfig(text: string, file: string): Partial<ProjectOptions> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProjectError('CONFIG_SYNTAX', `${file}: not valid JSON: ${(error as Error).message}.`, { file });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ProjectError('CONFIG_SYNTAX', `${file}: expected a JSON object with keys such as "source" and "migrations".`, { file });
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === '$schema') continue;
    check(key, value, file);
    out[key] = value;
  }
  return out as Partial<ProjectOptions>;
}

function check(key: string, value: unknown, where: string): void {
  if (!(key in keys)) {
    throw new ProjectError('CONFIG_SYNTAX', `${where}: unknown key "${key}"; pgshift knows ${Object.keys(keys).join(', ')}.`, { file: where });
  }
  if (!keys[key as keyof ProjectOptions](value)) {
    throw new ProjectError('CONFIG_SYNTAX', `${where}: "${key}" must be ${expected[key as keyof ProjectOptions]}, got ${JSON.stringify(value)}.`, {
      file: where,
    });
  }
}

/** Absolute paths of the project's parts. */
export function projectPaths(project: Project) {
  const migrations = path.resolve(project.dir, project.migrations);
  return {
    source: path.resolve(project.dir, project.source),
    migrations,
    planFile: path.join(migrations, 'sqitch.plan'),
    confFile: path.join(migrations, 'sqitch.conf'),
    envFile: project.envFile === undefined ? undefined : path.resolve(project.dir, project.envFile),
  };
}
