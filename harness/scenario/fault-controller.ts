import type { Clock } from "../clock.js";
import { faultSubject, takesNodeDown, type FaultPlan } from "../faults/fault-plan.js";
import { FaultState } from "../faults/fault-state.js";
import { applierFor } from "../runtime/faults/fault-appliers.js";
import type { Lab } from "../runtime/lab-runtime.js";
import type { Topology } from "../topology/model.js";
import type { RouteWatcher } from "./route-watcher.js";
import type { StepDetail } from "./run-result.js";
import { StepFailure } from "./step-failure.js";
import type { Timeline } from "./timeline.js";

/**
 * Applies faults to a lab through the runtime's appliers, checks each took effect, records it
 * on the timeline and keeps the fault state the routing oracle reads.
 */
export class FaultController {
  readonly state: FaultState;

  constructor(
    private readonly lab: Lab,
    private readonly topology: Topology,
    private readonly timeline: Timeline,
    private readonly clock: Clock,
    private readonly hooks: {
      watcher?: Pick<RouteWatcher, "faultApplied">;
      forget?: (node: string) => void;
      /** Keeps each applied fault beyond this process (faults by hand on a running lab). */
      record?: (plan: FaultPlan) => Promise<void>;
    } = {},
  ) {
    this.state = new FaultState(topology);
  }

  /** Applies `plan`; a fault that did not take effect is an inconclusive StepFailure. */
  async apply(plan: FaultPlan): Promise<StepDetail> {
    let issued = Number.POSITIVE_INFINITY;
    const context = {
      lab: this.lab,
      topology: this.topology,
      state: this.state,
      clock: this.clock,
      issued: () => (issued = Math.min(issued, this.timeline.now())),
    };
    const applier = applierFor(plan);
    const applied = await applier.apply(plan, context);
    const returned = this.timeline.now();
    const checked = await applier.check(plan, context, applied);
    for (const event of checked.events) this.timeline.record("fault", event.node, event.data, returned);
    this.state.apply(plan);
    await this.hooks.record?.(plan);
    if (plan.kind === "node" && takesNodeDown(plan.action)) for (const node of plan.nodes) this.hooks.forget?.(node);
    // an upgraded node started afresh: its next table counts as new
    if (plan.kind === "upgrade") this.hooks.forget?.(plan.node);
    if (checked.problems.length > 0) {
      throw new StepFailure("inconclusive", { message: `${checked.problems.join("; ")}; nothing after it can be judged` });
    }
    this.hooks.watcher?.faultApplied(faultSubject(plan), returned, Math.min(issued, returned));
    return { message: applied.message, ...applied.detail };
  }

  /** Takes over faults applied earlier (by another process): the state only, nothing is applied again. */
  replay(plans: FaultPlan[]): void {
    for (const plan of plans) this.state.apply(plan);
  }

  /** Heals what a run left in the network (when its lab is kept up afterwards). */
  async healLeftovers(): Promise<void> {
    if (this.state.hasNetworkFaults()) await this.apply({ kind: "heal" }).catch(() => {});
  }
}
