import { EngineError, maskUrl } from '../errors';
import { unregister } from '../server/cleanup';
import { ServerEngine } from '../server/engine';
import type { Database, Engine } from '../types';
import { PostgresContainer } from './container';
import { connectDaemon } from './daemon';
import { ensureImage } from './image';
import { reapLeftovers } from './leftovers';
import { dockerSettings, type DockerEngineOptions } from './options';

/** How long dispose waits for the databases to be dropped before it removes the container anyway. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Throwaway databases in a PostgreSQL container of the chosen image, started through the Docker
 * API (dockerode). The container is one server: its databases, roles and clones are those of the
 * server engine, which this engine runs against the container's admin URL. The container is
 * labelled with the owning process, removed on dispose, on a failed start and on SIGINT/SIGTERM,
 * and reaped by a later run once its owner is gone.
 */
export class DockerEngine implements Engine {
  readonly name = 'docker' as const;
  private disposed = false;

  private constructor(
    /** The image the container runs. */
    readonly image: string,
    private readonly container: PostgresContainer,
    /** The server engine on the container's PostgreSQL, for what goes beyond throwaway databases. */
    readonly server: ServerEngine,
    /** The container's admin URL, password masked. */
    readonly displayUrl: string,
  ) {}

  get version(): string {
    return `docker ${this.image} ${this.server.serverVersionNum}`;
  }

  get containerId(): string {
    return this.container.id;
  }

  get containerName(): string {
    return this.container.name;
  }

  static async start(options: DockerEngineOptions = {}): Promise<DockerEngine> {
    const settings = dockerSettings(options);
    const docker = await connectDaemon();
    await reapLeftovers(docker);
    const image = await ensureImage(docker, settings);
    const { container, adminUrl } = await PostgresContainer.run(docker, image, settings);
    try {
      const server = await ServerEngine.start({ url: adminUrl });
      // The container's removal takes every database with it, so on a signal removing it is
      // all the cleanup there is; the server engine is disposed by this engine's dispose.
      unregister(server);
      return new DockerEngine(settings.image, container, server, maskUrl(adminUrl));
    } catch (err) {
      await container.remove();
      throw err;
    }
  }

  async createDatabase(): Promise<Database> {
    if (this.disposed) throw new EngineError('ENGINE_DISPOSED', 'the docker engine has been disposed');
    return this.server.createDatabase();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_TIMEOUT_MS)));
      await Promise.race([this.server.dispose().catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
    } finally {
      await this.container.remove();
    }
  }
}
