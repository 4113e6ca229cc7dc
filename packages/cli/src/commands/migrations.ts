import { addMigration, initMigrations, rebaseMigrations, tagMigrations } from '@pgshift/sqitch';
import { UsageError } from '../errors';
import { Io } from '../io';
import { flag, parseOptions, stringOption } from '../options';
import { noPositionals, projectFlags, projectFrom, projectHelp } from '../project-options';

export const migrationsHelp = `Usage: pgshift migrations init [options]
       pgshift migrations add NAME [--note TEXT] [--no-diff] [--no-online] [options]
       pgshift migrations tag NAME [--note TEXT] [options]
       pgshift migrations rebase [--allow-hazards CODES] [--dry-run] [options]

init   creates sqitch.conf, sqitch.plan and 0000000001-initial, whose deploy creates the whole
       source state, whose revert drops it and whose verify checks it.
add    appends the next numbered change: the diff from the state the existing migrations produce
       to the state the source produces, as deploy / revert / verify scripts and a plan line, all
       written together or not at all. With --no-diff the scripts are empty, for hand-written
       (data) migrations. On tables that exist already, indexes are built and dropped
       CONCURRENTLY in changes of their own, and foreign keys, checks and NOT NULL are added
       unvalidated and validated in a change that follows, so that writers keep running;
       --no-online writes the plain form, one transaction.
tag    appends @NAME after the last change of sqitch.plan, as \`sqitch tag\` does (a release:
       \`deploy --to @NAME\`, \`revert --to @NAME\`); a change takes one tag.
rebase after a git merge of two branches that each added migrations: git conflict markers in
       sqitch.plan that only separate lines both sides appended are resolved by keeping both
       (ours, then theirs). Plan order decides the numbers: the first change to hold a number keeps
       it; each later change whose number is taken moves to one more than the highest number before
       it, its scripts renamed and the requires naming it updated, its tags kept. A renamed change
       the differ wrote (its scripts still carry their unedited "generated from a diff" line) is
       checked on the --engine: the plan replayed up to it, then its deploy, then its revert. If the
       deploy fails, the revert does not restore that base, or (for the last change) base + deploy
       is not the source state, its scripts are regenerated as the diff from the new base to the
       source (last change) or to base + deploy (a change in the middle; an error if its deploy
       fails). Hand-written (--no-diff or edited) changes are only renamed, with a warning. Renamed
       changes get new Sqitch ids: a database that deployed one under its old name must revert it
       first. No git needed; everything is written together or not at all.

Options:
  --note TEXT            the plan note (of the change or the tag)
  --no-diff              write empty scripts instead of a diff
  --no-online            the plain form: no CONCURRENTLY, no NOT VALID + VALIDATE
  --target URL           add: a database (production, a copy) whose sizes the lock and rewrite
                         hazards report for the tables they name
  --allow-hazards CODES  comma-separated hazard codes to accept (data-loss is refused by default, in a
                         rebase unless the change's scripts already carried it; "all")
  --dry-run              say what would be written, write nothing
${projectHelp}`;

export async function migrationsCommand(argv: string[], io: Io): Promise<number> {
  const parsed = parseOptions(argv, {
    ...projectFlags,
    note: { type: 'string' },
    'no-diff': { type: 'boolean' },
    'no-online': { type: 'boolean' },
    target: { type: 'string' },
    'allow-hazards': { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  // The subcommand is the first positional, wherever the options stand.
  const sub = parsed.positionals.shift();
  const project = projectFrom(parsed);
  const common = {
    onMessage: (line: string) => io.out(`${line}\n`),
    onEcho: (text: string) => io.err(`${text}\n`),
    dryRun: flag(parsed, 'dry-run'),
    allowHazards: (stringOption(parsed, 'allow-hazards') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
  switch (sub) {
    case 'init':
      noPositionals(parsed);
      await initMigrations(project, common);
      return 0;
    case 'add': {
      noPositionals(parsed, 1);
      const name = parsed.positionals[0];
      if (!name) throw new UsageError('migrations add needs a NAME, e.g. `pgshift migrations add todos-view`');
      await addMigration(project, name, { ...common, note: stringOption(parsed, 'note'), noDiff: flag(parsed, 'no-diff'), online: !flag(parsed, 'no-online'), target: stringOption(parsed, 'target') });
      return 0;
    }
    case 'tag': {
      noPositionals(parsed, 1);
      const name = parsed.positionals[0];
      if (!name) throw new UsageError('migrations tag needs a NAME, e.g. `pgshift migrations tag v1.0.0`');
      tagMigrations(project, name, { onMessage: common.onMessage, dryRun: common.dryRun, note: stringOption(parsed, 'note') });
      return 0;
    }
    case 'rebase':
      noPositionals(parsed);
      await rebaseMigrations(project, { ...common, onWarning: (line) => io.err(`warning: ${line}\n`) });
      return 0;
    default:
      throw new UsageError(
        sub === undefined ? 'migrations needs a subcommand: init, add, tag or rebase' : `unknown subcommand "migrations ${sub}"; use init, add, tag or rebase`,
      );
  }
}
