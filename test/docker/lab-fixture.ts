import { join } from "node:path";
import Docker from "dockerode";
import { inject } from "vitest";
import "./provided.js";
import { defaultCacheDir, paths } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { DockerRuntime } from "../../harness/runtime/docker-runtime.js";
import { newRunId } from "../../harness/runtime/run-id.js";
import { LabSession } from "../../harness/scenario/lab-session.js";
import { loadTopologyFile } from "../../harness/topology/load-topology.js";

export const docker = new Docker();
/** The runtime the Docker tests drive labs through (the image exists: global setup built it). */
export const runtime = new DockerRuntime(docker, { cacheDir: defaultCacheDir(process.env) });

/** Brings up a built-in topology with the image global setup built. */
export async function startLab(topologyName: string, env: Record<string, string> = {}): Promise<LabSession> {
  const topology = await loadTopologyFile(join(paths.topologies, `${topologyName}.yaml`));
  return LabSession.bringUp({
    runtime,
    topology,
    image: inject("nodeImage"),
    receptorVersion: inject("receptorVersion"),
    runId: newRunId(),
    env,
    progress: silentProgress,
  });
}

/** Containers and networks still carrying `runId`'s label. */
export async function leftovers(runId: string): Promise<number> {
  const filters = { label: [`receptor-lab.run=${runId}`] };
  const containers = await docker.listContainers({ all: true, filters });
  const networks = await docker.listNetworks({ filters });
  return containers.length + networks.length;
}
