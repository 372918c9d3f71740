import type { FaultPlan } from "../../faults/fault-plan.js";
import type { FaultApplier } from "./fault-applier.js";

type UpgradeFault = Extract<FaultPlan, { kind: "upgrade" }>;

/** Replaces the node's image (its data directory and config kept) and starts it again. */
export const upgradeFault: FaultApplier<UpgradeFault> = {
  async apply(plan, { lab, issued }) {
    const from = lab.receptorVersionOf(plan.node);
    issued();
    await lab.replaceImage(plan.node, { tag: plan.image, receptorVersion: plan.receptorVersion });
    return { message: `${plan.node} ${plan.direction}d from Receptor ${from} to ${plan.receptorVersion}`, detail: { from, to: plan.receptorVersion } };
  },

  async check(plan, { lab }, applied) {
    const state = await lab.state(plan.node);
    const tookEffect = state.running && !state.paused && lab.receptorVersionOf(plan.node) === plan.receptorVersion;
    return {
      events: [{ node: plan.node, data: { action: plan.direction, tookEffect, ...applied.detail } }],
      problems: tookEffect ? [] : [`${plan.direction} of ${plan.node} returned but the node is ${state.running ? "running another Receptor" : "not running"}`],
    };
  },
};
