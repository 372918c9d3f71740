import { linkKey, type Link, type NodeId, type Topology } from "./model.js";

/** Which nodes and links are up. A link is usable when both ends are live and it is not cut. */
export interface MeshState {
  liveNodes: ReadonlySet<NodeId>;
  cutLinks: ReadonlySet<string>;
  /** Links a live reconfiguration added (a node reloaded with new peers). */
  addedLinks?: readonly Link[];
}

/** Receptor's `RoutingTable` status field: destination → next hop. */
export type RoutingTable = Record<NodeId, NodeId>;

/** For every live node: destination → the next hops that lie on a shortest path (ties allowed). */
export type ExpectedRoutes = Map<NodeId, Map<NodeId, ReadonlySet<NodeId>>>;

export interface RouteMismatch {
  node: NodeId;
  destination: NodeId;
  /** Allowed next hops; empty when the destination must be absent (unreachable). */
  expected: NodeId[];
  /** The observed next hop; null when the destination is absent from the table. */
  observed: NodeId | null;
}

/** Every node up, but those Receptor is known to refuse to start with their config. */
export function everythingUp(topology: Topology): MeshState {
  return { liveNodes: new Set(topology.nodes.filter((node) => !node.exitsAtStartup).map((node) => node.id)), cutLinks: new Set() };
}

export function withNodesDown(state: MeshState, down: Iterable<NodeId>): MeshState {
  const liveNodes = new Set(state.liveNodes);
  for (const id of down) liveNodes.delete(id);
  return { ...state, liveNodes };
}

/** The links Receptor can use in `state` (a link it rejects, for allowed peers or TLS, is none). */
export function usableLinks(topology: Topology, state: MeshState): Link[] {
  return [...topology.links, ...(state.addedLinks ?? [])].filter(
    (link) =>
      !link.rejected &&
      state.liveNodes.has(link.dialer) &&
      state.liveNodes.has(link.listener) &&
      !state.cutLinks.has(linkKey(link.dialer, link.listener)),
  );
}

const epsilon = 1e-9;

/**
 * The routing table every live node should converge to: shortest paths over link costs
 * (Receptor runs Dijkstra over its link-state database). Where equal-cost paths tie, every
 * tied next hop is allowed, because Receptor picks among them at random.
 */
export function expectedRoutes(topology: Topology, state: MeshState): ExpectedRoutes {
  const neighbours = new Map<NodeId, Map<NodeId, number>>();
  for (const id of state.liveNodes) neighbours.set(id, new Map());
  for (const link of usableLinks(topology, state)) {
    neighbours.get(link.dialer)!.set(link.listener, link.cost);
    neighbours.get(link.listener)!.set(link.dialer, link.cost);
  }
  const distances = new Map([...state.liveNodes].map((id) => [id, shortestDistances(id, neighbours)]));

  const result: ExpectedRoutes = new Map();
  for (const source of state.liveNodes) {
    const table = new Map<NodeId, ReadonlySet<NodeId>>();
    const fromSource = distances.get(source)!;
    for (const [destination, distance] of fromSource) {
      if (destination === source) continue;
      const hops = new Set<NodeId>();
      for (const [hop, cost] of neighbours.get(source)!) {
        const rest = distances.get(hop)!.get(destination);
        if (rest !== undefined && Math.abs(cost + rest - distance) < epsilon) hops.add(hop);
      }
      table.set(destination, hops);
    }
    result.set(source, table);
  }
  return result;
}

function shortestDistances(source: NodeId, neighbours: Map<NodeId, Map<NodeId, number>>): Map<NodeId, number> {
  const distance = new Map<NodeId, number>([[source, 0]]);
  const done = new Set<NodeId>();
  while (true) {
    let current: NodeId | undefined;
    for (const [id, value] of distance) {
      if (!done.has(id) && (current === undefined || value < distance.get(current)!)) current = id;
    }
    if (current === undefined) return distance;
    done.add(current);
    for (const [next, cost] of neighbours.get(current)!) {
      const candidate = distance.get(current)! + cost;
      if (candidate < (distance.get(next) ?? Infinity) - epsilon) distance.set(next, candidate);
    }
  }
}

/**
 * Compares observed routing tables with the oracle. A live node with no observed table counts
 * as a mismatch for every destination it should reach.
 */
export function diffRoutes(expected: ExpectedRoutes, observed: ReadonlyMap<NodeId, RoutingTable>): RouteMismatch[] {
  const mismatches: RouteMismatch[] = [];
  for (const [node, table] of expected) {
    const actual = observed.get(node) ?? {};
    for (const [destination, hops] of table) {
      const hop = actual[destination] ?? null;
      if (hop === null || !hops.has(hop)) mismatches.push({ node, destination, expected: [...hops].sort(), observed: hop });
    }
    for (const [destination, hop] of Object.entries(actual)) {
      if (!table.has(destination)) mismatches.push({ node, destination, expected: [], observed: hop });
    }
  }
  return mismatches;
}

export function describeMismatch(mismatch: RouteMismatch): string {
  const want = mismatch.expected.length === 0 ? "no route" : `via ${mismatch.expected.join(" or ")}`;
  const got = mismatch.observed === null ? "no route" : `via ${mismatch.observed}`;
  return `${mismatch.node}: ${mismatch.destination} expected ${want}, observed ${got}`;
}
