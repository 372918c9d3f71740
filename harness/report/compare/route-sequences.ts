import type { TimelineEvent } from "../../scenario/timeline.js";
import { faultName } from "./fault-name.js";

/**
 * After one fault: per node and destination, the routes it went through until the next fault or
 * the end (`relayer01 → relayer02`, `relayer02 → none`). Per destination, so the order in which
 * one poll saw several destinations change is not a difference.
 */
export interface FaultRoutes {
  fault: string;
  /** `node → destination` → the route's successive next hops, the first being the one before the fault. */
  byRoute: Map<string, string[]>;
}

/**
 * The fault events of one step share their `t` (a step that faults several nodes records one
 * event per node), so consecutive fault events at the same `t` are one fault.
 */
export function routesAfterFaults(events: TimelineEvent[]): FaultRoutes[] {
  const faults: Array<{ events: TimelineEvent[]; changes: TimelineEvent[] }> = [];
  let previous: TimelineEvent | undefined;
  for (const event of events) {
    const current = faults[faults.length - 1];
    if (event.kind === "fault") {
      if (current && previous?.kind === "fault" && previous.t === event.t) current.events.push(event);
      else faults.push({ events: [event], changes: [] });
    } else if (event.kind === "route-change" && event.node) {
      current?.changes.push(event);
    }
    previous = event;
  }
  return faults.map(({ events: faultEvents, changes }, index) => {
    const byRoute = new Map<string, string[]>();
    for (const change of [...changes].sort((x, y) => x.t - y.t)) {
      const { destination, from, to } = change.data as { destination: string; from: string | null; to: string | null };
      const key = `${change.node} → ${destination}`;
      byRoute.set(key, [...(byRoute.get(key) ?? [from ?? "none"]), to ?? "none"]);
    }
    return { fault: faultName(index, subjectOf(faultEvents)), byRoute };
  });
}

function subjectOf(events: TimelineEvent[]): { action: string; target: string } {
  const data = events[0]!.data;
  const action = String(data.action);
  if (events[0]!.node) return { action, target: events.map((event) => event.node).join(", ") };
  if (action === "partition") return { action, target: String(data.spec) };
  if (Array.isArray(data.between)) return { action, target: data.between.join(" ↔ ") };
  return { action, target: "network" };
}
