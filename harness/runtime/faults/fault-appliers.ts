import type { FaultKind, FaultPlan } from "../../faults/fault-plan.js";
import { delayFault } from "./delay-fault.js";
import type { FaultApplier } from "./fault-applier.js";
import { healFault } from "./heal-fault.js";
import { lossFault } from "./loss-fault.js";
import { nodeFault } from "./node-fault.js";
import { partitionFault } from "./partition-fault.js";
import { upgradeFault } from "./upgrade-fault.js";

/** One applier per fault kind: adding a kind is one plan type, one applier (apply + check). */
export const faultAppliers: { [K in FaultKind]: FaultApplier<Extract<FaultPlan, { kind: K }>> } = {
  node: nodeFault,
  partition: partitionFault,
  loss: lossFault,
  delay: delayFault,
  heal: healFault,
  upgrade: upgradeFault,
};

export function applierFor<P extends FaultPlan>(plan: P): FaultApplier<P> {
  return faultAppliers[plan.kind] as unknown as FaultApplier<P>;
}
