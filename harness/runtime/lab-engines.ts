import type Docker from "dockerode";
import type { Progress } from "../progress.js";
import type { ControlEndpoint } from "./engine-host.js";
import { dockerAt, type EngineTarget } from "./engines/engine-endpoints.js";
import { labels } from "./labels.js";
import { removeRun } from "./lab-removal.js";
import { placeNodes, type PlacedNode } from "./node-placement.js";

/** An engine a lab's nodes run on: its client, its endpoint and where its published ports are reached. */
export interface LabEngine {
  name: string;
  endpoint: string;
  docker: Docker;
  control: ControlEndpoint;
}

/** Clients for `targets`; the host engine's is the harness's own, and its ports are published as the harness says. */
export function labEnginesFor(targets: readonly EngineTarget[], host: Docker, hostControl: ControlEndpoint): LabEngine[] {
  return targets.map((target) =>
    target.name === "host"
      ? { name: "host", endpoint: target.endpoint, docker: host, control: hostControl }
      : { name: target.name, endpoint: target.endpoint, docker: dockerAt(target.endpoint), control: { bind: "0.0.0.0", reach: target.reach } },
  );
}

/** Node id → the engine it runs on (see placeNodes). */
export function placedEngines(engines: readonly LabEngine[], nodes: readonly PlacedNode[]): Map<string, LabEngine> {
  const names = placeNodes(nodes, engines.map((engine) => engine.name));
  return new Map(nodes.map((node, index) => [node.id, engines.find((engine) => engine.name === names[index])!]));
}

/** The lab network's label that lets any process find the lab's other engines (none for a one-engine lab). */
export function enginesLabel(engines: readonly LabEngine[]): Record<string, string> {
  if (engines.length < 2) return {};
  const targets: EngineTarget[] = engines.map((engine) => ({ name: engine.name, endpoint: engine.endpoint, reach: engine.control.reach }));
  return { [labels.engines]: JSON.stringify(targets) };
}

/** The engines a lab network's labels name, or none for a one-engine lab. */
export function enginesOf(networkLabels: Record<string, string> | undefined): EngineTarget[] {
  const value = networkLabels?.[labels.engines];
  return value ? (JSON.parse(value) as EngineTarget[]) : [];
}

/** Each other engine's containers of `runId` first, then the manager's containers and network (an overlay goes once all have left it). */
export async function removeRunEverywhere(manager: Docker, engines: readonly LabEngine[], runId: string): Promise<string[]> {
  const others = engines.filter((engine) => engine.docker !== manager);
  const problems = await Promise.all(
    others.map(async (engine) =>
      (await removeRun(engine.docker, runId, { networks: false }).catch((error: Error) => [`not reachable at ${engine.endpoint} (${error.message}): its containers of ${runId} are left`])).map((problem) => `${engine.name}: ${problem}`),
    ),
  );
  return [...problems.flat(), ...(await removeRun(manager, runId))];
}

/** `docker save | docker load` of `tag` into `engine`, unless it has it already. */
export async function copyImage(from: Docker, engine: LabEngine, tag: string, progress: Progress): Promise<void> {
  const present = await engine.docker
    .getImage(tag)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (present) return;
  progress.step(`Copying image ${tag} to ${engine.name} …`);
  const loading = (await engine.docker.loadImage(await from.getImage(tag).get())) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    loading.on("end", resolve);
    loading.on("error", reject);
    loading.resume();
  });
}
