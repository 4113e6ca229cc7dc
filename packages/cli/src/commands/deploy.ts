import * as readline from 'readline';
import { deploy, log, projectPaths, revert, status, verify, type PendingHazard, type TargetOptions } from '@pgshift/sqitch';
import { maskSecrets, UsageError } from '../errors';
import { Io } from '../io';
import { flag, parseOptions, stringOption, type Parsed } from '../options';
import { noPositionals, projectFlags, projectFrom, projectHelp } from '../project-options';

export const deployHelp = (verb: string) => `Usage: pgshift ${verb} --target URL [options]

deploy   applies the pending changes of sqitch.plan, each with its registry rows in one transaction
revert   reverts deployed changes, newest first (all of them, or those after --to)
verify   runs the verify script of every deployed change
status   shows the deployed and pending changes
log      lists the registry's events

The registry is Sqitch's own (schema sqitch): the sqitch CLI reads and continues what pgshift
deploys, and the other way round.

Options:
  --target URL          postgres:// URL or db:pg: URI of the database (default: $PGSHIFT_TARGET)
  --to CHANGE           deploy up to / revert back to this change (name, @tag or id)
  --verify              deploy: run each change's verify script inside its transaction
  --no-wait             fail at once when another deploy holds the lock, instead of waiting
  --statement-timeout MS
                        deploy/revert: cancel a change's statement that runs longer (0: no limit)
  --lock-timeout MS     deploy/revert: roll back a change that waits longer for a lock (default
                        3000; 0: no limit), and try it again after a pause that doubles each time
  --lock-tries N        tries in all for a change that hits the lock timeout (default 5); the last
                        failure names the sessions that held the lock
  --retry-delay MS      pause before the first retry (default 500)
  -y                    revert: do not ask for confirmation; deploy: do not ask before changes
                        whose scripts list hazards (data loss, rewrites), which are always shown
${projectHelp}`;

export function deployCommand(verb: 'deploy' | 'revert' | 'verify' | 'status' | 'log') {
  return async (argv: string[], io: Io): Promise<number> => {
    const parsed = parseOptions(argv, {
      ...projectFlags,
      target: { type: 'string' },
      to: { type: 'string' },
      verify: { type: 'boolean' },
      'no-wait': { type: 'boolean' },
      'statement-timeout': { type: 'string' },
      'lock-timeout': { type: 'string' },
      'lock-tries': { type: 'string' },
      'retry-delay': { type: 'string' },
      y: { type: 'boolean', short: 'y' },
    });
    const tries = milliseconds(parsed, 'lock-tries', 'a whole number of tries, 1 or more');
    if (tries === 0) throw new UsageError('--lock-tries must be a whole number of tries, 1 or more, got "0"', 'lock-tries');
    const timeouts = {
      statementTimeout: milliseconds(parsed, 'statement-timeout'),
      lockTimeout: milliseconds(parsed, 'lock-timeout'),
      lockTries: tries,
      retryDelay: milliseconds(parsed, 'retry-delay'),
    };
    noPositionals(parsed);
    const project = projectFrom(parsed);
    const target = stringOption(parsed, 'target') ?? process.env.PGSHIFT_TARGET;
    if (!target) throw new UsageError(`${verb} needs --target URL (or PGSHIFT_TARGET)`, 'target');
    const paths = projectPaths(project);
    const options: TargetOptions = {
      target,
      planFile: paths.planFile,
      onMessage: (m) => io.out(`${maskSecrets(m)}\n`),
      wait: !flag(parsed, 'no-wait'),
    };
    const to = stringOption(parsed, 'to');
    switch (verb) {
      case 'deploy': {
        const onHazards = async (hazards: PendingHazard[]) => {
          io.err(`The pending changes carry hazards:\n${hazards.map((h) => `  ${h.change}: ${h.hazard}${h.size ? ` — ${h.size}` : ''}\n`).join('')}`);
          // Asked only of a person at a terminal; CI and scripts see the list and go on.
          if (flag(parsed, 'y') || !process.stdin.isTTY) return true;
          return confirm(`Deploy to ${maskSecrets(target)} anyway?`);
        };
        const result = await deploy({ ...options, ...timeouts, to, verify: flag(parsed, 'verify'), onHazards });
        if (result.upToDate) io.out(`Nothing to deploy (up-to-date)\n`);
        return 0;
      }
      case 'revert': {
        if (!flag(parsed, 'y') && !(await confirm(`Revert ${to ? `changes after ${to}` : 'all changes'} from ${maskSecrets(target)}?`))) {
          io.err('Nothing reverted.\n');
          return 1;
        }
        await revert({ ...options, ...timeouts, to });
        return 0;
      }
      case 'verify': {
        const result = await verify(options);
        for (const c of result.changes) io.out(`  * ${c.change} .. ${c.ok ? 'ok' : `NOT OK${c.message ? `: ${c.message}` : ''}`}\n`);
        io.out(result.ok ? 'Verify successful\n' : 'Verify failed\n');
        return result.ok ? 0 : 1;
      }
      case 'status': {
        const s = await status(options);
        io.out(`# On database ${maskSecrets(s.destination)}\n# Project: ${s.project}\n`);
        if (s.lastChange) io.out(`# Change: ${s.lastChange.id}\n# Name:   ${s.lastChange.name}\n`);
        for (const m of s.modified) io.out(`Modified after deploy: ${m}\n`);
        if (s.upToDate) io.out('Nothing to deploy (up-to-date)\n');
        else io.out(`Undeployed changes:\n${s.undeployed.map((c) => `  * ${c}\n`).join('')}`);
        return 0;
      }
      case 'log': {
        for (const e of await log(options)) io.out(`${JSON.stringify(e)}\n`);
        return 0;
      }
    }
  };
}

function milliseconds(parsed: Parsed, name: string, what = 'a whole number of milliseconds (0 for no limit)'): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--${name} must be ${what}, got "${text}"`, name);
  }
  return Number(text);
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UsageError('revert asks for confirmation; pass -y to revert without asking', 'y');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
