import type { FaultPlan } from "../../faults/fault-plan.js";
import { healRules, listRules } from "../network-rules.js";
import { clearDelay } from "../traffic-delay.js";
import type { FaultApplier, FaultContext } from "./fault-applier.js";

type HealFault = Extract<FaultPlan, { kind: "heal" }>;

const runningNodes = ({ lab, state }: FaultContext) => lab.nodeIds().filter((node) => !state.isDown(node));

/** Flushes every node's fault rules and delay. */
export const healFault: FaultApplier<HealFault> = {
  async apply(_plan, context) {
    const { lab, issued } = context;
    const running = runningNodes(context);
    issued();
    await Promise.all(
      running.map(async (node) => {
        await healRules(lab, node);
        await clearDelay(lab, node);
      }),
    );
    return { message: `removed every partition, loss and delay on ${running.length} nodes` };
  },

  async check(_plan, context) {
    const left = [];
    for (const node of runningNodes(context)) if ((await listRules(context.lab, node)).length > 0) left.push(node);
    return { events: [{ node: null, data: { action: "heal" } }], problems: left.length ? [`heal left rules behind on ${left.join(", ")}`] : [] };
  },
};
