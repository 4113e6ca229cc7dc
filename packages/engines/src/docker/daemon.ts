import { existsSync } from 'fs';
import * as path from 'path';
import type Docker from 'dockerode';
import { DockerEngineError, OTHER_ENGINES } from './errors';

/** How long a ping may take before the daemon counts as unreachable. */
const PING_TIMEOUT_MS = 10_000;

/** A client of the Docker daemon named by DOCKER_HOST (default: the local socket), once it answers a ping. */
export async function connectDaemon(): Promise<Docker> {
  let docker: Docker;
  try {
    // Loaded here, not at import: dockerode costs a tenth of a second to load, which every
    // command that never touches Docker would pay.
    const DockerClient: typeof Docker = require('dockerode');
    docker = new DockerClient();
  } catch (err) {
    // docker-modem refuses a DOCKER_HOST it cannot parse.
    throw new DockerEngineError(
      'unreachable',
      `cannot reach the Docker daemon: DOCKER_HOST=${JSON.stringify(process.env.DOCKER_HOST)} is not a valid address (${reason(err)}); fix or unset DOCKER_HOST, ${OTHER_ENGINES}.`,
      err,
    );
  }
  try {
    await withTimeout(docker.ping(), PING_TIMEOUT_MS);
  } catch (err) {
    throw daemonError(err);
  }
  return docker;
}

/**
 * Turns a failure to talk to the daemon into one of the Docker errors; any other error (an HTTP
 * answer of the daemon) is returned as is.
 */
export function daemonError(err: unknown): Error {
  if (err instanceof DockerEngineError) return err;
  const e = err as NodeJS.ErrnoException & { address?: string };
  const where = daemonAddress(e.address);
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return new DockerEngineError(
        'permission-denied',
        `permission denied on the Docker socket ${where}: add your user to the docker group and log in again (or use rootless Docker), ${OTHER_ENGINES}.`,
        err,
      );
    case 'ENOENT':
      if (process.env.DOCKER_HOST === undefined && !dockerOnPath()) {
        return new DockerEngineError(
          'not-installed',
          `Docker is not installed (no docker command on PATH and no daemon socket at ${where}): install Docker (https://docs.docker.com/engine/install/), ${OTHER_ENGINES}.`,
          err,
        );
      }
      return unreachable(where, e, err);
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'ENOTSOCK':
      return unreachable(where, e, err);
    default:
      if (err instanceof TimeoutError) return unreachable(where, e, err);
      return err instanceof Error ? err : new Error(String(err));
  }
}

function unreachable(where: string, e: { code?: string; message?: string }, err: unknown): DockerEngineError {
  return new DockerEngineError(
    'unreachable',
    `cannot reach the Docker daemon at ${where} (${e.code ?? e.message ?? 'no answer'}): start it (e.g. \`sudo systemctl start docker\`) or point DOCKER_HOST at a running one, ${OTHER_ENGINES}.`,
    err,
  );
}

function daemonAddress(socket: string | undefined): string {
  if (socket !== undefined) return socket.startsWith('/') ? `unix://${socket}` : socket;
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

function dockerOnPath(): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  return dirs.some((dir) => ['docker', 'dockerd', 'podman'].some((name) => existsSync(path.join(dir, name))));
}

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function reason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).trim();
}
