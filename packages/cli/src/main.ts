import { deployCommand, deployHelp } from './commands/deploy';
import { devCommand, devHelp } from './commands/dev';
import { diffCommand, diffHelp } from './commands/diff';
import { migrationsCommand, migrationsHelp } from './commands/migrations';
import { testCommand, testHelp } from './commands/test';
import { formatError, UsageError } from './errors';
import { Io, processIo } from './io';

export interface Command {
  help: string;
  run(argv: string[], io: Io): Promise<number>;
}

const commands: Record<string, Command> = {
  diff: { help: diffHelp, run: diffCommand },
  migrations: { help: migrationsHelp, run: migrationsCommand },
  deploy: { help: deployHelp('deploy'), run: deployCommand('deploy') },
  revert: { help: deployHelp('revert'), run: deployCommand('revert') },
  verify: { help: deployHelp('verify'), run: deployCommand('verify') },
  status: { help: deployHelp('status'), run: deployCommand('status') },
  log: { help: deployHelp('log'), run: deployCommand('log') },
  test: { help: testHelp, run: testCommand },
  dev: { help: devHelp, run: devCommand },
};

const usage = `Usage: pgshift <command> [options]

Commands:
  diff               print the migration between two database states
  migrations init    start the project's migrations from the whole source state
  migrations add     write the next migration: migrations' state → source state
  migrations rebase  renumber the migrations two merged branches both added
  deploy             apply pending migrations to a database (sqitch-compatible registry)
  revert             revert deployed migrations
  verify             run the verify scripts of deployed migrations
  status             show deployed and pending migrations
  log                list the registry's events
  test               run the pgTAP tests against a fresh database
  dev                serve a development database, reloaded from the source on every save

\`pgshift <command> --help\` shows a command's options.

Options:
  --verbose   show stack traces on errors
  --help      show help
`;

/** Runs the CLI and returns the exit code: 0 done, 1 error, 2 differences with --exit-code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  const [name, ...rest] = argv.filter((a) => a !== '--verbose');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage);
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    io.out(`${require('../package.json').version}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`pgshift: unknown command "${name}".\n\n${usage}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`${formatError(error, verbose)}\n`);
    if (error instanceof UsageError) io.err(`Run \`pgshift ${name} --help\` for the options.\n`);
    return 1;
  }
}
