/**
 * `pgshift dev` and the Nx `dev` target: a development database kept in step with the SQL source.
 * Each save of the source, of a file it includes or of the env file reloads the source into a
 * fresh database, which takes the place of the one serving only when the whole load succeeded;
 * a failed load is reported at its file:line and the last good database goes on serving.
 */
import { existsSync, watch, type FSWatcher } from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  createEngine,
  DockerEngine,
  EngineError,
  NamedDatabase,
  PgliteEngine,
  PgliteWireServer,
  ServerEngine,
  type Database,
  type PgliteDatabase,
} from '@pgshift/engines';
import { displayPath, readScript, ScriptError, type ScriptItem } from '@pgshift/sql-script';
import { engineOptions } from './migrations';
import { ProjectError, projectPaths, type Project } from './project';

/** The embedded engine's default port: beside PostgreSQL's 5432, so that a local server keeps its own. */
export const DEV_PORT = 54329;
const DEBOUNCE_MS = 150;
const RELOADED = 'terminating connection because the development database was reloaded';
const NOT_LOADED = 'the development database has not loaded yet: fix the SQL source, pgshift dev loads it again on save';

export interface DevOptions {
  /** Engine pglite: the loopback port the database is served on; 0 for any free port. Default 54329. */
  port?: number;
  /** Engines server and docker: the database kept in step with the source. Default `<project>_dev`. */
  database?: string;
  /** How long a change waits for further changes before the reload starts, in ms. Default 150. */
  debounceMs?: number;
  /** Where the database is served, one line per reload, and the last line on stop. */
  onMessage?: (line: string) => void;
  /** A load that failed, as one paragraph: what still serves, then the error at file:line. */
  onError?: (text: string) => void;
  /** Output of \echo while the source loads. */
  onEcho?: (text: string) => void;
  /** After each load, whether it succeeded. */
  onReload?: (result: ReloadResult) => void;
}

export interface ReloadResult {
  ok: boolean;
  /** How long the load took. */
  ms: number;
  error?: unknown;
}

export interface DevSession {
  readonly engine: Project['engine'];
  /** Where clients connect; on a server it holds the password: never print it. */
  readonly url: string;
  /** The URL with its password masked. */
  readonly displayUrl: string;
  /**
   * Stops watching and disconnects the clients. The embedded database is closed and a docker
   * container removed; a server's database stays, as it was last loaded.
   */
  stop(): Promise<void>;
}

/** Starts serving the project's source and reloading it on change; settles after the first load. */
export async function startDev(project: Project, options: DevOptions = {}): Promise<DevSession> {
  const paths = projectPaths(project);
  if (!existsSync(paths.source)) throw new ProjectError('NOT_FOUND', `The SQL source ${paths.source} does not exist.`, { file: paths.source });
  const slot = project.engine === 'pglite' ? await EmbeddedSlot.start(embeddedPort(project, options)) : await ServerSlot.start(project, serverDatabase(project, options));
  const loop = new DevLoop(project, slot, options);
  try {
    await loop.start();
  } catch (err) {
    await loop.stop();
    throw err;
  }
  return loop;
}

export interface StopSignal {
  /** Settles with the first SIGINT or SIGTERM. */
  received: Promise<NodeJS.Signals>;
  /** Stops listening; the signals have their default effect again. */
  remove(): void;
}

/**
 * Listens for SIGINT and SIGTERM until remove(): the first one settles `received`, so that the
 * caller can stop in order; a second one ends the process at once. Listening on until the caller
 * is done also tells the engines' own signal handlers that the program stops by itself.
 */
export function stopSignal(): StopSignal {
  let resolve: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((r) => (resolve = r));
  let count = 0;
  const listener = (signal: NodeJS.Signals): void => {
    if (count++ === 0) resolve(signal);
    else process.exit(128 + (os.constants.signals[signal] ?? 0));
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return {
    received,
    remove: () => {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    },
  };
}

function embeddedPort(project: Project, options: DevOptions): number {
  if (options.database !== undefined) {
    throw new EngineError('ENGINE_OPTION_INVALID', `option database applies to engines server and docker; engine ${project.engine} serves its one database on a port (option port)`, {
      option: 'database',
    });
  }
  return options.port ?? DEV_PORT;
}

function serverDatabase(project: Project, options: DevOptions): string {
  if (options.port !== undefined) {
    throw new EngineError('ENGINE_OPTION_INVALID', `option port applies to engine pglite; engine ${project.engine} keeps a database on its server (option database)`, {
      option: 'port',
    });
  }
  return options.database ?? `${project.project ?? path.basename(project.dir)}_dev`;
}

/** Where the loop puts each database it loaded. */
interface Slot {
  readonly url: string;
  readonly displayUrl: string;
  /** Whether a database loaded from the source is serving now. */
  readonly serving: boolean;
  /**
   * Loads a fresh database with `load` and puts it in the place of the one serving; when the
   * load fails the one serving stays (unless `message` says otherwise) and the error is thrown.
   */
  replace(load: (db: Database) => Promise<void>, items: () => ScriptItem[], message: (line: string) => void): Promise<void>;
  /** Releases everything; returns the line that says what was left. */
  stop(): Promise<string>;
}

/**
 * The embedded engine: each load is a PGlite instance of its own, served on a loopback port. The
 * instance for the next load is started ahead, with the extension modules of the last one, so
 * that a reload costs the load alone.
 */
class EmbeddedSlot implements Slot {
  private current: PgliteDatabase | undefined;
  private spare: Promise<PgliteDatabase> | undefined;

  private constructor(
    private readonly engine: PgliteEngine,
    private readonly wire: PgliteWireServer,
  ) {}

  static async start(port: number): Promise<EmbeddedSlot> {
    const wire = await PgliteWireServer.listen({ port, notReady: NOT_LOADED });
    try {
      return new EmbeddedSlot(await PgliteEngine.start(), wire);
    } catch (err) {
      await wire.close();
      throw err;
    }
  }

  get url(): string {
    return this.wire.url;
  }

  get displayUrl(): string {
    return this.wire.url;
  }

  get serving(): boolean {
    return this.current !== undefined;
  }

  async replace(load: (db: Database) => Promise<void>): Promise<void> {
    const spare = this.spare;
    this.spare = undefined;
    const db = (await spare?.catch(() => undefined)) ?? (await this.engine.createDatabase());
    try {
      await load(db);
      // Clients of the previous instance are disconnected before it closes.
      await this.wire.serve(await db.pglite(), RELOADED);
    } catch (err) {
      this.warmUp(db);
      await db.dispose();
      throw err;
    }
    const previous = this.current;
    this.current = db;
    await previous?.dispose();
    this.warmUp(db);
  }

  async stop(): Promise<string> {
    await this.wire.close();
    await this.engine.dispose();
    return 'stopped: the clients are disconnected and the embedded database is closed';
  }

  private warmUp(like: PgliteDatabase): void {
    const spare = this.engine.createDatabase({ modulesOf: like }).then(async (db) => {
      await db.pglite();
      return db;
    });
    spare.catch(() => undefined);
    this.spare = spare;
  }
}

/** Engines server and docker: one named database, replaced by a rename after each good load. */
class ServerSlot implements Slot {
  private constructor(
    private readonly engine: ServerEngine | DockerEngine,
    private readonly named: NamedDatabase,
    private exists: boolean,
  ) {}

  static async start(project: Project, name: string): Promise<ServerSlot> {
    const engine = (await createEngine(engineOptions(project))) as ServerEngine | DockerEngine;
    try {
      const named = await NamedDatabase.open(engine instanceof DockerEngine ? engine.server : engine, name);
      return new ServerSlot(engine, named, await named.exists());
    } catch (err) {
      await engine.dispose();
      throw err;
    }
  }

  get url(): string {
    return this.named.url;
  }

  get displayUrl(): string {
    return this.named.displayUrl;
  }

  get serving(): boolean {
    return this.exists;
  }

  async replace(load: (db: Database) => Promise<void>, items: () => ScriptItem[], message: (line: string) => void): Promise<void> {
    try {
      await this.named.replace(load);
    } catch (err) {
      // Roles are cluster-wide: a source that drops and recreates its roles cannot load while the
      // database serving uses them. That one goes first, and the load runs again on its own.
      if (!this.exists || !dropsRole(err, items()) || !(await this.named.usesRoles())) throw err;
      message(`the source drops a role that database ${this.named.name} uses: ${this.named.name} is dropped and the source loaded again without it`);
      await this.named.drop();
      this.exists = false;
      await this.named.replace(load);
    }
    this.exists = true;
  }

  async stop(): Promise<string> {
    await this.engine.dispose();
    if (this.engine instanceof DockerEngine) return `stopped: the container is removed, and database ${this.named.name} with it`;
    return this.exists ? `stopped: database ${this.named.name} stays on the server as last loaded` : 'stopped';
  }
}

/** Whether a load failed on DROP ROLE (USER, GROUP) because objects elsewhere still depend on the role. */
function dropsRole(err: unknown, items: ScriptItem[]): boolean {
  if (!(err instanceof ScriptError) || err.sqlState !== '2BP01' || !err.origin) return false;
  const { file, line, column } = err.origin;
  const statement = items.find((i) => i.type === 'statement' && i.origin.file === file && i.origin.line === line && i.origin.column === column);
  return statement !== undefined && statement.type === 'statement' && /^\s*drop\s+(role|user|group)\b/i.test(statement.sql);
}

class DevLoop implements DevSession {
  private readonly watcher: SourceWatcher;
  private readonly source: string;
  private readonly shown: string;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private loads = 0;
  private items: ScriptItem[] = [];

  constructor(
    private readonly project: Project,
    private readonly slot: Slot,
    private readonly options: DevOptions,
  ) {
    this.source = projectPaths(project).source;
    this.shown = displayPath(this.source, project.dir);
    this.watcher = new SourceWatcher(path.dirname(this.source), () => this.schedule());
  }

  get engine(): Project['engine'] {
    return this.project.engine;
  }

  get url(): string {
    return this.slot.url;
  }

  get displayUrl(): string {
    return this.slot.displayUrl;
  }

  async start(): Promise<void> {
    this.say(`serving ${this.slot.displayUrl} (engine ${this.project.engine}), kept in step with ${this.shown}`);
    // Saves during the first load count too.
    this.watcher.watch(new Set());
    await this.reload();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.watcher.close();
    await this.reloading;
    this.say(await this.slot.stop());
  }

  private say(line: string): void {
    this.options.onMessage?.(line);
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, this.options.debounceMs ?? DEBOUNCE_MS);
  }

  /** One reload at a time; a change during a reload brings another one after it. */
  private reload(): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = this.runReload().finally(() => {
      this.reloading = undefined;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
    return this.reloading;
  }

  private async runReload(): Promise<void> {
    const files = new Set<string>();
    const started = Date.now();
    const first = this.loads++ === 0;
    let result: ReloadResult;
    try {
      await this.slot.replace(
        (db) => this.load(db, files),
        () => this.items,
        (line) => this.say(line),
      );
      result = { ok: true, ms: Date.now() - started };
      this.say(`${first ? 'loaded' : 'reloaded'} ${this.shown} in ${result.ms} ms`);
    } catch (error) {
      result = { ok: false, ms: Date.now() - started, error };
      const still = this.slot.serving ? 'still serving the last good database' : 'no database is serving until the source loads';
      this.options.onError?.(`load failed, ${still}: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Watched after every load, failed ones too: they name the files to fix.
    if (!this.stopped) this.watcher.watch(files);
    this.options.onReload?.(result);
  }

  private async load(db: Database, files: Set<string>): Promise<void> {
    const paths = projectPaths(this.project);
    files.clear();
    const variables = { ...(await db.automaticVariables()), ...(this.project.variables ?? {}) };
    this.items = readScript(paths.source, { envFile: paths.envFile, variables, baseDir: this.project.dir, onFile: (file) => files.add(file) });
    await db.runItems(this.items, this.options.onEcho);
  }
}

/**
 * Watches the source's folder (recursively, for the files the last load read and any new .sql
 * file) and the folder of each file read outside it — an include elsewhere, the env file. Folders,
 * not files, so that editors that save by writing a new file and renaming it are seen too.
 */
class SourceWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private files = new Set<string>();

  constructor(
    private readonly sourceDir: string,
    private readonly onChange: () => void,
  ) {}

  watch(files: Set<string>): void {
    this.files = files;
    const wanted = new Set([this.sourceDir]);
    for (const file of files) if (!inside(this.sourceDir, file)) wanted.add(path.dirname(file));
    for (const [dir, watcher] of this.watchers) {
      if (wanted.has(dir)) continue;
      watcher.close();
      this.watchers.delete(dir);
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      const recursive = dir === this.sourceDir;
      try {
        const watcher = watch(dir, { recursive }, (_event, name) => this.changed(dir, recursive, name));
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, watcher);
      } catch {
        // A folder that does not exist (yet) is looked for again after the next load.
      }
    }
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private changed(dir: string, recursive: boolean, name: string | null): void {
    if (name === null) return this.onChange();
    const file = path.join(dir, name);
    if (this.files.has(file) || (recursive && file.endsWith('.sql'))) this.onChange();
  }
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
