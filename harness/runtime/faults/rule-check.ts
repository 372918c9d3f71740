import type { Lab } from "../lab-runtime.js";
import { listRules } from "../network-rules.js";

/** The nodes among `nodes` whose fault chain holds no rule (the fault did not take hold there). */
export async function nodesWithoutRules(lab: Lab, nodes: string[]): Promise<string[]> {
  const counts = await Promise.all(nodes.map(async (node) => [node, (await listRules(lab, node)).length] as const));
  return counts.filter(([, count]) => count === 0).map(([node]) => node);
}
