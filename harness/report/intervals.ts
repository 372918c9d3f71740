import type { TimelineEvent } from "../scenario/timeline.js";

export interface Interval {
  from: number;
  to: number;
  label: string;
}

export interface NodeIntervals {
  /** Stopped or killed, until started again. */
  down: Map<string, Interval[]>;
  /** Frozen by `pause` (connections open, nothing answers), until unpaused, started, or stopped. */
  paused: Map<string, Interval[]>;
}

const downLabel: Record<string, string> = { stop: "stopped", kill: "killed" };

/**
 * Each node's down and paused spells, from its own `fault` events (a step that faults several
 * nodes records one event per node). A fault that did not take effect changes nothing; a stop or
 * kill of a paused node ends the pause and begins the down spell.
 */
export function nodeIntervals(events: TimelineEvent[], nodes: string[], end: number): NodeIntervals {
  const result: NodeIntervals = { down: new Map(nodes.map((node) => [node, []])), paused: new Map(nodes.map((node) => [node, []])) };
  const open = new Map<string, { state: "down" | "paused"; t: number; label: string }>();
  const close = (node: string, t: number) => {
    const spell = open.get(node);
    if (spell) result[spell.state].get(node)?.push({ from: spell.t, to: t, label: spell.label });
    open.delete(node);
  };
  for (const event of events) {
    if (event.kind !== "fault" || !event.node || event.data.tookEffect === false) continue;
    const action = event.data.action as string;
    const state = open.get(event.node)?.state;
    if (action === "stop" || action === "kill") {
      if (state === "down") continue;
      close(event.node, event.t);
      open.set(event.node, { state: "down", t: event.t, label: downLabel[action]! });
    } else if (action === "pause") {
      if (state === undefined) open.set(event.node, { state: "paused", t: event.t, label: "paused" });
    } else if (action === "unpause") {
      if (state === "paused") close(event.node, event.t);
    } else if (action === "start" || action === "restart") {
      close(event.node, event.t);
    }
  }
  for (const [node, spell] of open) result[spell.state].get(node)?.push({ from: spell.t, to: end, label: `${spell.label} (until the end)` });
  return result;
}

/** When each node was down (stopped or killed until started), from the fault events. */
export function downIntervals(events: TimelineEvent[], nodes: string[], end: number): Map<string, Interval[]> {
  return nodeIntervals(events, nodes, end).down;
}

/** When each node was paused (frozen until unpaused, started or stopped), from the fault events. */
export function pausedIntervals(events: TimelineEvent[], nodes: string[], end: number): Map<string, Interval[]> {
  return nodeIntervals(events, nodes, end).paused;
}

/** A partition, loss or delay, and the links (`a<->b`, a < b) it cut. */
export type NetworkFault = Interval & { links: string[] };

/** Network faults (partition, loss, delay) from the step that made them to the next heal. */
export function networkIntervals(events: TimelineEvent[], end: number): NetworkFault[] {
  const open: Array<{ t: number; label: string; links: string[] }> = [];
  const result: NetworkFault[] = [];
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
export function linkDownIntervals(nodeDown: Map<string, Interval[]>, a: string, b: string, network: NetworkFault[] = []): Interval[] {
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
