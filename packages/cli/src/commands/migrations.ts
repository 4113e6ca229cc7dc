import { addMigration, initMigrations, tagMigrations } from '@pgshift/sqitch';
import { UsageError } from '../errors';
import { Io } from '../io';
import { flag, parseOptions, stringOption } from '../options';
import { noPositionals, projectFlags, projectFrom, projectHelp } from '../project-options';

export const migrationsHelp = `Usage: pgshift migrations init [options]
       pgshift migrations add NAME [--note TEXT] [--no-diff] [options]
       pgshift migrations tag NAME [--note TEXT] [options]

init   creates sqitch.conf, sqitch.plan and 0000000001-initial, whose deploy creates the whole
       source state, whose revert drops it and whose verify checks it.
add    appends the next numbered change: the diff from the state the existing migrations produce
       to the state the source produces, as deploy / revert / verify scripts and a plan line, all
       written together or not at all. With --no-diff the scripts are empty, for hand-written
       (data) migrations.
tag    appends @NAME after the last change of sqitch.plan, as \`sqitch tag\` does (a release:
       \`deploy --to @NAME\`, \`revert --to @NAME\`); a change takes one tag.

Options:
  --note TEXT            the plan note (of the change or the tag)
  --no-diff              write empty scripts instead of a diff
  --allow-hazards CODES  comma-separated hazard codes to accept (data-loss is refused by default; "all")
  --dry-run              say what would be written, write nothing
${projectHelp}`;

export async function migrationsCommand(argv: string[], io: Io): Promise<number> {
  const parsed = parseOptions(argv, {
    ...projectFlags,
    note: { type: 'string' },
    'no-diff': { type: 'boolean' },
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
      await addMigration(project, name, { ...common, note: stringOption(parsed, 'note'), noDiff: flag(parsed, 'no-diff') });
      return 0;
    }
    case 'tag': {
      noPositionals(parsed, 1);
      const name = parsed.positionals[0];
      if (!name) throw new UsageError('migrations tag needs a NAME, e.g. `pgshift migrations tag v1.0.0`');
      tagMigrations(project, name, { onMessage: common.onMessage, dryRun: common.dryRun, note: stringOption(parsed, 'note') });
      return 0;
    }
    default:
      throw new UsageError(sub === undefined ? 'migrations needs a subcommand: init, add or tag' : `unknown subcommand "migrations ${sub}"; use init, add or tag`);
  }
}
