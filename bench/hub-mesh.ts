import type { CatalogWorkType } from "../harness/topology/generate/generated-topology.js";
import { topologyYaml } from "../harness/topology/generate/generated-topology.js";
import { shapeGraph } from "../harness/topology/generate/shapes.js";
import { parseTopology } from "../harness/topology/load-topology.js";
import type { Topology } from "../harness/topology/model.js";

/**
 * The benches' mesh of about `nodes` nodes: a hub, n/10 relayers dialling it, every other node an
 * executor dialling two relayers (`generate clos --spines 1 … --redundancy 2`).
 */
export function hubMesh(nodes: number, workTypes: CatalogWorkType[] = []): Topology {
  const leaves = Math.max(2, Math.round(nodes / 10));
  const graph = shapeGraph("clos", { spines: 1, leaves, executorsPerLeaf: Math.max(0, Math.round((nodes - 1 - leaves) / leaves)), redundancy: 2 });
  return parseTopology(`hub-${graph.size}.yaml`, topologyYaml(graph, { name: `hub-${graph.size}`, description: "bench mesh", cost: 1, workTypes }, "bench/hub-mesh.ts"));
}
