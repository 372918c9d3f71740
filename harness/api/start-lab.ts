import { defaultCacheDir, paths } from "../paths.js";
import { silentProgress } from "../progress.js";
import { DockerRuntime } from "../runtime/docker-runtime.js";
import { controlEndpointFor } from "../runtime/engine-host.js";
import { imageBuildOptionsFrom } from "../runtime/image-options.js";
import type { LabRuntime } from "../runtime/lab-runtime.js";
import { versionsFor } from "../runtime/node-versions.js";
import { newRunId } from "../runtime/run-id.js";
import { LabSession } from "../scenario/lab-session.js";
import { quickEnv } from "../scenario/scenario-engine.js";
import type { Topology } from "../topology/model.js";
import { TopologyCatalog } from "../topology/topology-catalog.js";
import { receptorChoiceOf, resolveLabOptions, type StartLabOptions } from "./api-options.js";
import { labHandle } from "./lab-handle.js";
import { nodeImagesOf, resolveNodeBuilds } from "./node-builds.js";
import type { StartedLab } from "./started-lab.js";

/** A built-in topology by name (`redundant`) or a topology file, validated (file:line errors). */
export function loadTopology(nameOrFile: string): Promise<Topology> {
  return new TopologyCatalog(paths.topologies).load(nameOrFile);
}

/** The Docker runtime the API uses unless told otherwise (environment read here, once). */
export function dockerRuntime(options: { cacheDir?: string; progress?: StartLabOptions["progress"] } = {}): Promise<DockerRuntime> {
  return DockerRuntime.connect(
    options.progress ?? silentProgress,
    imageBuildOptionsFrom(process.env, options.cacheDir ?? defaultCacheDir(process.env)),
    controlEndpointFor(process.env),
  );
}

/**
 * Builds the node image if needed, starts every node of `topology` (listeners before their
 * dialers) and waits until every routing table matches the oracle. On failure nothing is left.
 */
export async function startLab(topology: Topology | string, options: StartLabOptions = {}): Promise<StartedLab> {
  const resolved = resolveLabOptions(options);
  const model = typeof topology === "string" ? await loadTopology(topology) : topology;
  const progress = resolved.progress ?? silentProgress;
  // a Receptor the proxy refuses, or a folder that is no Receptor tree, stops before any engine starts
  const choice = receptorChoiceOf(resolved);
  const versions = await versionsFor(choice);
  const builds = await resolveNodeBuilds(model, { cacheDir: choice.cacheDir, ...(resolved.receptorctl ? { receptorctl: resolved.receptorctl } : {}) });
  const runtime: LabRuntime = resolved.runtime ?? (await dockerRuntime({ progress, ...(resolved.cacheDir ? { cacheDir: resolved.cacheDir } : {}) }));
  const image = await runtime.nodeImage(versions, progress);
  const nodeImages = await nodeImagesOf(builds, runtime, progress);
  const session = await LabSession.bringUp({
    runtime,
    topology: model,
    image: image.tag,
    receptorVersion: image.receptorVersion,
    ...(nodeImages.size > 0 ? { nodeImages } : {}),
    runId: resolved.runId ?? newRunId(),
    env: { ...(resolved.quick ? quickEnv : {}), ...resolved.env },
    progress,
    convergeTimeoutMs: resolved.withinMs,
    ...(resolved.meshClients ? { meshClients: resolved.meshClients } : {}),
  });
  return labHandle(session, image.receptorVersion);
}
