import { stringify } from "yaml";
import { CONTROL_PORT } from "./load-topology.js";
import type { Listener, Topology, TopologyNode, WorkType } from "./model.js";

/** Where every node's control socket lives inside its container (receptorctl's default there). */
export const CONTROL_SOCKET = "/tmp/receptor.sock";
/** Receptor's data directory inside the container; unit directories are `<datadir>/<node>/<unit>/`. */
export const DATA_DIR = "/tmp/receptor";

/** One tcp-peer: where to dial and, when given, the cost (Receptor's default is 1). */
export interface PeerAddress {
  address: string;
  cost?: number;
}

/** Everything one node's config file says, already validated by whoever built it. */
export interface NodeConfig {
  id: string;
  listeners: Listener[];
  peers: PeerAddress[];
  /** Advertise the control service on the mesh (service `control`) as well as on the socket and TCP. */
  advertiseControl: boolean;
  workTypes: WorkType[];
}

/**
 * The receptor config file (v1 format: a YAML list of one-key actions) for one node.
 *
 * Every node gets a control service with the socket and a TCP listener for the harness. Only
 * nodes whose topology says `controlService: true` advertise it on the mesh (service `control`),
 * as in the demos; the others use an empty service name, which Receptor does not advertise.
 */
export function receptorConfig(topology: Topology, node: TopologyNode, logLevel = "debug"): string {
  const peers = node.dials.map((dial) => {
    const target = topology.nodes.find((candidate) => candidate.id === dial.to)!;
    return { address: `${target.hostname}:${dial.port}`, cost: dial.cost };
  });
  const { id, listeners, workTypes, controlService } = node;
  return nodeConfigYaml({ id, listeners, peers, advertiseControl: controlService, workTypes }, logLevel);
}

/** The config file for one node described directly (no topology): the shared YAML writer. */
export function nodeConfigYaml(node: NodeConfig, logLevel = "debug"): string {
  const actions: unknown[] = [{ node: { id: node.id, datadir: DATA_DIR } }, { "log-level": logLevel }];
  for (const listener of node.listeners) {
    const options: Record<string, unknown> = { port: String(listener.port), cost: listener.cost };
    if (Object.keys(listener.nodeCost).length > 0) options.nodecost = listener.nodeCost;
    actions.push({ "tcp-listener": options });
  }
  for (const peer of node.peers) {
    const options: Record<string, unknown> = { address: peer.address };
    if (peer.cost !== undefined) options.cost = peer.cost;
    options.redial = true;
    actions.push({ "tcp-peer": options });
  }
  if (node.listeners.length === 0 && node.peers.length === 0) actions.push("local-only");
  actions.push({
    "control-service": {
      service: node.advertiseControl ? "control" : "",
      filename: CONTROL_SOCKET,
      tcplisten: String(CONTROL_PORT),
    },
  });
  for (const work of node.workTypes) {
    const options: Record<string, unknown> = { worktype: work.name, command: work.command };
    if (work.params !== undefined) options.params = work.params;
    if (work.allowRuntimeParams) options.allowruntimeparams = true;
    actions.push({ "work-command": options });
  }
  return `---\n${stringify(actions, { lineWidth: 0 })}`;
}
