import { UsageError } from "../errors.js";
import { controlEndpointFor } from "../runtime/engine-host.js";
import { checkEngines } from "../runtime/engines/engine-checks.js";
import { dockerAt, dockerContextEndpoint, hostTarget, parseEngineList, type EngineTarget } from "../runtime/engines/engine-endpoints.js";
import { readEngineSet } from "../runtime/engines/extra-engines.js";
import type { LabRuntime } from "../runtime/lab-runtime.js";
import { placeNodes } from "../runtime/node-placement.js";
import type { Topology } from "../topology/model.js";

export interface SpreadOptions {
  /** Where `engines up` keeps its state (for `local`). */
  cacheDir: string;
  env?: NodeJS.ProcessEnv;
  /** The topologies the labs will run: a node pinned to an engine the list lacks is refused here. */
  topologies?: readonly Topology[];
}

/**
 * The engines `--engines` names (`local`, or NAME=ENDPOINT and Docker contexts; see
 * parseEngineList), the host engine first. Checked before any engine is asked: the list, and the
 * topologies' pins to engines it names (exit 2).
 */
export async function resolveEngines(engines: string, options: SpreadOptions): Promise<EngineTarget[]> {
  const env = options.env ?? process.env;
  const extra = await readEngineSet(options.cacheDir);
  const targets = await parseEngineList(engines, hostTarget(env, controlEndpointFor(env).reach), { ...(extra ? { extra } : {}), contextEndpoint: dockerContextEndpoint });
  for (const topology of options.topologies ?? []) placeNodes(topology.nodes, targets.map((target) => target.name));
  return targets;
}

/**
 * `runtime` with every lab from now on spread over `targets`, once every engine answers, all run
 * one architecture and belong to the host engine's swarm (exit 3 otherwise, nothing started).
 */
export async function spreadOverEngines(runtime: LabRuntime, targets: EngineTarget[]): Promise<LabRuntime> {
  if (!runtime.spreadOver) throw new UsageError("--engines needs the Docker runtime", "Run without --engines.");
  await checkEngines(targets, (target) => dockerAt(target.endpoint));
  return runtime.spreadOver(targets);
}
