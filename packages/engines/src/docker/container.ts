import { randomBytes } from 'crypto';
import * as net from 'net';
import * as os from 'os';
import type Docker from 'dockerode';
import { Client } from 'pg';
import { EngineError } from '../errors';
import { register, unregister, type Cleanable } from '../server/cleanup';
import { daemonError, reason } from './daemon';
import { DockerEngineError, OTHER_ENGINES } from './errors';
import type { ImageFacts } from './image';
import type { DockerSettings } from './options';

/** Labels of every container the engine starts: the owner's pid and host tell a later run whether it is gone. */
export const LABEL = 'pgshift';
export const PID_LABEL = 'pgshift.pid';
export const HOST_LABEL = 'pgshift.host';

/** How long a container may take from start to a successful query. */
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 100;
/** Host network: random ports tried before giving up on clashes. */
const PORT_ATTEMPTS = 3;

/**
 * Settings for a server that only ever holds throwaway databases: durability buys nothing there,
 * and without it CREATE DATABASE (a checkpoint) and loads are much faster.
 */
const THROWAWAY_SERVER_ARGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

/**
 * One PostgreSQL container of the engine. It is registered for removal on SIGINT/SIGTERM from
 * the moment it exists, and removed (with its anonymous volumes) by remove().
 */
export class PostgresContainer implements Cleanable {
  private removal: Promise<void> | undefined;

  private constructor(
    private readonly docker: Docker,
    readonly id: string,
    readonly name: string,
  ) {}

  /** Runs the image and waits until its server answers a query; removes the container on any failure. */
  static async run(docker: Docker, image: ImageFacts, settings: DockerSettings): Promise<{ container: PostgresContainer; adminUrl: string }> {
    const user = settings.env.POSTGRES_USER || 'postgres';
    const password = settings.env.POSTGRES_PASSWORD ?? randomBytes(18).toString('base64url');
    const fixedPort = settings.network === 'host' ? settings.env.PGPORT : undefined;
    if (fixedPort !== undefined && !/^\d+$/.test(fixedPort)) {
      throw new EngineError(
        'ENGINE_OPTION_INVALID',
        `engine "docker": env PGPORT ${JSON.stringify(fixedPort)} is not a port number; give a free port or leave PGPORT out.`,
        {
          option: 'env',
        },
      );
    }
    const attempts = settings.network === 'host' && fixedPort === undefined ? PORT_ATTEMPTS : 1;
    const clashes: number[] = [];
    for (;;) {
      const hostPort = settings.network === 'host' ? Number(fixedPort ?? (await freeLoopbackPort())) : undefined;
      const container = await PostgresContainer.create(docker, image, settings, { password, hostPort });
      try {
        const port = hostPort ?? (await container.publishedPort());
        const adminUrl = postgresUrl(user, password, port);
        await container.waitReady(adminUrl, usesPostgresCmd(image) ? container.name : undefined);
        return { container, adminUrl };
      } catch (err) {
        await container.remove();
        if (!(err instanceof PortClash)) throw err;
        clashes.push(err.port);
        if (clashes.length < attempts) continue;
        throw new DockerEngineError(
          'port-clash',
          fixedPort === undefined
            ? `the container's PostgreSQL found its port taken on 127.0.0.1 ${clashes.length} times (ports ${clashes.join(', ')}): retry, use network "bridge", ${OTHER_ENGINES}.`
            : `port ${fixedPort} (env PGPORT) is already in use on 127.0.0.1: free it, leave PGPORT out to get a random free port, ${OTHER_ENGINES}.`,
          err,
        );
      }
    }
  }

  private static async create(
    docker: Docker,
    image: ImageFacts,
    settings: DockerSettings,
    { password, hostPort }: { password: string; hostPort: number | undefined },
  ): Promise<PostgresContainer> {
    const name = `pgshift-${process.pid}-${randomBytes(4).toString('hex')}`;
    const env: Record<string, string> = { POSTGRES_PASSWORD: password, POSTGRES_INITDB_ARGS: '--no-sync', ...settings.env };
    const serverArgs = ['-c', `cluster_name=${name}`, ...THROWAWAY_SERVER_ARGS];
    if (hostPort !== undefined) {
      env.PGPORT = String(hostPort);
      serverArgs.push('-p', String(hostPort), '-c', 'listen_addresses=127.0.0.1');
    }
    const bridge = settings.network === 'bridge';
    let created: Docker.Container;
    try {
      created = await docker.createContainer({
        name,
        Image: settings.image,
        Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
        // Images whose command is not `postgres …` get their own command, and PGPORT only.
        ...(usesPostgresCmd(image) ? { Cmd: [...image.cmd, ...serverArgs] } : {}),
        Labels: { [LABEL]: '1', [PID_LABEL]: String(process.pid), [HOST_LABEL]: os.hostname() },
        ...(bridge ? { ExposedPorts: { '5432/tcp': {} } } : {}),
        HostConfig: {
          NetworkMode: settings.network,
          ...(bridge ? { PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } } : {}),
          ShmSize: 256 * 1024 * 1024,
        },
      });
    } catch (err) {
      throw startError(err, settings);
    }
    const container = new PostgresContainer(docker, created.id, name);
    register(container);
    try {
      await created.start();
    } catch (err) {
      await container.remove();
      throw startError(err, settings);
    }
    return container;
  }

  /** Removes the container and its anonymous volumes. Idempotent; never throws. */
  remove(): Promise<void> {
    this.removal ??= this.docker
      .getContainer(this.id)
      .remove({ force: true, v: true })
      .catch(() => undefined)
      .finally(() => unregister(this));
    return this.removal;
  }

  cleanup(): Promise<void> {
    return this.remove();
  }

  /** Bridge network: the port of 127.0.0.1 that Docker published the container's 5432 on. */
  private async publishedPort(): Promise<number> {
    const info = await this.docker.getContainer(this.id).inspect();
    const binding = info.NetworkSettings.Ports?.['5432/tcp']?.find((b) => b.HostIp === '127.0.0.1') ?? info.NetworkSettings.Ports?.['5432/tcp']?.[0];
    if (binding === undefined) {
      throw new DockerEngineError(
        'container-failed',
        `Docker published no port for container ${this.name}'s 5432 (a daemon without a bridge network, such as one started with --bridge=none, publishes none): use network "host", ${OTHER_ENGINES}.`,
      );
    }
    return Number(binding.HostPort);
  }

  /**
   * Ready means a query succeeds on the server of this very container: when the command is
   * `postgres …`, the server's cluster_name must be the container's name, so that another server
   * already listening on the same port is never mistaken for it.
   */
  private async waitReady(adminUrl: string, clusterName: string | undefined): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let lastError: unknown;
    for (;;) {
      const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const { rows } = await client.query<{ name: string }>("SELECT current_setting('cluster_name') AS name");
        if (clusterName === undefined || rows[0].name === clusterName) {
          await client.end().catch(() => undefined);
          return;
        }
        lastError = new Error(`the server on that port is not this container's (cluster_name ${JSON.stringify(rows[0].name)})`);
      } catch (err) {
        lastError = err;
      }
      // Not awaited: a peer that is not a PostgreSQL server may never close its end.
      void client.end().catch(() => undefined);
      const info = await this.docker
        .getContainer(this.id)
        .inspect()
        .catch((err: unknown) => {
          throw daemonError(err);
        });
      if (!info.State.Running) {
        const logs = await this.logTail();
        const port = /Address already in use/i.test(logs) ? Number(new URL(adminUrl).port) : undefined;
        if (port !== undefined) throw new PortClash(port);
        throw new DockerEngineError(
          'container-failed',
          `container ${this.name} stopped (exit code ${info.State.ExitCode}) before its server was ready; its last log lines:\n${indent(logs)}\ncheck the image and env, ${OTHER_ENGINES}.`,
        );
      }
      if (Date.now() > deadline) {
        throw new DockerEngineError(
          'container-failed',
          `container ${this.name}'s server was not ready within ${READY_TIMEOUT_MS / 1000} s (last attempt: ${reason(lastError)}); its last log lines:\n${indent(await this.logTail())}\ncheck the image and the machine's load, ${OTHER_ENGINES}.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }

  private async logTail(): Promise<string> {
    try {
      const raw = (await this.docker.getContainer(this.id).logs({ stdout: true, stderr: true, tail: 20, follow: false })) as unknown as Buffer;
      return demux(raw).trimEnd();
    } catch (err) {
      return `(no logs: ${reason(err)})`;
    }
  }
}

class PortClash extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
  }
}

function usesPostgresCmd(image: ImageFacts): boolean {
  return image.cmd[0] === 'postgres';
}

function startError(err: unknown, settings: DockerSettings): Error {
  const translated = daemonError(err);
  if (translated instanceof DockerEngineError) return translated;
  const message = reason(err);
  if (/port is already allocated|address already in use/i.test(message)) {
    return new DockerEngineError('port-clash', `Docker could not publish the container's port (${message}): retry, use network "host", ${OTHER_ENGINES}.`, err);
  }
  if (/network .* not found/i.test(message)) {
    return new DockerEngineError(
      'container-failed',
      `Docker has no network "${settings.network}" (${message}): use network "${settings.network === 'bridge' ? 'host' : 'bridge'}", ${OTHER_ENGINES}.`,
      err,
    );
  }
  return new DockerEngineError(
    'container-failed',
    `Docker could not start a container from image ${settings.image} (${message}): check the image, ${OTHER_ENGINES}.`,
    err,
  );
}

/** A port of 127.0.0.1 that is free right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function postgresUrl(user: string, password: string, port: number): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** The text of a non-TTY container's log stream: frames of an 8-byte header (stream, size) and a payload. */
function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const size = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
