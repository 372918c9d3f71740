import { cpus, loadavg } from "node:os";

/** How overloaded the host is now: runnable processes per core over the last minute. */
export function hostLoad(): number {
  return (loadavg()[0] ?? 0) / Math.max(1, cpus().length);
}

/**
 * How long a node may take to answer its control service at bring-up: 20 s, plus 0.1 s per node
 * of the lab (every node that starts floods routing updates the others must process), stretched
 * by how overloaded the host already is.
 */
export function controlWaitMs(nodes: number, load = hostLoad()): number {
  return Math.round((20_000 + 100 * nodes) * Math.max(1, load));
}

/**
 * How often each node of a starting wave is asked whether its control service answers: every
 * 50 ms for a small wave, less often for a large one, so the whole wave costs about 100 attempts a
 * second — 45 nodes asked every 50 ms would keep the starting nodes busy answering.
 */
export function controlPollMs(waveSize: number): number {
  return Math.min(1_000, Math.max(50, waveSize * 10));
}
