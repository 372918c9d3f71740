/** The validated, typed form of a topology file. Everything downstream trusts these types. */

export type NodeId = string;

export interface WorkType {
  name: string;
  command: string;
  params?: string;
  allowRuntimeParams: boolean;
}

export interface Listener {
  port: number;
  cost: number;
  /** Per-dialer cost overrides (Receptor's `nodecost`). */
  nodeCost: Record<NodeId, number>;
}

export interface Dial {
  to: NodeId;
  port: number;
  cost: number;
}

export interface TopologyNode {
  id: NodeId;
  /** Short container name as in the demos (node01, c01, …); the runtime prefixes it per lab. */
  container: string;
  hostname: string;
  /** Whether the node advertises its control service on the mesh, as the demo node does. */
  controlService: boolean;
  listeners: Listener[];
  dials: Dial[];
  workTypes: WorkType[];
}

/** One TCP connection of the mesh: `dialer` runs a tcp-peer to `listener`'s tcp-listener. */
export interface Link {
  dialer: NodeId;
  listener: NodeId;
  port: number;
  cost: number;
}

export interface Topology {
  name: string;
  description: string;
  /** The file it was loaded from. */
  source: string;
  domain: string;
  nodes: TopologyNode[];
  links: Link[];
}

/** The undirected key of a link, the same whichever end is named first. */
export function linkKey(a: NodeId, b: NodeId): string {
  return a < b ? `${a}<->${b}` : `${b}<->${a}`;
}

export function findNode(topology: Topology, id: NodeId): TopologyNode | undefined {
  return topology.nodes.find((node) => node.id === id);
}
