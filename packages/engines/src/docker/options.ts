import { EngineError } from '../errors';

export type PullPolicy = 'missing' | 'always' | 'never';
export type DockerNetwork = 'bridge' | 'host';

/** Major version of the default image: the same as the embedded engine's, so both see one catalog version. */
export const DEFAULT_MAJOR = 18;

export interface DockerEngineOptions {
  /** Image to run; default `postgres:<major>`. Any image that follows the official postgres image's conventions. */
  image?: string;
  /** Major version of the default image; ignored when `image` is given. Default 18. */
  major?: number | string;
  /**
   * Extra environment of the container (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_INITDB_ARGS, …).
   * With network "host", PGPORT fixes the server's port instead of a random free one.
   */
  env?: Record<string, string>;
  /** When to pull the image: when it is `missing` locally (default), `always`, or `never`. */
  pull?: PullPolicy;
  /**
   * `bridge` (default): the container's 5432 is published on a random free port of 127.0.0.1.
   * `host`: the container shares the host's network and its server listens on a random free
   * port of 127.0.0.1. Default from PGSHIFT_DOCKER_NETWORK.
   */
  network?: DockerNetwork;
  /** Where pull progress goes (a bar on a TTY, one line otherwise); default stderr. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface DockerSettings {
  image: string;
  env: Record<string, string>;
  pull: PullPolicy;
  network: DockerNetwork;
  progress: NodeJS.WritableStream & { isTTY?: boolean };
}

const PULL: readonly PullPolicy[] = ['missing', 'always', 'never'];
const NETWORK: readonly DockerNetwork[] = ['bridge', 'host'];

export function dockerSettings(options: DockerEngineOptions): DockerSettings {
  const major = options.major ?? DEFAULT_MAJOR;
  if (!/^\d+$/.test(String(major))) invalid('major', `major ${JSON.stringify(major)} is not a PostgreSQL major version such as 18`);
  const image = options.image ?? `postgres:${major}`;
  if (image.trim() === '' || /\s/.test(image)) invalid('image', `image ${JSON.stringify(image)} is not an image name such as postgres:18`);
  const pull = options.pull ?? 'missing';
  if (!PULL.includes(pull)) invalid('pull', `pull ${JSON.stringify(pull)} is not one of ${PULL.map((p) => `"${p}"`).join(', ')}`);
  const fromEnv = process.env.PGSHIFT_DOCKER_NETWORK;
  const network = options.network ?? (fromEnv === undefined || fromEnv === '' ? 'bridge' : (fromEnv as DockerNetwork));
  if (!NETWORK.includes(network)) {
    const source = options.network === undefined ? 'PGSHIFT_DOCKER_NETWORK' : 'network';
    invalid('network', `${source} ${JSON.stringify(network)} is not "bridge" or "host"`);
  }
  const env = options.env ?? {};
  for (const [key, value] of Object.entries(env)) {
    if (typeof value !== 'string') invalid('env', `env ${key} must be a string, not ${JSON.stringify(value)}`);
  }
  if (network === 'bridge' && env.PGPORT !== undefined) {
    // The container's 5432 is what gets published; a server moved to another port would be unreachable.
    invalid('env', 'env PGPORT applies to network "host" only; leave it out with network "bridge"');
  }
  return { image, env, pull, network, progress: options.progress ?? process.stderr };
}

function invalid(option: string, message: string): never {
  throw new EngineError('ENGINE_OPTION_INVALID', `engine "docker": ${message}`, { option });
}
