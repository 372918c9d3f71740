import type Docker from "dockerode";
import { UsageError } from "../errors.js";
import { CONTROL_PORT } from "../topology/load-topology.js";
import { dockerAt, type EngineTarget } from "./engines/engine-endpoints.js";
import { enginesOf } from "./lab-engines.js";
import { labels } from "./labels.js";
import type { RunningLab } from "./lab-runtime.js";

export type RunningNode = RunningLab["nodes"][number];

type ContainerInfo = Docker.ContainerInfo & { engine?: EngineTarget };

/**
 * Every lab Docker knows of, found by label (so any process can find a lab `up` started); the
 * nodes of a lab spread over several engines are found on each (an engine that does not answer
 * contributes none).
 */
export async function listLabs(docker: Docker, controlHost = "127.0.0.1"): Promise<RunningLab[]> {
  const here: ContainerInfo[] = await docker.listContainers({ all: true, filters: { label: [labels.run] } });
  const spread = await docker.listNetworks({ filters: { label: [labels.engines] } });
  const elsewhere = spread.flatMap((network) =>
    enginesOf(network.Labels)
      .filter((engine) => engine.name !== "host")
      .map(async (engine): Promise<ContainerInfo[]> => {
        const found = await dockerAt(engine.endpoint)
          .listContainers({ all: true, filters: { label: [`${labels.run}=${network.Labels?.[labels.run]}`] } })
          .catch(() => []);
        return found.map((info) => ({ ...info, engine }));
      }),
  );
  const containers = [...here, ...(await Promise.all(elsewhere)).flat()];
  const labs = new Map<string, RunningLab>();
  for (const info of containers) {
    const runId = info.Labels[labels.run]!;
    const lab = labs.get(runId) ?? {
      runId,
      topology: info.Labels[labels.topology] ?? "?",
      receptorVersion: info.Labels[labels.receptorVersion] ?? "?",
      nodes: [],
    };
    labs.set(runId, lab);
    const port = info.Ports.find((binding) => binding.PrivatePort === CONTROL_PORT && binding.PublicPort);
    lab.nodes.push({
      id: info.Labels[labels.node] ?? "?",
      container: info.Labels[labels.container] ?? "?",
      containerName: info.Names[0]?.replace(/^\//, "") ?? info.Id,
      state: info.State,
      receptorVersion: info.Labels[labels.receptorVersion] ?? "?",
      ...(port ? { control: { host: info.engine?.reach ?? controlHost, port: port.PublicPort } } : {}),
      ...(info.engine ? { engine: { name: info.engine.name, endpoint: info.engine.endpoint } } : {}),
    });
  }
  for (const lab of labs.values()) lab.nodes.sort((a, b) => a.container.localeCompare(b.container));
  return [...labs.values()].sort((a, b) => a.runId.localeCompare(b.runId));
}

/** The lab a command means: the one named, or the only one running. */
export function selectLab(labs: RunningLab[], runId?: string): RunningLab {
  if (runId) {
    const lab = labs.find((candidate) => candidate.runId === runId);
    if (!lab) throw new UsageError(`no lab with run id '${runId}'`, labsHint(labs));
    return lab;
  }
  if (labs.length === 1) return labs[0]!;
  if (labs.length === 0) throw new UsageError("no lab is running", "Start one with 'receptor-lab up <topology>' (e.g. 'redundant').");
  throw new UsageError(`${labs.length} labs are running; say which with --lab <run-id>`, labsHint(labs));
}

/** A node by node id (executor01) or short container name (node04). */
export function selectNode(lab: RunningLab, name: string): RunningNode {
  const node = lab.nodes.find((candidate) => candidate.id === name || candidate.container === name);
  if (!node) {
    throw new UsageError(
      `lab ${lab.runId} has no node '${name}'`,
      `Its nodes: ${lab.nodes.map((candidate) => `${candidate.id} (${candidate.container})`).join(", ")}.`,
    );
  }
  return node;
}

function labsHint(labs: RunningLab[]): string {
  return labs.length ? `Running labs: ${labs.map((lab) => `${lab.runId} (${lab.topology})`).join(", ")}.` : "No lab is running.";
}
