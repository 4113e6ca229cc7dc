import type Docker from 'dockerode';
import { daemonError, reason } from './daemon';
import { DockerEngineError, OTHER_ENGINES } from './errors';
import type { DockerSettings } from './options';

/** What the engine needs to know about the image it runs. */
export interface ImageFacts {
  id: string;
  /** The image's default command, e.g. `["postgres"]`. */
  cmd: string[];
  entrypoint: string[];
}

/** Makes sure the image is present locally, pulling it as the policy says, and returns its facts. */
export async function ensureImage(docker: Docker, settings: Pick<DockerSettings, 'image' | 'pull' | 'progress'>): Promise<ImageFacts> {
  const { image, pull } = settings;
  let facts = pull === 'always' ? undefined : await inspect(docker, image);
  if (facts !== undefined) return facts;
  if (pull === 'never') {
    throw new DockerEngineError(
      'image-not-found',
      `image ${image} is not present locally and option pull is "never": pull or build it first (\`docker pull ${image}\`), set pull to "missing", ${OTHER_ENGINES}.`,
    );
  }
  await pullImage(docker, image, settings.progress);
  facts = await inspect(docker, image);
  if (facts === undefined) {
    throw new DockerEngineError('pull-failed', `image ${image} is still missing after pulling it: check the image name, ${OTHER_ENGINES}.`);
  }
  return facts;
}

async function inspect(docker: Docker, image: string): Promise<ImageFacts | undefined> {
  try {
    const info = await docker.getImage(image).inspect();
    return { id: info.Id, cmd: info.Config?.Cmd ?? [], entrypoint: toList(info.Config?.Entrypoint) };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw daemonError(err);
  }
}

function toList(value: string | string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

interface PullEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** Pulls the image: a progress line redrawn in place on a TTY, a single line otherwise. */
async function pullImage(docker: Docker, image: string, out: DockerSettings['progress']): Promise<void> {
  const tty = out.isTTY === true;
  const layers = new Map<string, { current: number; total: number; done: boolean }>();
  const draw = (): void => {
    const all = [...layers.values()];
    const done = all.filter((l) => l.done).length;
    const mb = (n: number): string => (n / 1e6).toFixed(1);
    const current = all.reduce((s, l) => s + l.current, 0);
    const total = all.reduce((s, l) => s + l.total, 0);
    out.write(`\rpulling ${image}: ${done}/${all.length} layers, ${mb(current)}/${mb(total)} MB\x1b[K`);
  };
  const onEvent = (event: PullEvent): void => {
    if (!tty || event.id === undefined || event.id === image.split(':').pop()) return;
    const layer = layers.get(event.id) ?? { current: 0, total: 0, done: false };
    if (event.status === 'Downloading' && event.progressDetail?.total) {
      layer.current = event.progressDetail.current ?? 0;
      layer.total = event.progressDetail.total;
    }
    if (event.status === 'Pull complete' || event.status === 'Already exists') {
      layer.done = true;
      layer.current = layer.total;
    }
    layers.set(event.id, layer);
    draw();
  };
  if (!tty) out.write(`pulling image ${image} …\n`);
  const failed = (cause: unknown): DockerEngineError =>
    new DockerEngineError(
      'pull-failed',
      `cannot pull image ${image} (${reason(cause)}): check the name and the registry access, pull or build it by hand and set pull to "never", ${OTHER_ENGINES}.`,
      cause,
    );
  let events: PullEvent[];
  try {
    const stream = await docker.pull(image);
    events = await new Promise<PullEvent[]>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: Error | null, output: PullEvent[]) => (err ? reject(err) : resolve(output)), onEvent);
    });
  } catch (err) {
    const translated = daemonError(err);
    throw translated instanceof DockerEngineError ? translated : failed(err);
  } finally {
    if (tty) out.write('\n');
  }
  const error = events.find((e) => e.error !== undefined || e.errorDetail !== undefined);
  if (error !== undefined) throw failed(new Error(error.errorDetail?.message ?? error.error));
}
