import { readFileSync } from "node:fs";

/** The host's cumulative CPU time over all its cores, in clock ticks. */
export interface CpuTimes {
  busy: number;
  total: number;
}

/** The host's CPU counters; `read` answers undefined where they cannot be read (no /proc/stat). */
export interface HostCpu {
  read(): CpuTimes | undefined;
}

/**
 * The `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal (guest and
 * guest_nice are already counted in user and nice). Busy is everything but idle and iowait, so
 * steal counts as busy: on a shared VM it is time the host wanted a core and did not get one.
 */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = /^cpu\s+(.+)$/m.exec(text)?.[1];
  if (!line) return undefined;
  const ticks = line.trim().split(/\s+/).slice(0, 8).map(Number);
  if (ticks.length < 4 || ticks.some((value) => !Number.isFinite(value))) return undefined;
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = ticks[3]! + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}

/** The share (0–1) of the host's cores that were busy between two readings; undefined if no tick passed. */
export function busyShare(before: CpuTimes, after: CpuTimes): number | undefined {
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  return Math.min(1, Math.max(0, (after.busy - before.busy) / total));
}

/** The real host: /proc/stat, read synchronously (a few KB from the kernel, well under a millisecond). */
export const procStatCpu: HostCpu = {
  read() {
    try {
      return parseProcStat(readFileSync("/proc/stat", "utf8"));
    } catch {
      return undefined;
    }
  },
};
