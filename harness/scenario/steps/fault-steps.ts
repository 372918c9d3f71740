import type { StepHandlers } from "./step-context.js";

/** Container and network faults: each becomes a fault plan the controller applies and checks. */
export const faultSteps: Pick<StepHandlers, "fault" | "partition" | "loss" | "delay" | "heal"> = {
  fault: (step, { faults }) =>
    faults.apply({ kind: "node", action: step.action, nodes: step.nodes, ...(step.afterMs !== undefined ? { downMs: step.afterMs } : {}) }),
  partition: (step, { faults }) => faults.apply({ kind: "partition", spec: step.spec, mode: step.mode }),
  loss: (step, { faults }) => faults.apply({ kind: "loss", between: step.between, percent: step.percent }),
  delay: (step, { faults }) => faults.apply({ kind: "delay", between: step.between, ms: step.ms }),
  heal: (_step, { faults }) => faults.apply({ kind: "heal" }),
};
