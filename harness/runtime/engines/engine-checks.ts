import { EnvironmentError } from "../../errors.js";
import type { EngineTarget } from "./engine-endpoints.js";

/** What the checks ask of each engine: a subset of dockerode's client, so tests can hand in fakes. */
export interface EngineProbe {
  ping(): Promise<unknown>;
  info(): Promise<unknown>;
  listNodes(): Promise<unknown>;
}

interface EngineInfo {
  Architecture?: string;
  Swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean };
}

const answerTimeoutMs = 10_000;

/**
 * Before a lab is spread over `targets` (the host engine first): every engine answers, all run
 * one architecture (the node image is copied, not rebuilt), the host engine manages a swarm and
 * every other engine is a node of that swarm. The first problem found is thrown, before anything starts.
 */
export async function checkEngines(targets: readonly EngineTarget[], probeOf: (target: EngineTarget) => EngineProbe): Promise<void> {
  const infos = await Promise.all(targets.map((target) => answers(target, probeOf(target))));
  const [host, ...others] = targets;
  const hostInfo = infos[0]!;
  const architectures = new Set(infos.map((info) => info.Architecture));
  if (architectures.size > 1) {
    const list = targets.map((target, index) => `${target.name}: ${infos[index]!.Architecture ?? "?"}`).join(", ");
    throw new EnvironmentError(`the engines run different architectures (${list})`, "A lab's node image is built once and copied to every engine: list engines of one architecture in --engines.");
  }
  if (!hostInfo.Swarm?.ControlAvailable) {
    throw new EnvironmentError(
      `the host engine (${host!.endpoint}) is not a swarm manager (swarm state: ${hostInfo.Swarm?.LocalNodeState ?? "?"})`,
      "A lab over several engines needs an overlay network: 'docker swarm init --advertise-addr <address>' on the host engine, 'docker swarm join' on the others (see 'Engines on real hosts' in README.md).",
    );
  }
  const members = new Set(((await probeOf(host!).listNodes()) as { ID: string }[]).map((node) => node.ID));
  others.forEach((target, index) => {
    const swarm = infos[index + 1]!.Swarm;
    if (!swarm?.NodeID || !members.has(swarm.NodeID) || swarm.LocalNodeState !== "active") {
      throw new EnvironmentError(
        `engine '${target.name}' (${target.endpoint}) is not in the host engine's swarm (its swarm state: ${swarm?.LocalNodeState ?? "?"})`,
        `Join it: 'docker swarm join-token worker' on the host engine prints the command to run against ${target.endpoint}.`,
      );
    }
  });
}

async function answers(target: EngineTarget, probe: EngineProbe): Promise<EngineInfo> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${answerTimeoutMs / 1000} s`)), answerTimeoutMs)));
  try {
    await Promise.race([probe.ping(), timeout]);
    return (await Promise.race([probe.info(), timeout])) as EngineInfo;
  } catch (error) {
    throw new EnvironmentError(`engine '${target.name}' at ${target.endpoint} does not answer: ${(error as Error).message}`, `Check that its dockerd runs and that this machine reaches ${target.endpoint} ('docker -H ${target.endpoint} info'), or leave it out of --engines.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
