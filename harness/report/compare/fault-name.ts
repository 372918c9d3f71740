import type { FaultSubject } from "../../faults/fault-plan.js";

/** "#1 stop relayer01", "#2 partition isolate relayer01", "#3 heal": the index counts from 1. */
export function faultName(index: number, subject: Pick<FaultSubject, "action" | "target">): string {
  return `#${index + 1} ${subject.action}${subject.action === "heal" ? "" : ` ${subject.target}`}`;
}
