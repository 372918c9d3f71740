import { busyShare, type CpuTimes, type HostCpu } from "../runtime/host-cpu.js";
import type { Timeline } from "./timeline.js";

const periodMs = 1_000;
/** Shorter windows are not recorded: /proc/stat counts in 10 ms ticks, so a few ms of them say little. */
const shortestWindowMs = 250;

/**
 * Puts the host's CPU busy share on the timeline once a second: `host-cpu` { busy, ms }, the share
 * of all cores busy over the `ms` before the event. The timer runs on real time and does not keep
 * the process alive; windows are measured on the run's clock.
 */
export class HostCpuSampler {
  private last: { at: number; times: CpuTimes } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cpu: HostCpu,
    private readonly timeline: Timeline,
  ) {}

  /** Starts sampling; false (and it does nothing) where the host's counters cannot be read. */
  start(): boolean {
    const times = this.cpu.read();
    if (!times) return false;
    this.last = { at: this.timeline.now(), times };
    this.timer = setInterval(() => this.sample(), periodMs).unref();
    return true;
  }

  /** Records the share since the last sample; the engine also calls it as a timing step ends, so the step's tail is covered. */
  sample(): void {
    const at = this.timeline.now();
    if (!this.last || at - this.last.at < shortestWindowMs) return;
    const times = this.cpu.read();
    if (!times) return;
    const busy = busyShare(this.last.times, times);
    if (busy === undefined) return;
    this.timeline.record("host-cpu", null, { busy: Math.round(busy * 100) / 100, ms: at - this.last.at }, at);
    this.last = { at, times };
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
    this.last = undefined;
  }
}
