import { connect } from 'net';
import { logger } from '@nx/devkit';
import { Client } from 'pg';
import devExecutor from './executor';
import { captured, executorContext } from '../../test-utils/executor-context';
import { removeWorkspace, tempWorkspace } from '../../test-utils/workspace';

jest.setTimeout(60_000);

describe('dev executor', () => {
  let root: string;
  beforeEach(() => {
    root = tempWorkspace({ 'db/project.json': '{"name":"db"}', 'db/db/src/init.sql': 'create table items (id int);\n' });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    removeWorkspace(root);
  });

  test('serves the project until the process is signalled, then succeeds and frees the port', async () => {
    const info: string[] = [];
    jest.spyOn(logger, 'info').mockImplementation((m: unknown) => void info.push(String(m)));
    const errors: string[] = [];
    jest.spyOn(logger, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    const running = devExecutor({ port: 0 }, executorContext(root, 'db', 'db'));
    let url = '';
    let ended: Promise<void> | undefined;
    try {
      const started = Date.now();
      while (!info.some((line) => line.startsWith('loaded db/src/init.sql in '))) {
        if (Date.now() - started > 30_000) throw new Error(`the dev target did not load: ${[...info, ...errors].join(' | ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      url = /^serving (postgres:\/\/\S+) \(engine pglite\)/.exec(info[0]!)![1]!;
      const client = new Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      ended = new Promise<void>((resolve) => client.on('end', () => resolve()));
      expect((await client.query("SELECT to_regclass('items')::text AS t")).rows).toEqual([{ t: 'items' }]);
    } finally {
      process.emit('SIGTERM', 'SIGTERM');
    }
    expect(await running).toEqual({ success: true });
    await ended;
    expect(errors).toEqual([]);
    const port = Number(new URL(url).port);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.destroy() && false));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  test('an option of another engine fails the target, naming the option', async () => {
    const run = await captured(() => devExecutor({ engine: 'server', databaseUrl: 'postgres://u:secret@127.0.0.1:1/postgres', port: 5433 }, executorContext(root, 'db', 'db')));
    expect(run.result).toEqual({ success: false });
    expect(run.errors).toMatch(/^option port applies to engine pglite; engine server keeps a database on its server \(option database\) \[ENGINE_OPTION_INVALID\]$/);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
