import { randomBytes } from 'crypto';

const PREFIX = 'pgshift_tmp_';

/** `pgshift_tmp_<pid>_<random>`: the pid tells a later run whether the owner is still alive. */
export function throwawayName(pid = process.pid): string {
  return `${PREFIX}${pid}_${randomBytes(6).toString('hex')}`;
}

/** The pid in a throwaway database's name, or undefined for any other name. */
export function ownerPid(name: string): number | undefined {
  const m = /^pgshift_tmp_(\d+)_[0-9a-f]+$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** A LIKE pattern for throwaway database names. */
export const THROWAWAY_LIKE = 'pgshift\\_tmp\\_%';
