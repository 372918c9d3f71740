import type { Clock } from "../../clock.js";
import type { FaultPlan } from "../../faults/fault-plan.js";
import type { FaultState } from "../../faults/fault-state.js";
import type { Topology } from "../../topology/model.js";
import type { Lab } from "../lab-runtime.js";

export interface FaultContext {
  lab: Lab;
  topology: Topology;
  /** The faults in effect before this one. */
  state: Pick<FaultState, "isDown">;
  clock: Clock;
  /** Says when the fault reaches the mesh (peers may react before the runtime's call returns). */
  issued(): void;
}

/** What applying a fault did, in words and as data for the step's detail. */
export interface AppliedFault {
  message: string;
  detail?: Record<string, unknown>;
}

/** The fault as the timeline records it (`fault` events), and why it did not take effect, if it did not. */
export interface FaultCheck {
  events: Array<{ node: string | null; data: Record<string, unknown> }>;
  /** Empty when the fault took effect; otherwise nothing after it can be judged. */
  problems: string[];
}

/** One fault kind: how the runtime applies it, and the check that it took effect. */
export interface FaultApplier<P extends FaultPlan> {
  apply(plan: P, context: FaultContext): Promise<AppliedFault>;
  check(plan: P, context: FaultContext, applied: AppliedFault): Promise<FaultCheck>;
}
