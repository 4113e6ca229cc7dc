import { DEV_PORT, startDev, stopSignal } from '@pgshift/sqitch';
import { maskSecrets, UsageError } from '../errors';
import { Io } from '../io';
import { parseOptions, stringOption, type Parsed } from '../options';
import { noPositionals, projectFlags, projectFrom, projectHelp } from '../project-options';

export const devHelp = `Usage: pgshift dev [--engine pglite|server|docker] [--port P] [--database NAME] [options]

Keeps a development database in step with the SQL source. The source is loaded once, then again
into a fresh database on each save of the source folder's files, of a file it includes (\\i, \\ir)
or of the env file; the fresh database takes the place of the one serving only when the whole
load succeeded. A failed load prints its error at file:line and the last good database goes on
serving. One line per reload, with its time. Ctrl-C (SIGINT) or SIGTERM stops it, exit code 0.

Engines:
  pglite   (default) the embedded database, served on 127.0.0.1:P through the PostgreSQL wire
           protocol, so that psql, PostgREST or an app connect with no server installed:
             psql postgres://postgres@127.0.0.1:${DEV_PORT}/postgres
           Any user name and password is accepted. Clients take turns: one statement at a time,
           and a transaction keeps the database to its client until it ends. Session settings
           (SET) are shared by all clients. On a reload, connected clients are disconnected
           (FATAL 57P01) and reconnect to the new database. Stopping closes the database.
  server   database NAME on the server of --database-url: each reload loads NAME_next beside it,
           then ends NAME's sessions (FATAL 57P01), drops NAME and renames NAME_next to NAME.
           NAME and the roles the source created stay on the server when pgshift dev stops.
           A source that drops and recreates roles NAME uses has NAME dropped before it loads.
  docker   the same in a PostgreSQL container that lives as long as pgshift dev (set
           POSTGRES_PASSWORD in pgshift.json's docker.env to know the password it prints masked).

Options:
  --port P          pglite: the loopback port (default ${DEV_PORT}; 0 for any free port)
  --database NAME   server, docker: the database kept in step (default: <project>_dev); a database
                    of that name that pgshift dev did not make is never replaced
${projectHelp}`;

const ENGINES = ['pglite', 'server', 'docker'];

export async function devCommand(argv: string[], io: Io): Promise<number> {
  const parsed = parseOptions(argv, { ...projectFlags, port: { type: 'string' }, database: { type: 'string' } });
  noPositionals(parsed);
  const engine = stringOption(parsed, 'engine');
  if (engine !== undefined && !ENGINES.includes(engine)) throw new UsageError(`--engine must be pglite, server or docker, got "${engine}"`, 'engine');
  // The project options know pglite and server; docker is set after them.
  const project = projectFrom({ ...parsed, values: { ...parsed.values, engine: engine === 'docker' ? undefined : engine } });
  if (engine === 'docker') project.engine = 'docker';
  // Listening from the start: a signal during the first load stops the loop right after it.
  const stop = stopSignal();
  try {
    const session = await startDev(project, {
      port: portOption(parsed),
      database: stringOption(parsed, 'database'),
      onMessage: (line) => io.out(`${maskSecrets(line)}\n`),
      onError: (text) => io.err(`${maskSecrets(text)}\n`),
      onEcho: (text) => io.err(`${text}\n`),
    });
    await stop.received;
    await session.stop();
    return 0;
  } finally {
    stop.remove();
  }
}

function portOption(parsed: Parsed): number | undefined {
  const text = stringOption(parsed, 'port');
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535 (0 for any free port), got "${text}"`, 'port');
  return port;
}
