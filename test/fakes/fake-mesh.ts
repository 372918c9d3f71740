import type { MeshClient } from "../../harness/mesh/mesh-client.js";
import type { NodeStatus } from "../../harness/mesh/control-types.js";
import type { Lab } from "../../harness/runtime/lab-runtime.js";
import type { MeshClientFactory } from "../../harness/scenario/lab-session.js";
import type { Topology } from "../../harness/topology/model.js";
import { expectedRoutes } from "../../harness/topology/routing-oracle.js";
import type { FakeLab } from "./fake-runtime.js";

/**
 * Control clients for a FakeLab that answer as a converged Receptor mesh would: a node answers
 * while it runs unpaused, and its routing table is the oracle's for the nodes that answer (the
 * first allowed next hop). Only status is modelled; anything else is refused.
 */
export function fakeMesh(topology: Topology): MeshClientFactory {
  return (lab: Lab, id: string): MeshClient => {
    const fake = lab as FakeLab;
    const refuse = async (): Promise<never> => {
      throw new Error(`the fake mesh models status only (asked of ${id})`);
    };
    const client: MeshClient = {
      node: id,
      async routingTable() {
        return (await client.status()).RoutingTable;
      },
      async status(): Promise<NodeStatus> {
        if (!fake.answers(id)) throw new Error(`${id} does not answer`);
        const live = new Set(fake.nodeIds().filter((node) => fake.answers(node)));
        const table = expectedRoutes(topology, { liveNodes: live, cutLinks: new Set() }).get(id) ?? new Map();
        const routing = Object.fromEntries([...table].map(([destination, hops]) => [destination, [...hops].sort()[0]!]));
        return { NodeID: id, Version: "fake", SystemCPUCount: 1, SystemMemoryMiB: 1, Connections: [], RoutingTable: routing, KnownConnectionCosts: {}, Advertisements: [] };
      },
      ping: refuse,
      traceroute: refuse,
      submit: refuse,
      workList: refuse,
      workStatus: refuse,
      results: refuse,
      unitAction: refuse,
      reload: refuse,
    };
    return client;
  };
}
