import type { FaultPlan } from "../../faults/fault-plan.js";
import { waitUntil } from "../../wait-until.js";
import { delayLink, proxiedConnections, type DelayMechanism } from "../traffic-delay.js";
import type { FaultApplier } from "./fault-applier.js";

type DelayFault = Extract<FaultPlan, { kind: "delay" }>;

const proxyTimeoutMs = 45_000;

/** Latency on one link: netem where the kernel has it, else the delay proxy in the dialer. */
export const delayFault: FaultApplier<DelayFault> = {
  async apply({ between: [a, b], ms }, { lab, topology, issued }) {
    const link = topology.links.find((candidate) => (candidate.dialer === a && candidate.listener === b) || (candidate.dialer === b && candidate.listener === a))!;
    issued();
    const mechanism = await delayLink(lab, link, ms);
    return {
      message: `${ms} ms added each way between ${a} and ${b} (${mechanism === "netem" ? "netem" : `user-space proxy in ${link.dialer}: this kernel has no netem`})`,
      detail: { mechanism, dialer: link.dialer, listener: link.listener },
    };
  },

  async check({ between, ms }, { lab, clock }, applied) {
    const { mechanism, dialer, listener } = applied.detail as { mechanism: DelayMechanism; dialer: string; listener: string };
    const events = [{ node: null, data: { action: "delay", between, ms, mechanism } }];
    if (mechanism !== "proxy") return { events, problems: [] };
    // the fault has landed once the dialer's connection runs through the proxy
    const through = await waitUntil(clock, () => proxiedConnections(lab, dialer), (count) => count > 0, { timeoutMs: proxyTimeoutMs, intervalMs: 500, consecutive: 1 });
    return { events, problems: through.ok ? [] : [`no connection from ${dialer} to ${listener} went through the delay proxy within ${proxyTimeoutMs / 1000} s`] };
  },
};
