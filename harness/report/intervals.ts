import type { TimelineEvent } from "../scenario/timeline.js";

export interface Interval {
  from: number;
  to: number;
  label: string;
}

/** When each node was down (stopped or killed until started), from the fault events. */
export function downIntervals(events: TimelineEvent[], nodes: string[], end: number): Map<string, Interval[]> {
  const result = new Map<string, Interval[]>(nodes.map((node) => [node, []]));
  const since = new Map<string, { t: number; label: string }>();
  for (const event of events) {
    if (event.kind !== "fault" || !event.node) continue;
    const action = event.data.action as string;
    if (action === "stop" || action === "kill") {
      if (!since.has(event.node)) since.set(event.node, { t: event.t, label: action === "stop" ? "stopped" : "killed" });
    } else if (action === "start" || action === "restart") {
      const down = since.get(event.node);
      if (down) result.get(event.node)?.push({ from: down.t, to: event.t, label: down.label });
      since.delete(event.node);
    }
  }
  for (const [node, down] of since) result.get(node)?.push({ from: down.t, to: end, label: `${down.label} (until the end)` });
  return result;
}

/** A link is down whenever either of its ends is. */
export function linkDownIntervals(nodeDown: Map<string, Interval[]>, a: string, b: string): Interval[] {
  const merged = [...(nodeDown.get(a) ?? []), ...(nodeDown.get(b) ?? [])].sort((x, y) => x.from - y.from);
  const result: Interval[] = [];
  for (const interval of merged) {
    const last = result[result.length - 1];
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else result.push({ from: interval.from, to: interval.to, label: "down" });
  }
  return result;
}
