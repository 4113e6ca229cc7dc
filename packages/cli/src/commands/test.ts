import { testProject } from '@pgshift/sqitch';
import { UsageError } from '../errors';
import { Io } from '../io';
import { flag, parseOptions, stringOption } from '../options';
import { noPositionals, projectFlags, projectFrom, projectHelp } from '../project-options';

export const testHelp = `Usage: pgshift test [options]

Runs the project's pgTAP tests against a fresh database built from the SQL source (or, with
--from-migrations, from the migrations). pgTAP comes from the server's extension when it has one,
else from an install script (--pgtap-script, or one found in a PostgreSQL installation). Each
file runs in a database of its own, cloned from a template built once.

Options:
  --from-migrations       build the database from the migrations instead of the source
  --reporter NAME         terminal (default) or junit
  --output-file FILE      where the junit reporter writes its XML
  --parallel N            files at once (server engine)
  --pgtap-script FILE     pgTAP's install script (pgtap.sql)
  --verbose               list every assertion, not only failures
${projectHelp}`;

export async function testCommand(argv: string[], io: Io): Promise<number> {
  const parsed = parseOptions(argv, {
    ...projectFlags,
    'from-migrations': { type: 'boolean' },
    reporter: { type: 'string' },
    'output-file': { type: 'string' },
    parallel: { type: 'string' },
    'pgtap-script': { type: 'string' },
  });
  noPositionals(parsed);
  const reporter = stringOption(parsed, 'reporter') ?? 'terminal';
  if (reporter !== 'terminal' && reporter !== 'junit') throw new UsageError(`--reporter must be terminal or junit, got "${reporter}"`, 'reporter');
  const parallelText = stringOption(parsed, 'parallel');
  const parallel = parallelText === undefined ? undefined : Number(parallelText);
  if (parallel !== undefined && (!Number.isInteger(parallel) || parallel < 1)) throw new UsageError(`--parallel must be a whole number ≥ 1, got "${parallelText}"`, 'parallel');
  const run = await testProject(projectFrom(parsed), {
    fromMigrations: flag(parsed, 'from-migrations'),
    reporter,
    outputFile: stringOption(parsed, 'output-file'),
    parallel,
    pgtapScript: stringOption(parsed, 'pgtap-script'),
    color: process.stdout.isTTY === true,
    out: (text) => io.out(text),
  });
  return run.success ? 0 : 1;
}
