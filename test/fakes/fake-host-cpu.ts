import type { Clock } from "../../harness/clock.js";
import type { CpuTimes, HostCpu } from "../../harness/runtime/host-cpu.js";

/** A host whose cores are `busy` (0–1) busy; its counters move with the fake clock. */
export class FakeHostCpu implements HostCpu {
  private times: CpuTimes = { busy: 0, total: 0 };
  private readAt: number;

  constructor(
    private readonly clock: Clock,
    private busy: number,
  ) {
    this.readAt = clock.now();
  }

  read(): CpuTimes {
    const elapsed = this.clock.now() - this.readAt;
    this.times = { busy: this.times.busy + elapsed * this.busy, total: this.times.total + elapsed };
    this.readAt = this.clock.now();
    return { ...this.times };
  }

  /** From now on the host is this busy (the time until now keeps the share it had). */
  set(busy: number): void {
    this.read();
    this.busy = busy;
  }
}
