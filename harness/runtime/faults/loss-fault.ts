import type { FaultPlan } from "../../faults/fault-plan.js";
import { losePackets } from "../network-rules.js";
import type { FaultApplier } from "./fault-applier.js";
import { nodesWithoutRules } from "./rule-check.js";

type LossFault = Extract<FaultPlan, { kind: "loss" }>;

/** Random packet drop (iptables statistic) on both ends of a link. */
export const lossFault: FaultApplier<LossFault> = {
  async apply({ between: [a, b], percent }, { lab, issued }) {
    const [addressA, addressB] = [await lab.address(a), await lab.address(b)];
    issued();
    await losePackets(lab, a, [addressB], percent);
    await losePackets(lab, b, [addressA], percent);
    return { message: `${percent}% of packets between ${a} and ${b} dropped at random (iptables statistic)` };
  },

  async check({ between, percent }, { lab }) {
    const missing = await nodesWithoutRules(lab, between);
    return {
      events: [{ node: null, data: { action: "loss", between, percent } }],
      problems: missing.length ? [`loss: no rule took hold on ${missing.join(", ")}`] : [],
    };
  },
};
