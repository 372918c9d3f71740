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

/** Network faults (partition, loss, delay) from the step that made them to the next heal. */
export function networkIntervals(events: TimelineEvent[], end: number): Array<Interval & { links: string[] }> {
  const open: Array<{ t: number; label: string; links: string[] }> = [];
  const result: Array<Interval & { links: string[] }> = [];
  for (const event of events) {
    if (event.kind !== "fault" || event.node !== null) continue;
    const action = event.data.action as string;
    if (action === "heal") {
      for (const fault of open.splice(0)) result.push({ from: fault.t, to: event.t, label: fault.label, links: fault.links });
    } else {
      const label = action === "partition" ? String(event.data.spec) : action === "loss" ? `loss ${event.data.percent}%` : `delay ${event.data.ms} ms`;
      open.push({ t: event.t, label, links: (event.data.links as string[] | undefined) ?? [] });
    }
  }
  for (const fault of open) result.push({ from: fault.t, to: end, label: `${fault.label} (until the end)`, links: fault.links });
  return result;
}

/** A link is down whenever either of its ends is, or a partition cuts it. */
export function linkDownIntervals(nodeDown: Map<string, Interval[]>, a: string, b: string, network: Array<Interval & { links: string[] }> = []): Interval[] {
  const key = a < b ? `${a}<->${b}` : `${b}<->${a}`;
  const cut = network.filter((fault) => fault.links.includes(key));
  const merged = [...(nodeDown.get(a) ?? []), ...(nodeDown.get(b) ?? []), ...cut].sort((x, y) => x.from - y.from);
  const result: Interval[] = [];
  for (const interval of merged) {
    const last = result[result.length - 1];
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else result.push({ from: interval.from, to: interval.to, label: "down" });
  }
  return result;
}
