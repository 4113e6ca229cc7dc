import { loadProject, Project, ProjectOptions } from '@pgshift/sqitch';
import { UsageError } from './errors';
import { OptionSpec, Parsed, listOption, stringOption } from './options';

/** The pgshift.json keys as flags: every command that works on a project accepts them. */
export const projectFlags: OptionSpec = {
  'project-dir': { type: 'string' },
  source: { type: 'string' },
  migrations: { type: 'string' },
  tests: { type: 'string', multiple: true },
  'env-file': { type: 'string' },
  engine: { type: 'string' },
  'database-url': { type: 'string' },
  set: { type: 'string', short: 'v', multiple: true },
};

export const projectHelp = `Project options (each overrides the pgshift.json key of the same name):
  --project-dir DIR     the database project (default: the current folder)
  --source FILE         SQL source entry file (default: db/src/init.sql)
  --migrations DIR      folder of sqitch.conf / sqitch.plan / deploy / revert / verify (default: db/migrations)
  --tests GLOB          pgTAP test files (repeatable; default: db/tests/**/*.sql, tests/db/**/*.sql)
  --env-file FILE       .env file whose values backquoted \\set commands see (default: .env when present)
  --engine NAME         throwaway databases: pglite (default), server
  --database-url URL    admin URL for the server engine (default: $PGSHIFT_DATABASE_URL)
  -v, --set NAME=VALUE  psql variable set before the source loads (repeatable)
`;

export function projectFrom(parsed: Parsed): Project {
  const engine = stringOption(parsed, 'engine');
  if (engine !== undefined && engine !== 'pglite' && engine !== 'server') {
    throw new UsageError(`--engine must be pglite or server, got "${engine}"`, 'engine');
  }
  const tests = listOption(parsed, 'tests');
  const variables = parseVariables(listOption(parsed, 'set'));
  const overrides: Partial<ProjectOptions> = {
    source: stringOption(parsed, 'source'),
    migrations: stringOption(parsed, 'migrations'),
    tests: tests.length > 0 ? tests : undefined,
    envFile: stringOption(parsed, 'env-file'),
    engine: engine as ProjectOptions['engine'] | undefined,
    databaseUrl: stringOption(parsed, 'database-url'),
    variables: Object.keys(variables).length > 0 ? variables : undefined,
  };
  return loadProject(stringOption(parsed, 'project-dir') ?? process.cwd(), overrides);
}

export function parseVariables(pairs: string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects NAME=VALUE, got "${pair}"`, 'set');
    variables[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return variables;
}

export function noPositionals(parsed: Parsed, max = 0): void {
  if (parsed.positionals.length > max) throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`);
}
