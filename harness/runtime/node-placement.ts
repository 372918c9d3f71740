import { InputError, type InputProblem } from "../errors.js";
import type { NodePlacement } from "../topology/model.js";

export interface PlacedNode {
  id: string;
  placement?: NodePlacement;
}

/**
 * The engine each node runs on, in node order: pinned nodes on their engine; the nodes of one
 * group together, the groups round-robin over the engines in the order they first appear; every
 * other node round-robin by its position. A pin to an engine the lab does not have is an input
 * error at the pin, raised before anything starts.
 */
export function placeNodes(nodes: readonly PlacedNode[], engineNames: readonly string[]): string[] {
  const problems: InputProblem[] = [];
  const groups = new Map<string, number>();
  const placed = nodes.map((node, position) => {
    const { engine, group } = node.placement ?? {};
    if (engine !== undefined) {
      if (!engineNames.includes(engine)) problems.push({ location: node.placement!.at, message: `'${node.id}' is pinned to engine '${engine}', and the lab's engines are ${engineNames.join(", ")}` });
      return engine;
    }
    if (group !== undefined) {
      if (!groups.has(group)) groups.set(group, groups.size);
      return engineNames[groups.get(group)! % engineNames.length]!;
    }
    return engineNames[position % engineNames.length]!;
  });
  if (problems.length > 0) throw new InputError(problems, "Pin the node to one of the lab's engines (--engines names them), or drop its 'engine:' to let placement choose.");
  return placed;
}
