import { LabFailure } from "../../errors.js";
import type { StepHandlers } from "./step-context.js";

/** Container and network faults: each becomes a fault plan the controller applies and checks. */
export const faultSteps: Pick<StepHandlers, "fault" | "partition" | "loss" | "delay" | "heal" | "upgrade"> = {
  fault: (step, { faults }) =>
    faults.apply({ kind: "node", action: step.action, nodes: step.nodes, ...(step.afterMs !== undefined ? { downMs: step.afterMs } : {}) }),
  partition: (step, { faults }) => faults.apply({ kind: "partition", spec: step.spec, mode: step.mode }),
  loss: (step, { faults }) => faults.apply({ kind: "loss", between: step.between, percent: step.percent }),
  delay: (step, { faults }) => faults.apply({ kind: "delay", between: step.between, ms: step.ms }),
  heal: (_step, { faults }) => faults.apply({ kind: "heal" }),
  /** One node at a time, the pause between them; each node's change is a fault of its own on the timeline. */
  upgrade: async (step, { faults, upgradeImages, clock }) => {
    const image = upgradeImages.get(step.to);
    if (!image) throw new LabFailure(`no image was made for Receptor ${step.to} before the run`, "Run the scenario through runScenario, which builds every version its steps name.");
    const messages: string[] = [];
    for (const [position, node] of step.nodes.entries()) {
      if (position > 0) await clock.sleep(step.pauseMs);
      const detail = await faults.apply({ kind: "upgrade", direction: step.direction, node, image: image.tag, receptorVersion: image.receptorVersion });
      if (detail.message) messages.push(detail.message);
    }
    return { message: messages.join("; ") };
  },
};
