import { DockerEngine } from './docker/engine';
import type { DockerEngineOptions } from './docker/options';
import { EngineError } from './errors';
import { PgliteEngine, type PgliteEngineOptions } from './pglite/engine';
import { ServerEngine } from './server/engine';
import type { Engine } from './types';

export type EngineOptions =
  | ({ engine: 'pglite' } & PgliteEngineOptions)
  | { engine: 'server'; /** default: PGSHIFT_DATABASE_URL */ url?: string }
  | ({ engine: 'docker' } & DockerEngineOptions);

/** Starts the engine that makes throwaway databases. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  switch (options.engine) {
    case 'pglite':
      return PgliteEngine.start(options);
    case 'server':
      return ServerEngine.start(options.url === undefined ? {} : { url: options.url });
    case 'docker': {
      const { engine: _engine, ...docker } = options;
      return DockerEngine.start(docker);
    }
    default: {
      const name = (options as { engine?: unknown }).engine;
      throw new EngineError('ENGINE_UNKNOWN', `unknown engine ${JSON.stringify(name)}; use "pglite", "server" or "docker"`, { option: 'engine' });
    }
  }
}

export type { Database, Engine, EngineName, QueryResult } from './types';
export { EngineError, maskUrl, type EngineErrorCode } from './errors';
export { PgliteEngine, type PgliteEngineOptions } from './pglite/engine';
export { PgliteDatabase, PGLITE_HOST, PGLITE_PORT } from './pglite/database';
export { supportedExtensions as pgliteExtensions } from './pglite/extensions';
export { cacheDir, snapshotFile } from './pglite/snapshot';
export { ServerEngine, type ServerEngineOptions } from './server/engine';
export { ServerDatabase } from './server/database';
export { NamedDatabase } from './server/named';
export { PgliteWireServer } from './pglite/wire-server';
export { DockerEngine } from './docker/engine';
export { DEFAULT_MAJOR as DOCKER_DEFAULT_MAJOR, type DockerEngineOptions, type DockerNetwork, type PullPolicy } from './docker/options';
export { DockerEngineError, type DockerFailure } from './docker/errors';
