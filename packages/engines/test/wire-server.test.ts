/**
 * The embedded database served on a port: the real node-postgres client against a PGlite
 * instance, through the simple and the extended query protocol, with several clients at once.
 */
import { connect as tcpConnect, createServer, type Socket } from 'net';
import { Client } from 'pg';
import { PgliteEngine, PgliteWireServer, type PgliteDatabase } from '../src';

jest.setTimeout(60_000);

describe('pglite wire server', () => {
  let engine: PgliteEngine;
  let db: PgliteDatabase;
  let wire: PgliteWireServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    engine = await PgliteEngine.start();
    db = await engine.createDatabase();
    await db.exec('CREATE TABLE items (id int PRIMARY KEY, name text)');
    wire = await PgliteWireServer.listen({ port: 0 });
    await wire.serve(await db.pglite());
  });
  afterAll(async () => {
    await wire?.close();
    await engine?.dispose();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    await db.exec('DELETE FROM items');
  });

  async function client(): Promise<Client> {
    const c = new Client({ connectionString: wire.url });
    c.on('error', () => undefined);
    clients.push(c);
    await c.connect();
    return c;
  }

  /** Settles with 'pending' if `promise` has not settled within `ms`. */
  async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
    let timer: NodeJS.Timeout | undefined;
    const pending = new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), ms)));
    try {
      return await Promise.race([promise, pending]);
    } finally {
      clearTimeout(timer);
    }
  }

  test('answers the simple and the extended query protocol', async () => {
    const c = await client();
    const simple = await c.query("SELECT current_user AS who, 'a;b' AS text; SELECT 2 AS two");
    expect((simple as unknown as { rows: unknown[] }[]).map((r) => r.rows)).toEqual([[{ who: 'postgres', text: 'a;b' }], [{ two: 2 }]]);
    const extended = await c.query('SELECT $1::int + 1 AS n, $2::text AS t', [41, 'x']);
    expect(extended.rows).toEqual([{ n: 42, t: 'x' }]);
    const named = { name: 'by-id', text: 'SELECT name FROM items WHERE id = $1' };
    await c.query('INSERT INTO items VALUES ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
    expect((await c.query({ ...named, values: [1] })).rows).toEqual([{ name: 'one' }]);
    expect((await c.query({ ...named, values: [2] })).rows).toEqual([{ name: 'two' }]);
    await expect(c.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
    await expect(c.query('SELECT $1::int', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect((await c.query('SELECT count(*)::int AS n FROM items')).rows).toEqual([{ n: 2 }]);
  });

  test('serves two clients interleaved, each with its own prepared statements', async () => {
    const [a, b] = [await client(), await client()];
    // Each client runs its statements one after the other; the two streams interleave on the wire.
    const seen: string[] = [];
    const insert = async (c: Client, who: string, first: number) => {
      for (let i = first; i < 20; i += 2) {
        await c.query('INSERT INTO items VALUES ($1, $2)', [i, who]);
        seen.push(who);
      }
    };
    await Promise.all([insert(a, 'a', 0), insert(b, 'b', 1)]);
    expect(seen.join('')).toMatch(/ab|ba/);
    const counts = await Promise.all([a, b].map((c) => c.query('SELECT count(*)::int AS n FROM items')));
    expect(counts.map((r) => r.rows[0].n)).toEqual([20, 20]);
    // The same statement name on two connections means two different statements.
    const [fromA, fromB] = await Promise.all([
      a.query({ name: 'same', text: 'SELECT $1::int * 10 AS v', values: [1] }),
      b.query({ name: 'same', text: "SELECT $1::text || '!' AS v", values: ['b'] }),
    ]);
    expect(fromA.rows).toEqual([{ v: 10 }]);
    expect(fromB.rows).toEqual([{ v: 'b!' }]);
    expect((await a.query({ name: 'same', text: 'SELECT $1::int * 10 AS v', values: [2] })).rows).toEqual([{ v: 20 }]);
  });

  test('a transaction keeps the database to its client until it ends', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await a.query("INSERT INTO items VALUES (1, 'in a transaction')");
    const fromB = b.query('SELECT count(*)::int AS n FROM items');
    expect(await within(fromB, 300)).toBe('pending');
    expect((await a.query('SELECT count(*)::int AS n FROM items')).rows).toEqual([{ n: 1 }]);
    await a.query('COMMIT');
    expect((await fromB).rows).toEqual([{ n: 1 }]);
  });

  test('an error inside a transaction aborts it for its client only, until ROLLBACK', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await a.query("INSERT INTO items VALUES (1, 'rolled back')");
    await expect(a.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    await expect(a.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
    const fromB = b.query('SELECT count(*)::int AS n FROM items');
    expect(await within(fromB, 200)).toBe('pending');
    await a.query('ROLLBACK');
    expect((await fromB).rows).toEqual([{ n: 0 }]);
    expect((await a.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  test('a client that disconnects in a transaction has it rolled back, and frees the database', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await a.query("INSERT INTO items VALUES (1, 'never committed')");
    const fromB = b.query('SELECT count(*)::int AS n FROM items');
    expect(await within(fromB, 200)).toBe('pending');
    (a as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    expect((await fromB).rows).toEqual([{ n: 0 }]);
    expect((await b.query('SELECT pg_catalog.now() IS NOT NULL AS ok')).rows).toEqual([{ ok: true }]);
  });

  test('declines SSL with N, ignores a cancel request, and reassembles messages split across packets', async () => {
    const socket = tcpConnect(wire.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const replies: Buffer[] = [];
    socket.on('data', (d) => replies.push(d));
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8, 0);
    ssl.writeInt32BE(80877103, 4);
    socket.write(ssl);
    await until(() => replies.length > 0);
    expect(Buffer.concat(replies).toString()).toBe('N');
    replies.length = 0;
    const params = Buffer.from('user\0alice\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    const query = Buffer.from('SELECT 40 + 2\0');
    const header = Buffer.alloc(5);
    header.write('Q');
    header.writeInt32BE(query.length + 4, 1);
    // One byte at a time: every boundary falls inside some message.
    for (const byte of Buffer.concat([startup, params, header, query])) socket.write(Buffer.from([byte]));
    await until(() => Buffer.concat(replies).includes(Buffer.from('SELECT 1\0')));
    const text = Buffer.concat(replies).toString('latin1');
    expect(text).toContain('42');
    socket.destroy();

    const cancel = tcpConnect(wire.port, '127.0.0.1');
    const request = Buffer.alloc(16);
    request.writeInt32BE(16, 0);
    request.writeInt32BE(80877102, 4);
    cancel.write(request);
    await new Promise((resolve) => cancel.once('close', resolve));
    const c = await client();
    expect((await c.query('SELECT 1 AS still')).rows).toEqual([{ still: 1 }]);
  });

  test('serving another instance ends the connected clients with FATAL 57P01; new clients see the new one', async () => {
    const other = await engine.createDatabase();
    await other.exec('CREATE TABLE only_in_other (id int)');
    const old = await client();
    const ended = new Promise<{ error?: { code?: string; message: string }; end: boolean }>((resolve) => {
      const errors: (Error & { code?: string })[] = [];
      old.on('error', (e: Error & { code?: string }) => errors.push(e));
      old.on('end', () => resolve({ error: errors[0], end: true }));
    });
    await wire.serve(await other.pglite(), 'terminating connection because the test swapped the database');
    const outcome = await within(ended, 3000);
    expect(outcome).toMatchObject({ end: true, error: { code: '57P01', message: expect.stringContaining('the test swapped the database') } });
    const fresh = await client();
    expect((await fresh.query("SELECT to_regclass('only_in_other')::text AS t")).rows).toEqual([{ t: 'only_in_other' }]);
    // Back to the first instance for the other tests.
    await wire.serve(await db.pglite());
    await other.dispose();
  });
});

describe('pglite wire server lifecycle', () => {
  test('refuses connections until it serves a database, and close ends clients and frees the port', async () => {
    const wire = await PgliteWireServer.listen({ port: 0, notReady: 'nothing to serve yet' });
    const early = new Client({ connectionString: wire.url });
    await expect(early.connect()).rejects.toMatchObject({ code: '57P03', message: 'nothing to serve yet' });
    const engine = await PgliteEngine.start();
    try {
      const db = await engine.createDatabase();
      await wire.serve(await db.pglite());
      const c = new Client({ connectionString: wire.url });
      c.on('error', () => undefined);
      await c.connect();
      const ended = new Promise<void>((resolve) => c.on('end', () => resolve()));
      await wire.close();
      await ended;
      await expect(portFree(wire.port)).resolves.toBe(true);
    } finally {
      await engine.dispose();
    }
  });

  test('a port in use and a port out of range are refused, naming the option', async () => {
    const taken = await PgliteWireServer.listen({ port: 0 });
    try {
      await expect(PgliteWireServer.listen({ port: taken.port })).rejects.toMatchObject({
        code: 'ENGINE_OPTION_INVALID',
        option: 'port',
        message: expect.stringContaining(`port ${taken.port} on 127.0.0.1 is already in use`),
      });
    } finally {
      await taken.close();
    }
    await expect(PgliteWireServer.listen({ port: 70000 })).rejects.toMatchObject({ option: 'port', message: expect.stringContaining('70000') });
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
