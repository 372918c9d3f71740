import type { HostCpuMetric } from "./run-result.js";
import type { TimelineEvent } from "./timeline.js";

/** A host at least this busy (share of all its cores) is saturated: what Receptor does on it takes as long as the machine lets it. */
export const saturatedBusy = 0.95;

/** One `host-cpu` sample: the host's busy share over [from, to], ms after the run started. */
export interface CpuWindow {
  from: number;
  to: number;
  busy: number;
}

export function cpuWindows(events: TimelineEvent[]): CpuWindow[] {
  return events
    .filter((event) => event.kind === "host-cpu")
    .map((event) => ({ from: event.t - (event.data.ms as number), to: event.t, busy: event.data.busy as number }));
}

/** How long the host was saturated within [from, to]; a sample's share counts as even across its window. */
export function saturatedMsBetween(events: TimelineEvent[], from: number, to: number): number {
  return cpuWindows(events)
    .filter((window) => window.busy >= saturatedBusy)
    .reduce((sum, window) => sum + Math.max(0, Math.min(to, window.to) - Math.max(from, window.from)), 0);
}

/** The saturated stretches of the run, adjacent samples merged. */
export function saturatedSpans(events: TimelineEvent[]): Array<{ from: number; to: number }> {
  const spans: Array<{ from: number; to: number }> = [];
  for (const window of cpuWindows(events)) {
    if (window.busy < saturatedBusy) continue;
    const last = spans.at(-1);
    if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
    else spans.push({ from: window.from, to: window.to });
  }
  return spans;
}

export function hostCpuMetric(events: TimelineEvent[]): HostCpuMetric {
  const windows = cpuWindows(events);
  return {
    maxBusy: Math.max(0, ...windows.map((window) => window.busy)),
    saturatedMs: windows.filter((window) => window.busy >= saturatedBusy).reduce((sum, window) => sum + window.to - window.from, 0),
  };
}
