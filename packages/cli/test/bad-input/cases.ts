/**
 * The bad-input corpus: each case names its input folder (beside this file), the pgshift command
 * line, the exit code and the message the user must see. In argv, `{dir}` is a scratch copy of the
 * case's folder, `{server}` the admin URL of the test server and `{target}` the URL of a scratch
 * database made for the case.
 */
export interface BadInputCase {
  name: string;
  /** Folder beside this file holding the case's input files. */
  folder?: string;
  argv: string[];
  /** Expected exit code (never 0). */
  code: number;
  /** What the first paragraph of stderr must match: it names the file:line or the option. */
  message: RegExp;
  /** Needs the PostgreSQL test server (engine `server` or a deploy target). */
  server?: boolean;
  /** Also run through `node packages/cli/bin/pgshift.js`. */
  launcher?: boolean;
  /** Extra environment for the launcher run. */
  env?: Record<string, string>;
  /** A secret that must never reach the output. */
  secret?: string;
}

const duplicateNumber =
  /sqitch\.plan:6: change "0000000002-prices" is numbered 2, as "0000000002-names" \(line 5\) is: two branches each added a migration 2 and git merged both into the plan\. Run `pgshift migrations rebase`/;

const source = (folder: string) => `{dir}/${folder === 'no-init' ? '' : 'init.sql'}`;
const server = ['--engine', 'server', '--database-url', '{server}'];

/** diff from a SQL source on the test server's throwaway databases (loaded first, so the failure comes first). */
function sourceCase(name: string, message: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return { name, folder: name, argv: ['diff', '--from', source(name), '--to', 'empty', ...server], code: 1, message, server: true, ...extra };
}

/** A command on a project folder (layout db/src, db/migrations). */
function projectCase(name: string, argv: string[], message: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return { name, folder: name, argv: [...argv, '--project-dir', '{dir}'], code: 1, message, ...extra };
}

export const cases: BadInputCase[] = [
  // SQL sources
  sourceCase('syntax-deep-include', /lib\/more\/views\.sql:5:7: ERROR: +syntax error at or near "app"[\s\S]*included from .*lib\/tables\.sql:2[\s\S]*included from .*init\.sql:2/, {
    argv: ['diff', '--from', 'empty', '--to', '{dir}/init.sql', ...server],
    launcher: true,
  }),
  sourceCase('missing-include', /init\.sql:3:1: ERROR: +cannot include .*lib\/absent\.sql: no such file/),
  sourceCase('include-cycle', /b\.sql:2:1: .*cycle/i),
  sourceCase('unknown-meta', /init\.sql:2:1: .*\\frobnicate/),
  sourceCase('undefined-variable', /init\.sql:2:\d+: .*syntax error at or near ":"/),
  sourceCase('undefined-variable-literal', /init\.sql:1:\d+: .*syntax error at or near ":"/),
  sourceCase('missing-relation', /init\.sql:3:\d+: ERROR: +relation "app\.nope" does not exist/),
  sourceCase('plpgsql-body', /init\.sql:\d+:\d+: ERROR: +syntax error at or near "retrun"/),
  sourceCase('role-dependent-drop', /init\.sql:5:\d+: ERROR: +role "pgshift_badinput_reader" cannot be dropped because some objects depend on it/),
  sourceCase('extension-missing', /init\.sql:1:\d+: ERROR: +extension "postgis" is not available/),
  sourceCase('unterminated-string', /init\.sql:2:\d+: .*unterminated/i),
  sourceCase('unterminated-dollar', /init\.sql:1:\d+: .*unterminated/i),
  sourceCase('unbalanced-if', /init\.sql:1:\d+: .*\\if/),
  sourceCase('shell-failed', /init\.sql:1:\d+: .*exit 3/),
  sourceCase('include-folder', /init\.sql:2:1: .*lib/),
  sourceCase('copy-bad-row', /init\.sql:\d+:\d+: ERROR: +invalid input syntax for type integer: "two"/),
  {
    name: 'env-file-missing',
    folder: 'env-file-missing',
    argv: ['diff', '--from', '{dir}/init.sql', '--to', 'empty', '--env-file', '{dir}/absent.env', ...server],
    code: 1,
    message: /cannot read .*absent\.env: ENOENT/,
    server: true,
  },
  {
    name: 'error-in-from',
    folder: 'error-in-from',
    argv: ['diff', '--from', '{dir}/init.sql', '--to', 'empty', ...server],
    code: 1,
    message: /init\.sql:2:\d+: ERROR: +column "id" of relation "t" already exists/,
    server: true,
  },
  { name: 'source-missing', argv: ['diff', '--from', 'empty', '--to', '{dir}/nope.sql'], code: 1, message: /--to .*nope\.sql: no such file or folder/ },
  { name: 'source-folder-without-init', folder: 'no-init', argv: ['diff', '--from', 'empty', '--to', '{dir}'], code: 1, message: /--to .*: the folder holds no init\.sql/ },
  {
    name: 'extension-pglite-lacks',
    folder: 'extension-missing',
    argv: ['diff', '--from', 'empty', '--to', '{dir}/init.sql'],
    code: 1,
    message: /init\.sql:1:\d+: .*postgis/,
  },

  // The command line
  { name: 'unknown-command', argv: ['frobnicate'], code: 1, message: /unknown command "frobnicate"/, launcher: true },
  { name: 'unknown-option', argv: ['diff', '--from', 'empty', '--to', 'empty', '--colour'], code: 1, message: /'--colour'/ },
  { name: 'missing-from', argv: ['diff', '--to', 'empty'], code: 1, message: /--from is required/ },
  { name: 'missing-to', argv: ['diff', '--from', 'empty'], code: 1, message: /--to is required/ },
  { name: 'unknown-engine', argv: ['diff', '--from', 'empty', '--to', 'empty', '--engine', 'oracle'], code: 1, message: /--engine must be pglite, server or docker, got "oracle"/, launcher: true },
  { name: 'bad-set', argv: ['diff', '--from', 'empty', '--to', 'empty', '--set', 'owner'], code: 1, message: /--set expects NAME=VALUE, got "owner"/ },
  { name: 'unexpected-argument', argv: ['diff', 'extra', '--from', 'empty', '--to', 'empty'], code: 1, message: /unexpected argument "extra"/ },
  projectCase('deploy-missing-target', ['deploy'], /deploy needs --target URL/, { folder: 'project-ok', launcher: true }),
  projectCase('test-parallel-zero', ['test', '--parallel', '0'], /--parallel must be a whole number ≥ 1, got "0"/, { folder: 'project-ok' }),
  projectCase('test-parallel-text', ['test', '--parallel', 'lots'], /--parallel must be a whole number ≥ 1, got "lots"/, { folder: 'project-ok' }),
  projectCase('test-bad-reporter', ['test', '--reporter', 'xml'], /--reporter must be terminal or junit, got "xml"/, { folder: 'project-ok' }),
  projectCase('deploy-bad-statement-timeout', ['deploy', '--target', 'postgres://127.0.0.1:1/x', '--statement-timeout', 'soon'], /--statement-timeout must be a whole number of milliseconds .*got "soon"/, { folder: 'project-ok' }),
  projectCase('deploy-bad-lock-timeout', ['deploy', '--target', 'postgres://127.0.0.1:1/x', '--lock-timeout=-5'], /--lock-timeout must be .*got "-5"/, { folder: 'project-ok' }),
  projectCase('migrations-no-subcommand', ['migrations'], /migrations needs a subcommand: init, add, tag or rebase/, { folder: 'project-ok' }),
  projectCase('migrations-unknown-subcommand', ['migrations', 'remove'], /unknown subcommand "migrations remove"/, { folder: 'project-ok' }),
  projectCase('migrations-add-without-name', ['migrations', 'add'], /migrations add needs a NAME/, { folder: 'project-ok' }),
  { name: 'project-dir-missing', argv: ['status', '--target', 'postgres://127.0.0.1:1/x', '--project-dir', '/nonexistent/pgshift-project'], code: 1, message: /The project folder \/nonexistent\/pgshift-project does not exist/ },
  projectCase('revert-no-confirmation', ['revert', '--target', 'postgres://127.0.0.1:1/x'], /revert asks for confirmation; pass -y/, { folder: 'revert-no-confirm' }),

  // pgshift.json
  projectCase('pgshift-json-syntax', ['status', '--target', 'postgres://127.0.0.1:1/x'], /pgshift\.json: not valid JSON/, { launcher: true }),
  projectCase('pgshift-json-unknown-key', ['status', '--target', 'postgres://127.0.0.1:1/x'], /pgshift\.json: unknown key "migration"/),
  projectCase('pgshift-json-wrong-type', ['migrations', 'add', 'x'], /pgshift\.json: "engine" must be "pglite", "server" or "docker", got 3/),
  projectCase('pgshift-json-variables', ['migrations', 'add', 'x'], /pgshift\.json: "variables" must be an object of string values/),

  // sqitch.plan and sqitch.conf
  projectCase('plan-bad-date', ['status', '--target', 'postgres://pgshift:plan-secret@127.0.0.1:1/x'], /sqitch\.plan:5: invalid date 2026-13-45/, { secret: 'plan-secret' }),
  projectCase('plan-duplicate-change', ['status', '--target', 'postgres://127.0.0.1:1/x'], /sqitch\.plan:6: Change "0000000002-names" duplicates earlier declaration on line 5/),
  projectCase('plan-unknown-dependency', ['status', '--target', 'postgres://127.0.0.1:1/x'], /sqitch\.plan:5.*unknown change "prices"/),
  projectCase('plan-no-project', ['status', '--target', 'postgres://127.0.0.1:1/x'], /Missing %project pragma in .*sqitch\.plan/),
  projectCase('plan-bad-line', ['status', '--target', 'postgres://127.0.0.1:1/x'], /sqitch\.plan:5: Invalid name/),
  projectCase('conf-syntax', ['migrations', 'add', 'x', '--no-diff'], /sqitch\.conf:3/),

  // sqitch.plan after a git merge of two branches that each added migration 2
  projectCase('migrations-add-duplicate-number', ['migrations', 'add', 'x', '--no-diff'], duplicateNumber, { folder: 'plan-duplicate-number' }),
  {
    name: 'diff-plan-duplicate-number',
    folder: 'plan-duplicate-number',
    argv: ['diff', '--from', '{dir}/db/migrations/sqitch.plan', '--to', 'empty'],
    code: 1,
    message: duplicateNumber,
  },
  projectCase('status-plan-conflict-marker', ['status', '--target', 'postgres://127.0.0.1:1/x'], /sqitch\.plan:5: git conflict marker "<<<<<<<": the plan holds an unresolved merge of two branches\. Run `pgshift migrations rebase`/, {
    folder: 'plan-conflict-marker',
  }),
  projectCase(
    'migrations-rebase-both-edited',
    ['migrations', 'rebase'],
    /sqitch\.plan:8: the git conflict opened at line 5 cannot be resolved by keeping both sides: both branches wrote change "0000000002-names" \(line 6 on our side, line 8 on theirs\)\. Resolve it by hand/,
    { folder: 'plan-conflict-both-edited', launcher: true },
  ),
  projectCase('migrations-rebase-extra-argument', ['migrations', 'rebase', 'now'], /unexpected argument "now"/, { folder: 'project-ok' }),
  projectCase('migrations-rebase-no-plan', ['migrations', 'rebase'], /db\/migrations\/sqitch\.plan does not exist; run `pgshift migrations init` first/, { folder: 'missing-relation' }),
  projectCase('conf-unterminated', ['migrations', 'add', 'x', '--no-diff'], /sqitch\.conf:4/),

  // Servers and targets
  {
    name: 'unreachable-server',
    argv: ['deploy', '--target', 'postgres://deployer:hunter2-secret@127.0.0.1:1/app', '--project-dir', '{dir}'],
    folder: 'project-ok',
    code: 1,
    message: /Cannot connect to postgres:\/\/deployer:\*+@127\.0\.0\.1:1\/app: .*ECONNREFUSED.*; check that the server is running/,
    secret: 'hunter2-secret',
    launcher: true,
  },
  {
    name: 'unreachable-live-source',
    argv: ['diff', '--from', 'postgres://admin:s3cret-pass@127.0.0.1:1/nowhere', '--to', 'empty'],
    code: 1,
    message: /postgres:\/\/admin:\*+@127\.0\.0\.1:1\/nowhere/,
    secret: 's3cret-pass',
  },
  {
    name: 'wrong-password',
    argv: ['status', '--target', '{server-wrong-password}', '--project-dir', '{dir}'],
    folder: 'project-ok',
    code: 1,
    message: /Cannot connect to postgres:\/\/pgshift:\*+@127\.0\.0\.1:5432\/postgres: password authentication failed for user "pgshift"; check the target's user and password/,
    secret: 'not-the-password',
    server: true,
  },
  {
    name: 'missing-database',
    argv: ['status', '--target', '{server-missing-db}', '--project-dir', '{dir}'],
    folder: 'project-ok',
    code: 1,
    message: /Cannot connect to .*pgshift_no_such_db: database "pgshift_no_such_db" does not exist; create the database first/,
    server: true,
  },
  {
    name: 'engine-server-wrong-password',
    folder: 'missing-relation',
    argv: ['diff', '--from', 'empty', '--to', '{dir}/init.sql', '--engine', 'server', '--database-url', '{server-wrong-password}'],
    code: 1,
    message: /password authentication failed/,
    secret: 'not-the-password',
    server: true,
  },
  {
    name: 'docker-not-running',
    folder: 'missing-relation',
    argv: ['diff', '--from', '{dir}/init.sql', '--to', 'empty', '--engine', 'docker'],
    env: { DOCKER_HOST: 'unix:///nonexistent/pgshift-test/docker.sock' },
    code: 1,
    message: /Docker daemon/,
    launcher: true,
  },
  { name: 'target-not-postgres', argv: ['status', '--target', 'mysql://root:my-secret@db/app', '--project-dir', '{dir}'], folder: 'project-ok', code: 1, message: /mysql:\/\/root:\*+@db\/app is neither a db:pg: URI nor a postgres:\/\/ URL/, secret: 'my-secret' },

  // Deploys
  projectCase('deploy-missing-script', ['deploy', '--target', '{target}'], /Deploy script deploy\/0000000002-names\.sql of change "0000000002-names" does not exist/, { server: true }),
  projectCase('deploy-third-statement', ['deploy', '--target', '{target}'], /Deploy of change "0000000002-names" failed at deploy\/0000000002-names\.sql:6: column "nme" does not exist/, { server: true, launcher: true }),
  projectCase('deploy-unknown-change', ['deploy', '--target', '{target}', '--to', 'prices'], /Unknown change: "prices" is not in .*sqitch\.plan/, { server: true }),

  // Migrations that must leave the project as it was
  projectCase('migration-data-loss', ['migrations', 'add', 'prices', ...server], /data-loss/, { server: true }),
  projectCase('migration-source-error', ['migrations', 'add', 'prices', ...server], /db\/src\/init\.sql:3:\d+: ERROR: +syntax error at or near "defalt"/, { server: true }),
  projectCase('migration-already-init', ['migrations', 'init'], /sqitch\.plan already exists/),
  projectCase('migration-missing-deploy', ['migrations', 'add', 'prices', ...server], /deploy\/0000000002-names\.sql/, { server: true }),
];
