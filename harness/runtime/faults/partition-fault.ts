import type { FaultPlan } from "../../faults/fault-plan.js";
import { cutLinks, describePartition, grudgeFor } from "../../faults/partitions.js";
import { blockPeers } from "../network-rules.js";
import type { FaultApplier } from "./fault-applier.js";
import { nodesWithoutRules } from "./rule-check.js";

type PartitionFault = Extract<FaultPlan, { kind: "partition" }>;

/** iptables rules in each running node of one side against the other side's addresses. */
export const partitionFault: FaultApplier<PartitionFault> = {
  async apply(plan, { lab, topology, state, issued }) {
    const grudge = grudgeFor(topology, plan.spec);
    const applied: string[] = [];
    issued();
    for (const [node, peers] of grudge) {
      if (state.isDown(node)) continue;
      const addresses = await Promise.all([...peers].filter((peer) => !state.isDown(peer)).map((peer) => lab.address(peer)));
      if (addresses.length === 0) continue;
      await blockPeers(lab, node, addresses, plan.mode);
      applied.push(node);
    }
    return { message: `${plan.mode === "reset" ? "TCP reset" : "silent drop"}; iptables rules on ${applied.length} node(s)`, detail: { nodes: applied } };
  },

  async check(plan, { lab, topology }, applied) {
    const nodes = applied.detail!.nodes as string[];
    const missing = await nodesWithoutRules(lab, nodes);
    const links = [...cutLinks(topology, [grudgeFor(topology, plan.spec)])];
    return {
      events: [{ node: null, data: { action: "partition", spec: describePartition(plan.spec), mode: plan.mode, nodes, links } }],
      problems: missing.length ? [`partition: no rule took hold on ${missing.join(", ")}`] : [],
    };
  },
};
