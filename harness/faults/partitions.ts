import { linkKey, type NodeId, type Topology } from "../topology/model.js";

/** A network partition as a scenario states it. */
export type PartitionSpec =
  | { kind: "isolate"; node: NodeId }
  | { kind: "cut"; a: NodeId; b: NodeId }
  /** `names`: how the scenario named each side (a group name, or its nodes). */
  | { kind: "split"; groups: NodeId[][]; names?: string[] };

/**
 * A grudge (as Jepsen calls it): for each node, the peers whose traffic it drops. Faults are
 * planned as this pure data and applied by the runtime.
 */
export type Grudge = Map<NodeId, Set<NodeId>>;

export function grudgeFor(topology: Topology, spec: PartitionSpec): Grudge {
  const grudge: Grudge = new Map();
  const block = (from: NodeId, to: NodeId) => {
    if (from === to) return;
    if (!grudge.has(from)) grudge.set(from, new Set());
    grudge.get(from)!.add(to);
  };
  const all = topology.nodes.map((node) => node.id);
  switch (spec.kind) {
    case "isolate":
      for (const other of all) {
        block(spec.node, other);
        block(other, spec.node);
      }
      break;
    case "cut":
      block(spec.a, spec.b);
      block(spec.b, spec.a);
      break;
    case "split":
      spec.groups.forEach((group, index) => {
        const others = spec.groups.filter((_, other) => other !== index).flat();
        for (const node of group) for (const other of others) block(node, other);
      });
      break;
  }
  return grudge;
}

/** The topology's links that a set of grudges breaks (either end drops the other). */
export function cutLinks(topology: Topology, grudges: Iterable<Grudge>): Set<string> {
  const cut = new Set<string>();
  for (const grudge of grudges) {
    for (const link of topology.links) {
      if (grudge.get(link.dialer)?.has(link.listener) || grudge.get(link.listener)?.has(link.dialer)) cut.add(linkKey(link.dialer, link.listener));
    }
  }
  return cut;
}

/** The node ids a partition acts on. */
export function partitionNodes(spec: PartitionSpec): NodeId[] {
  switch (spec.kind) {
    case "isolate":
      return [spec.node];
    case "cut":
      return [spec.a, spec.b];
    case "split":
      return spec.groups.flat();
  }
}

export function describePartition(spec: PartitionSpec): string {
  switch (spec.kind) {
    case "isolate":
      return `isolate ${spec.node}`;
    case "cut":
      return `cut ${spec.a} ↮ ${spec.b}`;
    case "split":
      return `split ${(spec.names ?? spec.groups.map((group) => group.join(", "))).map((name) => `[${name}]`).join(" | ")}`;
  }
}
