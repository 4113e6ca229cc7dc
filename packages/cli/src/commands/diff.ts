import { diff, Hazard, notMigrated, renderDeploy } from '@pgshift/diff';
import { createEngine, Engine } from '@pgshift/engines';
import { UsageError } from '../errors';
import { flag, listOption, parseOptions, stringOption } from '../options';
import { Io } from '../io';
import { checkSource, engineOption, loadModels } from '../sources';
import { parseVariables } from '../project-options';

export const diffHelp = `Usage: pgshift diff --from SOURCE --to SOURCE [options]

Prints the SQL that takes a database from the --from state to the --to state, in dependency
order, on stdout; hazards (data loss, table rewrites, long locks) go to stderr.

A SOURCE is one of:
  postgres://user:pass@host/db   a live database, introspected as it is
  path/to/file.sql               a psql script, loaded into a throwaway database
  path/to/dir                    a folder holding init.sql, loaded the same way
  path/to/sqitch.plan            a Sqitch plan, its deploy scripts replayed in plan order
  empty                          an empty database

Options:
  --from SOURCE         the state the database is in now (required)
  --to SOURCE           the state it should reach (required)
  --engine NAME         throwaway databases: pglite (default, embedded), server, docker
  --database-url URL    admin URL for the server engine (default: $PGSHIFT_DATABASE_URL)
  --env-file FILE       .env file whose values backquoted \\set commands see (default: .env beside
                        the source when present)
  -v, --set NAME=VALUE  set a psql variable before loading SQL sources (repeatable)
  --exit-code           exit 2 when there are differences, 0 when there are none
  --online              the online form, as \`migrations add\` writes it: indexes CONCURRENTLY,
                        constraints and NOT NULL added unvalidated, then validated
  --verbose             stack traces on errors

Exit codes: 0 done, 2 differences found (only with --exit-code), 1 error.
`;

export async function diffCommand(argv: string[], io: Io): Promise<number> {
  const parsed = parseOptions(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    engine: { type: 'string' },
    'database-url': { type: 'string' },
    'env-file': { type: 'string' },
    set: { type: 'string', short: 'v', multiple: true },
    'exit-code': { type: 'boolean' },
    online: { type: 'boolean' },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  const fromSource = stringOption(parsed, 'from');
  const toSource = stringOption(parsed, 'to');
  if (!fromSource) throw new UsageError('--from is required', 'from');
  if (!toSource) throw new UsageError('--to is required', 'to');
  checkSource(fromSource, 'from');
  checkSource(toSource, 'to');
  const engine = engineOption(stringOption(parsed, 'engine'), stringOption(parsed, 'database-url'));
  const variables = parseVariables(listOption(parsed, 'set'));
  const common = { envFile: stringOption(parsed, 'env-file'), variables, onEcho: (text: string) => io.err(`${text}\n`) };
  let started: Engine | undefined;
  const lazyEngine = async () => (started ??= await createEngine(engine));
  let changes;
  let unmigrated: string[] = [];
  try {
    const [from, to] = await loadModels(fromSource, toSource, lazyEngine, common);
    changes = diff(from, to, { online: flag(parsed, 'online') });
    unmigrated = notMigrated(from, to, { from: '--from', to: '--to' });
  } finally {
    await started?.dispose();
  }
  const deploy = renderDeploy(changes);
  if (deploy.trim() !== '') io.out(deploy.endsWith('\n') ? deploy : `${deploy}\n`);
  for (const hazard of changes.flatMap((c) => c.hazards)) io.err(`hazard: ${formatHazard(hazard)}\n`);
  for (const warning of unmigrated) io.err(`warning: ${warning}\n`);
  return flag(parsed, 'exit-code') && changes.length > 0 ? 2 : 0;
}

function formatHazard(hazard: Hazard): string {
  return `${hazard.code}: ${hazard.message}`;
}
