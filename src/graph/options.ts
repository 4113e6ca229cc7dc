/** Options of the pgshift entry in nx.json `plugins`. */
export interface PgshiftPluginOptions {
  /** Globs (workspace-relative, picomatch) of the pgshift.json files that make a database project. */
  configGlobs?: string[];
  /** Globs of the sqitch.plan files that make a database project where there is no pgshift.json. */
  planGlobs?: string[];
  diffTargetName?: string;
  testTargetName?: string;
  deployTargetName?: string;
  revertTargetName?: string;
  verifyTargetName?: string;
  statusTargetName?: string;
  devTargetName?: string;
}

export type TargetKey = 'diff' | 'test' | 'deploy' | 'revert' | 'verify' | 'status' | 'dev';

export const TARGET_KEYS: TargetKey[] = ['diff', 'test', 'deploy', 'revert', 'verify', 'status', 'dev'];

export type NormalizedPluginOptions = Required<PgshiftPluginOptions>;

export function normalizePluginOptions(options: PgshiftPluginOptions | undefined): NormalizedPluginOptions {
  const o = options ?? {};
  return {
    configGlobs: o.configGlobs ?? ['**/pgshift.json'],
    planGlobs: o.planGlobs ?? ['**/sqitch.plan'],
    diffTargetName: o.diffTargetName ?? 'diff',
    testTargetName: o.testTargetName ?? 'test',
    deployTargetName: o.deployTargetName ?? 'deploy',
    revertTargetName: o.revertTargetName ?? 'revert',
    verifyTargetName: o.verifyTargetName ?? 'verify',
    statusTargetName: o.statusTargetName ?? 'status',
    devTargetName: o.devTargetName ?? 'dev',
  };
}

export function targetName(options: NormalizedPluginOptions, key: TargetKey): string {
  return options[`${key}TargetName`];
}
