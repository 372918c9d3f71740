import { join } from "node:path";
import { paths } from "../../harness/paths.js";
import { loadTopologyFile } from "../../harness/topology/load-topology.js";
import type { Topology } from "../../harness/topology/model.js";

export function loadBuiltin(name: string): Promise<Topology> {
  return loadTopologyFile(join(paths.topologies, `${name}.yaml`));
}
