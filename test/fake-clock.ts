import type { Clock } from "../harness/clock.js";

/** A clock that only moves when the code under test sleeps. */
export class FakeClock implements Clock {
  constructor(private time = 0) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}
