import { createServer, type AddressInfo, type Server, type Socket } from 'net';
import type { PGlite } from '@electric-sql/pglite';
import { EngineError } from '../errors';

/**
 * A PGlite instance served on a loopback port through the PostgreSQL wire protocol (3.0), so that
 * psql, PostgREST or an application connect to the embedded database as to a server.
 *
 * PGlite is one backend with one session, so connections take turns: each unit of work — a
 * simple Query, or an extended-protocol batch up to its Sync — runs alone, in arrival order. A
 * connection keeps the database to itself while its work is unfinished: inside a transaction
 * (until COMMIT or ROLLBACK) and between a Flush and the Sync that ends its batch; the others
 * queue meanwhile. When a connection goes away its transaction is rolled back. Prepared statements
 * are named apart per connection, so two clients may prepare the same name; other session state
 * (SET, temporary tables) is shared by all connections.
 *
 * No authentication: every user name and password is accepted, and the session is PGlite's
 * (user and database `postgres`). SSL and GSSAPI encryption requests are declined ('N'), as a
 * server without SSL does; cancel requests are ignored.
 */
export class PgliteWireServer {
  private backend: Backend | undefined;
  private readonly connections = new Set<Connection>();
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly server: Server,
    /** Where the server listens. */
    readonly host: string,
    readonly port: number,
    private readonly notReady: string,
  ) {}

  /**
   * Listens on `host` (default 127.0.0.1) and `port` (0: any free port). Until serve() hands it a
   * database, connections are refused with `notReady` (FATAL 57P03).
   */
  static async listen(options: { port: number; host?: string; notReady?: string }): Promise<PgliteWireServer> {
    const host = options.host ?? '127.0.0.1';
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
      throw new EngineError('ENGINE_OPTION_INVALID', `port ${JSON.stringify(options.port)} is not a port number from 0 to 65535 (0: any free port)`, { option: 'port' });
    }
    let wire: PgliteWireServer | undefined;
    const server = createServer((socket) => wire?.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, host, options.port)));
      server.listen(options.port, host, () => resolve());
    });
    // Failures to accept a connection (too many open files, say) cost that connection only.
    server.on('error', () => undefined);
    const port = (server.address() as AddressInfo).port;
    wire = new PgliteWireServer(server, host, port, options.notReady ?? 'the database is not ready yet');
    return wire;
  }

  /** A URL clients can use: user and database `postgres`, no password. */
  get url(): string {
    return `postgres://postgres@${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}/postgres`;
  }

  /**
   * Serves `pg` to new connections from now on. The connections to the instance served so far are
   * ended with FATAL 57P01 and `reason`; this settles once none of them uses that instance any
   * more, so that the caller can close it.
   */
  async serve(pg: PGlite, reason = 'terminating connection because the database was replaced'): Promise<void> {
    if (this.closed) throw new EngineError('ENGINE_DISPOSED', 'the wire server has been closed');
    const previous = this.backend;
    this.backend = new Backend(pg);
    await this.retire(previous, reason);
  }

  /** Stops listening and ends every connection (FATAL 57P01); the instance served is left to its owner. */
  async close(reason = 'terminating connection due to administrator command'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const previous = this.backend;
    this.backend = undefined;
    for (const connection of [...this.connections]) connection.terminate('57P01', reason);
    await previous?.retire();
    await closing;
  }

  private async retire(backend: Backend | undefined, reason: string): Promise<void> {
    if (!backend) return;
    for (const connection of [...this.connections]) if (connection.backend === backend) connection.terminate('57P01', reason);
    await backend.retire();
  }

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const connection = new Connection(this.nextId++, socket, this.backend, this.notReady, () => this.connections.delete(connection));
    this.connections.add(connection);
  }
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): EngineError {
  const where = `port ${port} on ${host}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return new EngineError('ENGINE_OPTION_INVALID', `${where} is already in use: stop what listens there, choose another port, or give port 0 for any free port`, {
        option: 'port',
        cause: err,
      });
    case 'EACCES':
      return new EngineError('ENGINE_OPTION_INVALID', `${where} may not be opened by this user (EACCES): choose a port above 1023, or 0 for any free port`, {
        option: 'port',
        cause: err,
      });
    default:
      return new EngineError('ENGINE_OPTION_INVALID', `cannot listen on ${where}: ${err.message}`, { option: 'port', cause: err });
  }
}

/** One unit of work on the backend, on behalf of a connection. */
interface Unit {
  connection: Connection;
  run(pg: PGlite): Promise<Uint8Array>;
  resolve(out: Uint8Array): void;
  reject(err: unknown): void;
}

/**
 * One PGlite instance and the order in which connections use it: one unit at a time, and only
 * the connection that holds the database while one does.
 */
class Backend {
  private readonly queue: Unit[] = [];
  private holder: Connection | undefined;
  private running: Promise<void> | undefined;
  private retired = false;

  constructor(readonly pg: PGlite) {}

  /** Runs raw protocol messages for `connection` in its turn; resolves with the backend's reply. */
  exec(connection: Connection, messages: Uint8Array): Promise<Uint8Array> {
    return this.enqueue(connection, async (pg) => {
      const out = await pg.runExclusive(() => pg.execProtocolRaw(messages));
      this.holder = idleAfter(out) && !pg.isInTransaction() ? undefined : connection;
      return out;
    });
  }

  /** Drops the units of `connection` that wait for their turn. */
  cancel(connection: Connection): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const unit = this.queue[i]!;
      if (unit.connection !== connection) continue;
      this.queue.splice(i, 1);
      unit.reject(new Error('connection closed'));
    }
  }

  /**
   * What a connection that went away leaves behind is cleaned up in its turn: an unfinished
   * extended-protocol batch is ended, its transaction rolled back, its prepared statements closed.
   */
  release(connection: Connection, statements: string[]): void {
    const held = this.holder === connection;
    if (this.retired || (!held && statements.length === 0)) return;
    void this.enqueue(connection, async (pg) => {
      await pg.runExclusive(async () => {
        if (held) await pg.execProtocolRaw(message('S'));
        if (pg.isInTransaction()) await pg.execProtocolRaw(message('Q', cstring('ROLLBACK')));
        if (statements.length > 0) {
          const closes = statements.map((name) => message('C', Buffer.concat([Buffer.from('S'), cstring(name)])));
          await pg.execProtocolRaw(Buffer.concat([...closes, message('S')]));
        }
      });
      if (this.holder === connection) this.holder = undefined;
      return new Uint8Array(0);
    }).catch(() => undefined);
  }

  /** No more work from now on; settles when the unit running now (if any) is done. */
  async retire(): Promise<void> {
    this.retired = true;
    for (const unit of this.queue.splice(0)) unit.reject(new Error('backend retired'));
    while (this.running) await this.running;
  }

  private enqueue(connection: Connection, run: (pg: PGlite) => Promise<Uint8Array>): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      if (this.retired) {
        reject(new Error('backend retired'));
        return;
      }
      this.queue.push({ connection, run, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running) return;
    const index = this.queue.findIndex((unit) => this.holder === undefined || unit.connection === this.holder);
    if (index < 0) return;
    const [unit] = this.queue.splice(index, 1);
    this.running = unit!.run(this.pg).then(unit!.resolve, unit!.reject).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Startup packets longer than this are refused, as PostgreSQL does (MAX_STARTUP_PACKET_LENGTH). */
const MAX_STARTUP_LENGTH = 10000;
/** Extended-protocol messages that the backend answers only at the next Sync or Flush. */
const BATCHED = new Set(['P', 'B', 'D', 'E', 'C', 'd']);

/** One client socket: its messages reassembled by length and sent to the backend unit by unit. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private batch: Buffer[] = [];
  /** The units of this connection, one after the other. */
  private work: Promise<void> = Promise.resolve();
  /** Names (as the backend knows them) of the statements this connection prepared. */
  private readonly statements = new Set<string>();
  private closed = false;

  constructor(
    private readonly id: number,
    private readonly socket: Socket,
    readonly backend: Backend | undefined,
    private readonly notReady: string,
    private readonly onClose: () => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** Sends a FATAL error and closes the socket; the connection's work is cleaned up as on close. */
  terminate(code: string, text: string): void {
    if (this.closed) return;
    this.socket.end(errorResponse('FATAL', code, text), () => this.socket.destroy());
    // A client that never reads must not keep the socket open.
    setTimeout(() => this.socket.destroy(), 2000).unref();
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    if (!this.socket.writableEnded) this.socket.destroy();
    const backend = this.backend;
    if (!backend) return;
    backend.cancel(this);
    const statements = [...this.statements];
    // After the unit in flight (if any), so that its effects are what gets cleaned up.
    void this.work.then(() => backend.release(this, statements));
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (!this.closed) {
      const frame = this.started ? this.takeMessage() : this.takeStartup();
      if (!frame) break;
    }
  }

  /** The next startup-phase packet (length, code, body), handled; undefined while incomplete. */
  private takeStartup(): Buffer | undefined {
    if (this.buffer.length < 8) return undefined;
    const length = this.buffer.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_LENGTH) {
      this.terminate('08P01', 'invalid length of startup packet');
      return undefined;
    }
    if (this.buffer.length < length) return undefined;
    const packet = this.take(length);
    const code = packet.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
    } else if (code === CANCEL_REQUEST) {
      this.close();
    } else if (code >> 16 !== 3) {
      this.terminate('0A000', `unsupported frontend protocol ${code >> 16}.${code & 0xffff}: server supports 3.0`);
    } else if (!this.backend) {
      this.terminate('57P03', this.notReady);
    } else {
      this.started = true;
      this.submit(packet);
    }
    return packet;
  }

  /** The next regular message (type, length, body), handled; undefined while incomplete. */
  private takeMessage(): Buffer | undefined {
    if (this.buffer.length < 5) return undefined;
    const length = this.buffer.readInt32BE(1);
    if (length < 4) {
      this.terminate('08P01', `invalid message length ${length}`);
      return undefined;
    }
    if (this.buffer.length < length + 1) return undefined;
    const frame = this.take(length + 1);
    const type = String.fromCharCode(frame[0]!);
    if (type === 'X') {
      this.close();
      return frame;
    }
    this.batch.push(this.renamed(type, frame));
    if (!BATCHED.has(type)) {
      const messages = Buffer.concat(this.batch);
      this.batch = [];
      this.submit(messages);
    }
    return frame;
  }

  private take(length: number): Buffer {
    const frame = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return frame;
  }

  private submit(messages: Buffer): void {
    const backend = this.backend!;
    this.work = this.work.then(async () => {
      if (this.closed) return;
      try {
        const out = await backend.exec(this, messages);
        if (!this.closed && out.length > 0) this.socket.write(out);
      } catch (err) {
        if (!this.closed) this.terminate('XX000', `the embedded database failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }

  /**
   * Gives the statement names of Parse, Bind, Describe and Close a per-connection prefix, since
   * all connections share the backend's one session; the unnamed statement stays unnamed.
   */
  private renamed(type: string, frame: Buffer): Buffer {
    const body = frame.subarray(5);
    switch (type) {
      case 'P': {
        const [name, rest] = splitCString(body);
        if (name === '') return frame;
        const own = this.ownName(name);
        this.statements.add(own);
        return message('P', Buffer.concat([cstring(own), rest]));
      }
      case 'B': {
        const [portal, afterPortal] = splitCString(body);
        const [name, rest] = splitCString(afterPortal);
        if (name === '') return frame;
        return message('B', Buffer.concat([cstring(portal), cstring(this.ownName(name)), rest]));
      }
      case 'D':
      case 'C': {
        if (String.fromCharCode(body[0]!) !== 'S') return frame;
        const [name] = splitCString(body.subarray(1));
        if (name === '') return frame;
        const own = this.ownName(name);
        if (type === 'C') this.statements.delete(own);
        return message(type, Buffer.concat([Buffer.from('S'), cstring(own)]));
      }
      default:
        return frame;
    }
  }

  private ownName(name: string): string {
    return `c${this.id}_${name}`;
  }
}

/** Whether a reply ends with ReadyForQuery in the idle state: the connection's work is complete. */
function idleAfter(out: Uint8Array): boolean {
  let offset = 0;
  let last = -1;
  const view = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  while (offset + 5 <= view.length) {
    last = offset;
    offset += 1 + view.readInt32BE(offset + 1);
  }
  return last >= 0 && offset === view.length && view[last] === 0x5a /* Z */ && view[last + 5] === 0x49 /* I */;
}

function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf8');
}

/** A NUL-terminated string at the start of `data`, and what follows it. */
function splitCString(data: Buffer): [string, Buffer] {
  const end = data.indexOf(0);
  if (end < 0) return [data.toString('utf8'), Buffer.alloc(0)];
  return [data.subarray(0, end).toString('utf8'), data.subarray(end + 1)];
}

function errorResponse(severity: string, code: string, text: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from('S'),
    cstring(severity),
    Buffer.from('V'),
    cstring(severity),
    Buffer.from('C'),
    cstring(code),
    Buffer.from('M'),
    cstring(text),
    Buffer.alloc(1),
  ]);
  return message('E', fields);
}
