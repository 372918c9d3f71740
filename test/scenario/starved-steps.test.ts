import { describe, expect, it } from "vitest";
import { HostCpuSampler } from "../../harness/scenario/host-cpu-sampler.js";
import { hostCpuMetric, saturatedMsBetween, saturatedSpans } from "../../harness/scenario/host-saturation.js";
import type { StepResult } from "../../harness/scenario/run-result.js";
import type { Expectation, Step, StepBody } from "../../harness/scenario/scenario-model.js";
import { hasTimingVerdict, starvedVerdict } from "../../harness/scenario/starved-steps.js";
import { Timeline, type TimelineEvent } from "../../harness/scenario/timeline.js";
import { FakeClock } from "../fake-clock.js";
import { FakeHostCpu } from "../fakes/fake-host-cpu.js";

/** One `host-cpu` sample: `busy` over the `ms` before `t`. */
const sample = (t: number, busy: number, ms = 1_000): TimelineEvent => ({ t, node: null, kind: "host-cpu", data: { busy, ms } });
/** One sample a second from 1 s to `seconds` s, saturated in [from, to) s. */
const samples = (seconds: number, from: number, to: number) => Array.from({ length: seconds }, (_, i) => sample((i + 1) * 1_000, i >= from && i < to ? 0.97 : 0.4));

const step = (body: StepBody): Step => ({ index: 0, line: 1, ...body }) as Step;
const ping = (bounds: Partial<Extract<Expectation, { what: "ping" }>>): Expectation => ({ what: "ping", on: "a", target: "b", ...bounds });
const result = (startedAt: number, durationMs: number, verdict: StepResult["verdict"] = "passed"): StepResult => ({
  index: 0,
  kind: "expect",
  target: "all nodes",
  line: 1,
  verdict,
  startedAt,
  durationMs,
  detail: { message: "held after 900 ms", expected: "e", observed: "o" },
});

describe("which steps have a timing verdict", () => {
  it("anything with within, and a ping with a bound (also as an alternative)", () => {
    expect(hasTimingVerdict(step({ kind: "expect", expectation: { what: "routes-converged" }, withinMs: 15_000 }))).toBe(true);
    expect(hasTimingVerdict(step({ kind: "expect", expectation: ping({ fasterThanMs: 50 }) }))).toBe(true);
    expect(hasTimingVerdict(step({ kind: "expect", expectation: { what: "any", of: [{ what: "units", on: "a", count: 0 }, ping({ slowerThanMs: 700 })] } }))).toBe(true);
    expect(hasTimingVerdict(step({ kind: "wait", unit: "job", state: "Running", withinMs: 30_000 }))).toBe(true);
    expect(hasTimingVerdict(step({ kind: "results", unit: "job", withinMs: 120_000 }))).toBe(true);
    expect(hasTimingVerdict(step({ kind: "unit-action", action: "release", unit: "job", withinMs: 15_000 }))).toBe(true);
  });

  it("not faults, submits, plain expectations, a ping without bounds, a release asked once", () => {
    expect(hasTimingVerdict(step({ kind: "fault", action: "stop", nodes: ["a"] }))).toBe(false);
    expect(hasTimingVerdict(step({ kind: "submit", alias: "job", on: "a", node: "b", workType: "echo-reply", payload: { kind: "none" } }))).toBe(false);
    expect(hasTimingVerdict(step({ kind: "expect", expectation: { what: "routes-converged" }, holdMs: 20_000 }))).toBe(false);
    expect(hasTimingVerdict(step({ kind: "expect", expectation: ping({}) }))).toBe(false);
    expect(hasTimingVerdict(step({ kind: "unit-action", action: "release", unit: "job" }))).toBe(false);
  });
});

describe("the starved-step rule", () => {
  it("needs 3 s of saturation in a long step", () => {
    expect(starvedVerdict(result(0, 10_000), samples(10, 2, 4)).verdict).toBe("passed");
    expect(starvedVerdict(result(0, 10_000), samples(10, 2, 5))).toMatchObject({ verdict: "inconclusive", detail: { wouldHave: "passed", hostSaturatedMs: 3_000 } });
  });

  it("leaves a step saturated for less than 3 s alone, however short it is (a lab's start saturates a small host for a second or two)", () => {
    expect(starvedVerdict(result(0, 4_000), samples(4, 0, 2)).verdict).toBe("passed");
    expect(starvedVerdict(result(400, 1_000), samples(4, 0, 1)).verdict).toBe("passed");
    expect(starvedVerdict(result(0, 2_000, "failed"), samples(2, 0, 2)).verdict).toBe("failed");
  });

  it("keeps what the step would have been, its expected and observed too", () => {
    const starved = starvedVerdict(result(0, 5_000, "failed"), samples(5, 0, 5));
    expect(starved.detail).toEqual({
      message: "host CPU ≥ 95% for 5.0 s of this step's 5.0 s: a timing verdict on a starved machine says nothing (it would have failed: held after 900 ms)",
      expected: "e",
      observed: "o",
      wouldHave: "failed",
      hostSaturatedMs: 5_000,
    });
  });

  it("leaves an inconclusive or skipped step alone, and a step with no samples", () => {
    expect(starvedVerdict(result(0, 5_000, "inconclusive"), samples(5, 0, 5)).detail.wouldHave).toBeUndefined();
    expect(starvedVerdict(result(0, 5_000, "skipped"), samples(5, 0, 5)).verdict).toBe("skipped");
    expect(starvedVerdict(result(0, 5_000), []).verdict).toBe("passed");
  });
});

describe("host saturation over the run", () => {
  it("merges saturated samples into spans and sums them", () => {
    const events = [...samples(6, 1, 3), sample(6_500, 1, 500), sample(7_000, 0.2, 500)];
    expect(saturatedSpans(events)).toEqual([
      { from: 1_000, to: 3_000 },
      { from: 6_000, to: 6_500 },
    ]);
    expect(hostCpuMetric(events)).toEqual({ maxBusy: 1, saturatedMs: 2_500 });
    expect(saturatedMsBetween(events, 2_500, 6_250)).toBe(750);
  });
});

describe("the host CPU sampler", () => {
  it("records the busy share since the last sample on the timeline, skipping windows under 250 ms", () => {
    const clock = new FakeClock(5_000);
    const timeline = new Timeline(clock);
    const host = new FakeHostCpu(clock, 0.5);
    const sampler = new HostCpuSampler(host, timeline);
    expect(sampler.start()).toBe(true);
    clock.advance(1_000);
    sampler.sample();
    host.set(1);
    clock.advance(100);
    sampler.sample();
    clock.advance(900);
    sampler.stop();
    clock.advance(1_000);
    sampler.sample();
    expect(timeline.events).toEqual([
      { t: 1_000, node: null, kind: "host-cpu", data: { busy: 0.5, ms: 1_000 } },
      { t: 2_000, node: null, kind: "host-cpu", data: { busy: 1, ms: 1_000 } },
    ]);
  });

  it("does nothing where the host's counters cannot be read", () => {
    const timeline = new Timeline(new FakeClock());
    const sampler = new HostCpuSampler({ read: () => undefined }, timeline);
    expect(sampler.start()).toBe(false);
    sampler.sample();
    sampler.stop();
    expect(timeline.events).toEqual([]);
  });
});
