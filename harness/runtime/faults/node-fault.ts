import type { FaultPlan } from "../../faults/fault-plan.js";
import type { FaultApplier } from "./fault-applier.js";

type NodeFault = Extract<FaultPlan, { kind: "node" }>;

const done = { stop: "stopped", start: "started", restart: "restarted", kill: "killed", pause: "paused", unpause: "unpaused" } as const;

/** stop, start, restart (optionally with downtime), kill, pause, unpause: all named nodes at once. */
export const nodeFault: FaultApplier<NodeFault> = {
  async apply(plan, { lab, clock, issued }) {
    await Promise.all(
      plan.nodes.map(async (node) => {
        if (plan.action === "restart" && plan.downMs !== undefined) {
          await lab.stop(node);
          await clock.sleep(plan.downMs);
          issued();
          await lab.start(node);
        } else {
          issued();
          await lab[plan.action](node);
        }
      }),
    );
    return { message: `${plan.nodes.join(", ")} ${done[plan.action]}${plan.downMs !== undefined ? ` (down for ${plan.downMs} ms)` : ""}` };
  },

  async check(plan, { lab }) {
    const states = await Promise.all(plan.nodes.map(async (node) => [node, await lab.state(node)] as const));
    const events = [];
    const problems = [];
    for (const [node, state] of states) {
      const tookEffect =
        plan.action === "pause" ? state.paused : plan.action === "stop" || plan.action === "kill" ? !state.running : state.running && !state.paused;
      events.push({ node, data: { action: plan.action, tookEffect, ...(plan.downMs !== undefined ? { afterMs: plan.downMs } : {}) } });
      if (!tookEffect) problems.push(`${node} is ${state.paused ? "paused" : state.running ? "running" : "not running"}`);
    }
    return { events, problems: problems.length ? [`${plan.action} returned but did not take effect (${problems.join(", ")})`] : [] };
  },
};
