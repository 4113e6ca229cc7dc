/**
 * Targets: sqitch's `db:pg://user:pass@host:port/dbname?opts` URIs (also `db:pg:dbname` and the
 * bare `db:pg:`, which leave the rest to libpq's environment), or a plain `postgres://` URL.
 */
import { SqitchError } from './errors';

export function connectionString(target: string): string | undefined {
  if (/^postgres(ql)?:/i.test(target)) return target;
  const m = /^db:pg:(.*)$/is.exec(target);
  if (!m) {
    throw new SqitchError('TARGET', `Target ${maskPassword(target)} is neither a db:pg: URI nor a postgres:// URL.`);
  }
  const rest = m[1]!;
  if (rest === '') return undefined;
  if (rest.startsWith('//')) return `postgresql:${rest}`;
  // db:pg:dbname
  return `postgresql:///${rest}`;
}

/** The URL with its password replaced by `***`, for messages. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.:-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}
