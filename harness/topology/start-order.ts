import type { NodeId, Topology } from "./model.js";

/**
 * Groups nodes into start waves so that every node starts after the nodes it dials: Receptor
 * dials once at start and then waits 5 s before retrying, so a dialer started before its
 * listener costs the bring-up those 5 s. Nodes caught in a dial cycle share the last wave.
 */
export function startWaves(topology: Topology): NodeId[][] {
  const pending = new Map(topology.nodes.map((node) => [node.id, new Set(node.dials.map((dial) => dial.to))]));
  const started = new Set<NodeId>();
  const waves: NodeId[][] = [];
  while (pending.size > 0) {
    const wave = [...pending.keys()].filter((id) => [...pending.get(id)!].every((target) => started.has(target)));
    const next = wave.length > 0 ? wave : [...pending.keys()];
    for (const id of next) {
      pending.delete(id);
      started.add(id);
    }
    waves.push(next);
  }
  return waves;
}
