/**
 * sqitch.conf: the git-config dialect that Sqitch reads through Config::GitLike — sections
 * `[core]`, subsections `[engine "pg"]`, `key = value`, `#`/`;` comments, double quotes and
 * backslash escapes. Keys are `section.key` or `section.subsection.key`; section and key names are
 * case-insensitive, subsections are not. Edits rewrite only the line they touch.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from './errors';
import type { Planner } from './plan';

export interface ConfigEntry {
  key: string;
  value: string;
  file: string;
  line: number;
}

export interface ConfigFile {
  file: string;
  text: string;
  entries: ConfigEntry[];
}

const headerRe = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(?:[#;].*)?$/;
const keyRe = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(?:=(.*))?$/;

function sectionKey(section: string, sub: string | undefined): string {
  if (sub !== undefined) return `${section.toLowerCase()}.${sub.replace(/\\(.)/g, '$1')}`;
  // Old-style `[section.sub]`: the subsection is lower-cased with the rest.
  return section.toLowerCase();
}

/** Parses a value: quotes group, backslash escapes, `#`/`;` start a comment outside quotes. */
function parseValue(raw: string, file: string, line: number): { value: string; continues: boolean } {
  let out = '';
  let quoted = false;
  let pendingSpace = '';
  let i = 0;
  const s = raw.replace(/^\s+/, '');
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      if (i === s.length - 1) return { value: out + pendingSpace, continues: true };
      const n = s[++i]!;
      const esc: Record<string, string> = { n: '\n', t: '\t', b: '\b', '\\': '\\', '"': '"' };
      if (!(n in esc)) throw new ConfigError('CONFIG_SYNTAX', `Invalid escape "\\${n}" in ${file}:${line}.`, { file, line });
      out += pendingSpace + esc[n];
      pendingSpace = '';
    } else if (c === '"') {
      out += pendingSpace;
      pendingSpace = '';
      quoted = !quoted;
    } else if (!quoted && (c === '#' || c === ';')) {
      break;
    } else if (!quoted && /\s/.test(c)) {
      pendingSpace += c;
    } else {
      out += pendingSpace + c;
      pendingSpace = '';
    }
  }
  if (quoted) throw new ConfigError('CONFIG_SYNTAX', `Unterminated quoted value in ${file}:${line}.`, { file, line });
  return { value: out, continues: false };
}

export function parseConfig(text: string, file = 'sqitch.conf'): ConfigFile {
  const entries: ConfigEntry[] = [];
  const lines = text.split(/\r?\n/);
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    if (/^\s*([#;].*)?$/.test(line)) continue;
    const h = headerRe.exec(line);
    if (h) {
      section = sectionKey(h[1]!, h[2]);
      continue;
    }
    const k = keyRe.exec(line);
    if (!k || section === undefined) {
      throw new ConfigError(
        'CONFIG_SYNTAX',
        `Cannot parse ${file}:${lineNo}: expected "[section]", "[section \\"name\\"]" or "key = value" inside a section.`,
        { file, line: lineNo },
      );
    }
    let value = 'true';
    if (k[2] !== undefined) {
      let raw = k[2];
      let parsed = parseValue(raw, file, lineNo);
      value = parsed.value;
      while (parsed.continues && i + 1 < lines.length) {
        raw = lines[++i]!;
        parsed = parseValue(raw, file, i + 1);
        value += parsed.value;
      }
    }
    entries.push({ key: `${section}.${k[1]!.toLowerCase()}`, value, file, line: lineNo });
  }
  return { file, text, entries };
}

export function readConfigFile(file: string): ConfigFile | undefined {
  if (!existsSync(file)) return undefined;
  return parseConfig(readFileSync(file, 'utf8'), file);
}

function quoteValue(value: string): string {
  if (value !== '' && !/^\s|\s$|[#;"\\\n\t]/.test(value)) return value;
  return `"${value.replace(/[\\"\n\t]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\${c}`))}"`;
}

function splitKey(key: string): { section: string; sub?: string; name: string } {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first < 0) throw new ConfigError('CONFIG_SYNTAX', `Invalid config key "${key}": keys look like section.name or section.sub.name.`);
  return {
    section: key.slice(0, first).toLowerCase(),
    sub: first === last ? undefined : key.slice(first + 1, last),
    name: key.slice(last + 1).toLowerCase(),
  };
}

/** Sets `key` in the config text: replaces its last line, or adds it to its section, or adds the section. */
export function setConfigValue(text: string, key: string, value: string): string {
  const { section, sub, name } = splitKey(key);
  const want = sub === undefined ? section : `${section}.${sub}`;
  const lines = text.split('\n');
  const eol = text.includes('\r\n') ? '\r' : '';
  let current: string | undefined;
  let lastInSection = -1;
  let existing = -1;
  lines.forEach((line, i) => {
    const h = headerRe.exec(line.replace(/\r$/, ''));
    if (h) {
      current = sectionKey(h[1]!, h[2]);
      if (current === want) lastInSection = i;
      return;
    }
    if (current !== want) return;
    const k = keyRe.exec(line.replace(/\r$/, ''));
    if (!/^\s*[#;]/.test(line) && k && k[1]!.toLowerCase() === name) existing = i;
    if (!/^\s*$/.test(line) && !/^\s*[#;]/.test(line)) lastInSection = i;
  });
  const entry = `\t${name} = ${quoteValue(value)}${eol}`;
  if (existing >= 0) {
    lines[existing] = entry;
  } else if (lastInSection >= 0) {
    lines.splice(lastInSection + 1, 0, entry);
  } else {
    const header = sub === undefined ? `[${section}]` : `[${section} "${sub.replace(/[\\"]/g, (c) => `\\${c}`)}"]`;
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    lines.push(header + eol, entry, '');
  }
  return lines.join('\n');
}

/** The merged view of the user's and the project's sqitch.conf, later files winning. */
export class SqitchConfig {
  constructor(readonly files: ConfigFile[]) {}

  get(key: string): string | undefined {
    const { section, sub, name } = splitKey(key);
    const want = sub === undefined ? `${section}.${name}` : `${section}.${sub}.${name}`;
    let found: string | undefined;
    for (const f of this.files) for (const e of f.entries) if (e.key === want) found = e.value;
    return found;
  }

  /** Subsection names of a section, e.g. the targets of `[target "x"]`. */
  subsections(section: string): string[] {
    const names = new Set<string>();
    for (const f of this.files) {
      for (const e of f.entries) {
        const parts = e.key.split('.');
        if (parts[0] === section && parts.length > 2) names.add(parts.slice(1, -1).join('.'));
      }
    }
    return [...names];
  }
}

export interface LoadConfigOptions {
  /** The project folder (where sqitch.conf is); defaults to the working directory. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Reads the config files sqitch reads: SQITCH_SYSTEM_CONFIG, the user's (~/.sqitch), the project's. */
export function loadConfig(options: LoadConfigOptions = {}): SqitchConfig {
  const env = options.env ?? process.env;
  const dir = options.dir ?? process.cwd();
  const home = env.HOME ?? os.homedir();
  const candidates = [
    env.SQITCH_SYSTEM_CONFIG,
    env.SQITCH_USER_CONFIG ?? path.join(home, '.sqitch', 'sqitch.conf'),
    env.SQITCH_CONFIG ? path.resolve(dir, env.SQITCH_CONFIG) : path.join(dir, 'sqitch.conf'),
  ];
  const files = candidates.flatMap((f) => {
    const c = f ? readConfigFile(f) : undefined;
    return c ? [c] : [];
  });
  return new SqitchConfig(files);
}

export interface ProjectSettings {
  engine: string;
  topDir: string;
  planFile: string;
  deployDir: string;
  revertDir: string;
  verifyDir: string;
  extension: string;
  registry: string;
  client: string;
  /** The target URI (`db:pg:…`) after resolving a target name through `[target "name"] uri`. */
  target: string;
}

/**
 * Settings as sqitch resolves them for one target: `[target "x"]` over `[engine "pg"]` over `[core]`,
 * paths relative to `dir`.
 */
export function projectSettings(config: SqitchConfig, options: { dir?: string; target?: string } = {}): ProjectSettings {
  const dir = options.dir ?? process.cwd();
  const engine = config.get('core.engine') ?? 'pg';
  let targetName = options.target ?? config.get(`engine.${engine}.target`) ?? `db:${engine}:`;
  let uri = targetName;
  if (!targetName.includes(':')) {
    const fromConfig = config.get(`target.${targetName}.uri`);
    if (fromConfig === undefined) {
      throw new ConfigError('CONFIG_MISSING', `Cannot find target "${targetName}": sqitch.conf has no [target "${targetName}"] uri.`, {
        file: path.join(dir, 'sqitch.conf'),
      });
    }
    uri = fromConfig;
  } else {
    targetName = '';
  }
  const pick = (key: string): string | undefined =>
    (targetName ? config.get(`target.${targetName}.${key}`) : undefined) ?? config.get(`engine.${engine}.${key}`) ?? config.get(`core.${key}`);
  const topDir = path.resolve(dir, pick('top_dir') ?? '.');
  const under = (key: string, fallback: string) => {
    const v = pick(key);
    return v === undefined ? path.join(topDir, fallback) : path.resolve(dir, v);
  };
  return {
    engine,
    topDir,
    planFile: under('plan_file', 'sqitch.plan'),
    deployDir: under('deploy_dir', 'deploy'),
    revertDir: under('revert_dir', 'revert'),
    verifyDir: under('verify_dir', 'verify'),
    extension: pick('extension') ?? 'sql',
    registry: pick('registry') ?? 'sqitch',
    client: pick('client') ?? 'psql',
    target: uri,
  };
}

function gitConfig(key: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const v = execFileSync('git', ['config', '--get', key], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    return v.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who plans and deploys, in Sqitch's order: SQITCH_FULLNAME / SQITCH_EMAIL, then sqitch.conf
 * `user.name` / `user.email`, then git's `user.name` / `user.email`, then the system user and
 * `user@hostname`.
 */
export function resolveIdentity(options: { config?: SqitchConfig; dir?: string; env?: NodeJS.ProcessEnv } = {}): Planner {
  const env = options.env ?? process.env;
  const dir = options.dir ?? process.cwd();
  const config = options.config ?? loadConfig({ dir, env });
  const sysuser = () => env.SQITCH_ORIG_SYSUSER || env.LOGNAME || env.USER || env.USERNAME || os.userInfo().username;
  const name =
    env.SQITCH_FULLNAME || config.get('user.name') || env.SQITCH_ORIG_FULLNAME || gitConfig('user.name', dir, env) || sysuser();
  const email =
    env.SQITCH_EMAIL || config.get('user.email') || env.SQITCH_ORIG_EMAIL || gitConfig('user.email', dir, env) || `${sysuser()}@${os.hostname()}`;
  return { name, email };
}
