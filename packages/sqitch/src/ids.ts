/**
 * Change ids, tag ids and script hashes, computed as Sqitch 1.3 computes them
 * (App::Sqitch::Plan::Change->info/id, App::Sqitch::Plan::Tag->info/id, Change->_deploy_hash).
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';

export interface ChangeInfoInput {
  project: string;
  uri?: string;
  name: string;
  parentId?: string;
  plannerName: string;
  plannerEmail: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`, as written in the plan. */
  timestamp: string;
  /** Dependencies as Depend->as_string gives them: `name`, `name@tag`, `other:name` (no `!`). */
  requires: string[];
  conflicts: string[];
  note: string;
}

/** Perl truthiness of a string: '' and '0' are false. Sqitch tests notes and uris that way. */
export function perlTrue(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== '0';
}

export function changeInfo(c: ChangeInfoInput): string {
  const lines = [`project ${c.project}`];
  if (perlTrue(c.uri)) lines.push(`uri ${canonicalUri(c.uri)}`);
  lines.push(`change ${c.name}`);
  if (c.parentId) lines.push(`parent ${c.parentId}`);
  lines.push(`planner ${c.plannerName} <${c.plannerEmail}>`);
  lines.push(`date ${c.timestamp}`);
  if (c.requires.length) lines.push(`requires\n  + ${c.requires.join('\n  + ')}`);
  if (c.conflicts.length) lines.push(`conflicts\n  - ${c.conflicts.join('\n  - ')}`);
  if (perlTrue(c.note)) lines.push('', c.note);
  return lines.join('\n');
}

export interface TagInfoInput {
  project: string;
  uri?: string;
  name: string;
  changeId: string;
  plannerName: string;
  plannerEmail: string;
  timestamp: string;
  note: string;
}

export function tagInfo(t: TagInfoInput): string {
  const lines = [`project ${t.project}`];
  if (perlTrue(t.uri)) lines.push(`uri ${canonicalUri(t.uri)}`);
  lines.push(`tag @${t.name}`);
  lines.push(`change ${t.changeId}`);
  lines.push(`planner ${t.plannerName} <${t.plannerEmail}>`);
  lines.push(`date ${t.timestamp}`);
  if (perlTrue(t.note)) lines.push('', t.note);
  return lines.join('\n');
}

/** Git-style object hash: SHA-1 over `<kind> <byte length>\0<utf-8 content>`. */
function objectId(kind: 'change' | 'tag', info: string): string {
  const content = Buffer.from(info, 'utf8');
  return createHash('sha1').update(`${kind} ${content.length}\0`).update(content).digest('hex');
}

export const changeId = (c: ChangeInfoInput): string => objectId('change', changeInfo(c));
export const tagId = (t: TagInfoInput): string => objectId('tag', tagInfo(t));

/** SHA-1 of the deploy script's raw bytes; undefined when the file does not exist (sqitch stores NULL). */
export function scriptHash(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return createHash('sha1').update(bytes).digest('hex');
}

const defaultPorts: Record<string, string> = { http: '80', https: '443', ftp: '21', ws: '80', wss: '443', ssh: '22', git: '9418' };

/**
 * The subset of Perl URI->canonical that project URIs meet: lower-case scheme and host, default
 * port dropped, an empty http(s) path becomes `/`, percent-escapes upper-cased.
 */
export function canonicalUri(uri: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(uri);
  if (!m) return uri;
  const scheme = m[1]!.toLowerCase();
  let rest = m[2]!.replace(/%[0-9a-fA-F]{2}/g, (e) => e.toUpperCase());
  const auth = /^\/\/([^/?#]*)(.*)$/s.exec(rest);
  if (auth) {
    let authority = auth[1]!;
    let tail = auth[2]!;
    const at = authority.lastIndexOf('@');
    const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
    let hostport = at >= 0 ? authority.slice(at + 1) : authority;
    const pm = /^(.*?)(?::(\d*))?$/.exec(hostport)!;
    const host = pm[1]!.toLowerCase();
    let port: string | undefined = pm[2];
    if (port === '' || port === defaultPorts[scheme]) port = undefined;
    hostport = port === undefined ? host : `${host}:${port}`;
    authority = userinfo + hostport;
    if ((scheme === 'http' || scheme === 'https') && (tail === '' || tail.startsWith('?') || tail.startsWith('#'))) {
      tail = `/${tail}`;
    }
    rest = `//${authority}${tail}`;
  }
  return `${scheme}:${rest}`;
}
