import type { DropMode } from "../faults/fault-plan.js";
import type { FaultState } from "../faults/fault-state.js";
import { LabFailure } from "../errors.js";
import type { FaultController } from "../scenario/fault-controller.js";
import { StepFailure } from "../scenario/step-failure.js";
import type { StepDetail } from "../scenario/run-result.js";
import type { NodeId } from "../topology/model.js";
import { durationOption, type Duration } from "./api-options.js";

export type PartitionOptions = { isolate: NodeId } | { cut: [NodeId, NodeId] } | { split: NodeId[][] };

/**
 * The faults of a started lab. Each resolves once the fault has taken effect (checked, like a
 * scenario step) and rejects when it did not; the oracle follows every one of them.
 */
export class LabFaults {
  constructor(private readonly controller: FaultController) {}

  get state(): FaultState {
    return this.controller.state;
  }

  stop(...nodes: NodeId[]): Promise<StepDetail> {
    return this.apply({ kind: "node", action: "stop", nodes });
  }
  start(...nodes: NodeId[]): Promise<StepDetail> {
    return this.apply({ kind: "node", action: "start", nodes });
  }
  kill(...nodes: NodeId[]): Promise<StepDetail> {
    return this.apply({ kind: "node", action: "kill", nodes });
  }
  pause(...nodes: NodeId[]): Promise<StepDetail> {
    return this.apply({ kind: "node", action: "pause", nodes });
  }
  unpause(...nodes: NodeId[]): Promise<StepDetail> {
    return this.apply({ kind: "node", action: "unpause", nodes });
  }
  /** Restarts at once, or stays down for `down` first. */
  restart(node: NodeId, options: { down?: Duration } = {}): Promise<StepDetail> {
    const downMs = options.down === undefined ? undefined : durationOption("down", options.down);
    return this.apply({ kind: "node", action: "restart", nodes: [node], ...(downMs !== undefined ? { downMs } : {}) });
  }
  partition(spec: PartitionOptions, options: { mode?: DropMode } = {}): Promise<StepDetail> {
    const partition =
      "isolate" in spec ? { kind: "isolate" as const, node: spec.isolate } : "cut" in spec ? { kind: "cut" as const, a: spec.cut[0], b: spec.cut[1] } : { kind: "split" as const, groups: spec.split };
    return this.apply({ kind: "partition", spec: partition, mode: options.mode ?? "drop" });
  }
  loss(between: [NodeId, NodeId], percent: number): Promise<StepDetail> {
    return this.apply({ kind: "loss", between, percent });
  }
  delay(between: [NodeId, NodeId], ms: number): Promise<StepDetail> {
    return this.apply({ kind: "delay", between, ms });
  }
  /** Removes every partition, loss and delay. */
  heal(): Promise<StepDetail> {
    return this.apply({ kind: "heal" });
  }

  private async apply(plan: Parameters<FaultController["apply"]>[0]): Promise<StepDetail> {
    try {
      return await this.controller.apply(plan);
    } catch (error) {
      if (error instanceof StepFailure) throw new LabFailure(`${plan.kind === "node" ? plan.action : plan.kind}: ${error.message}`, "Look at the nodes' logs (lab.logs(node)) and the runtime.");
      throw error;
    }
  }
}
