import { spawn, type ChildProcessByStdio } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import type { Readable } from 'stream';
import Docker from 'dockerode';
import { describeWith, docker, dockerImage } from '@pgshift/test-support';
import { createEngine, DockerEngine, DockerEngineError, EngineError } from '../src';
import { engineContract } from './contract';

jest.setTimeout(180_000);

const OTHER_ENGINES = 'use engine "pglite" or "server"';

async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

describe('docker engine options and daemon errors', () => {
  test('an unknown pull policy names the option', async () => {
    await expect(createEngine({ engine: 'docker', pull: 'sometimes' as 'never' })).rejects.toMatchObject({ code: 'ENGINE_OPTION_INVALID', option: 'pull' });
  });

  test('PGSHIFT_DOCKER_NETWORK must be bridge or host', async () => {
    const error = await withEnv({ PGSHIFT_DOCKER_NETWORK: 'overlay' }, () => createEngine({ engine: 'docker' }).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'ENGINE_OPTION_INVALID', option: 'network' });
    expect((error as Error).message).toContain('PGSHIFT_DOCKER_NETWORK "overlay"');
  });

  test('an unreachable daemon is one sentence naming its address, how to start it, and the other engines', async () => {
    const socket = path.join('/nonexistent', `pgshift-${process.pid}`, 'docker.sock');
    const error = await withEnv({ DOCKER_HOST: `unix://${socket}` }, () => createEngine({ engine: 'docker' }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(DockerEngineError);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'ENGINE_CONNECT_FAILED', failure: 'unreachable' });
    const message = (error as Error).message;
    expect(message).toBe(
      `cannot reach the Docker daemon at unix://${socket} (ENOENT): start it (e.g. \`sudo systemctl start docker\`) or point DOCKER_HOST at a running one, or ${OTHER_ENGINES}.`,
    );
  });
});

describeWith([docker], 'docker engine', () => {
  engineContract('docker', () => createEngine({ engine: 'docker', image: dockerImage(), network: 'host', pull: 'never' }));

  const daemon = new Docker();
  const ownContainers = async (): Promise<Docker.ContainerInfo[]> =>
    daemon.listContainers({ all: true, filters: { label: ['pgshift=1', `pgshift.pid=${process.pid}`] } });
  const exists = async (id: string): Promise<boolean> =>
    daemon
      .getContainer(id)
      .inspect()
      .then(() => true)
      .catch((err: { statusCode?: number }) => {
        if (err.statusCode === 404) return false;
        throw err;
      });

  /** Runs the hold-container fixture and resolves with the child and the id of its container. */
  async function holdContainer(): Promise<{
    child: ChildProcessByStdio<null, Readable, Readable>;
    id: string;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  }> {
    const child = spawn(process.execPath, [path.join(__dirname, 'fixtures/docker/hold-container.js')], {
      env: { ...process.env, PGSHIFT_TEST_DOCKER_IMAGE: dockerImage() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const id = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      void exited.then(() => reject(new Error(`child exited early: ${stderr}`)));
    });
    return { child, id, exited };
  }

  test('a missing image with pull "never" is one sentence naming the image, the policy, and the other engines', async () => {
    const image = `pgshift-local/absent-${process.pid}:1`;
    const error = await createEngine({ engine: 'docker', image, pull: 'never', network: 'host' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerEngineError);
    expect(error).toMatchObject({ code: 'ENGINE_OPTION_INVALID', option: 'image', failure: 'image-not-found' });
    expect((error as Error).message).toBe(
      `image ${image} is not present locally and option pull is "never": pull or build it first (\`docker pull ${image}\`), set pull to "missing", or ${OTHER_ENGINES}.`,
    );
    expect(await ownContainers()).toEqual([]);
  });

  test('a port taken on loopback is reported as a port clash, and the failed container is removed', async () => {
    // Reads and ignores what the readiness probe sends, as a foreign server would; a socket
    // that never reads would never see the probe hang up.
    const holder = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const error = await createEngine({ engine: 'docker', image: dockerImage(), network: 'host', pull: 'never', env: { PGPORT: String(port) } }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DockerEngineError);
      expect(error).toMatchObject({ failure: 'port-clash', option: 'network' });
      expect((error as Error).message).toBe(
        `port ${port} (env PGPORT) is already in use on 127.0.0.1: free it, leave PGPORT out to get a random free port, or ${OTHER_ENGINES}.`,
      );
      expect(await ownContainers()).toEqual([]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  test('a container left by a killed process is reaped at the next start; the new one is labelled, on loopback, and removed on dispose', async () => {
    const { child, id: leftover, exited } = await holdContainer();
    process.kill(child.pid!, 'SIGKILL');
    await exited;
    expect(await exists(leftover)).toBe(true);

    const started = Date.now();
    const engine = (await createEngine({ engine: 'docker', image: dockerImage(), network: 'host', pull: 'never' })) as DockerEngine;
    const db = await engine.createDatabase();
    const { rows } = await db.query<{ listen: string; addr: string }>("SELECT current_setting('listen_addresses') AS listen, host(inet_server_addr()) AS addr");
    process.stdout.write(`docker: create() to a ready database ${Date.now() - started} ms\n`);
    try {
      expect(await exists(leftover)).toBe(false);
      expect(rows).toEqual([{ listen: '127.0.0.1', addr: '127.0.0.1' }]);
      expect(engine.name).toBe('docker');
      expect(engine.version).toMatch(new RegExp(`^docker ${dockerImage().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d{6}$`));
      expect(engine.displayUrl).toMatch(/^postgres:\/\/postgres:\*\*\*\*@127\.0\.0\.1:\d+\/postgres$/);
      const info = await daemon.getContainer(engine.containerId).inspect();
      expect(info.Config.Labels).toMatchObject({ pgshift: '1', 'pgshift.pid': String(process.pid) });
      expect(info.HostConfig.NetworkMode).toBe('host');
    } finally {
      await engine.dispose();
    }
    expect(await exists(engine.containerId)).toBe(false);
    await expect(engine.createDatabase()).rejects.toMatchObject({ code: 'ENGINE_DISPOSED' });
  });

  test('a process killed by SIGTERM removes its container before it dies of the signal', async () => {
    const { child, id, exited } = await holdContainer();
    expect(await exists(id)).toBe(true);
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await exists(id)).toBe(false);
  });
});
