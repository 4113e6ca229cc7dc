import * as os from 'os';
import type Docker from 'dockerode';
import { pidAlive } from '../server/cleanup';
import { HOST_LABEL, LABEL, PID_LABEL } from './container';
import { daemonError } from './daemon';

/**
 * Removes the containers that pgshift processes of this host left behind when they died without
 * cleaning up (SIGKILL, a crash). Only pids of this host can be checked, so containers labelled
 * with another host are left alone.
 */
export async function reapLeftovers(docker: Docker): Promise<string[]> {
  let containers: Docker.ContainerInfo[];
  try {
    containers = await docker.listContainers({ all: true, filters: { label: [`${LABEL}=1`, `${HOST_LABEL}=${os.hostname()}`] } });
  } catch (err) {
    throw daemonError(err);
  }
  const reaped: string[] = [];
  for (const info of containers) {
    const pid = Number(info.Labels[PID_LABEL]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || pidAlive(pid)) continue;
    await docker
      .getContainer(info.Id)
      .remove({ force: true, v: true })
      .then(() => reaped.push(info.Id))
      .catch(() => undefined);
  }
  return reaped;
}
