import { describe, expect, it } from "vitest";
import { UsageError } from "../../../harness/errors.js";
import { compareSides } from "../../../harness/report/compare/compare-reports.js";
import type { RunDocument } from "../../../harness/report/run-document.js";
import { fault, fixtureRun, fixtureSide, routeChange, unitState } from "./run-builder.js";

const compare = (a: RunDocument[], b: RunDocument[]) => compareSides(fixtureSide("a", a), fixtureSide("b", b));
const withBringUp = (bringUpMs: number) => fixtureRun({ metrics: { ...fixtureRun().metrics, bringUpMs } });

describe("compare: verdicts", () => {
  it("finds nothing between the same data twice", () => {
    const comparison = compare([fixtureRun()], [fixtureRun()]);
    expect(comparison.regressed).toBe(false);
    const [scenario] = comparison.scenarios;
    expect(scenario).toMatchObject({ scenario: "redundancy", change: "same", steps: [], stepShape: [], behaviour: [] });
    expect(scenario!.metrics.length).toBeGreaterThan(3);
    expect(scenario!.metrics.filter((metric) => metric.changed)).toEqual([]);
  });

  it("calls a scenario worse and the comparison regressed when a verdict drops, naming the step", () => {
    const failed = fixtureRun({ verdict: "failed" });
    failed.steps[3] = { ...failed.steps[3]!, verdict: "failed" };
    const comparison = compare([fixtureRun()], [failed]);
    expect(comparison.regressed).toBe(true);
    expect(comparison.scenarios[0]!.change).toBe("worse");
    expect(comparison.scenarios[0]!.verdicts.b).toEqual({ passed: 0, runs: 1, worst: "failed" });
    expect(comparison.scenarios[0]!.steps).toEqual([{ index: 3, step: "expect job (controller)", a: "passed", b: "failed" }]);
    expect(compare([failed], [fixtureRun()]).scenarios[0]!.change).toBe("better");
  });

  it("calls a lower pass rate worse even when the worst verdict is the same", () => {
    const failed = fixtureRun({ verdict: "failed" });
    const comparison = compare([fixtureRun(), fixtureRun(), failed], [fixtureRun(), failed, failed]);
    expect(comparison.scenarios[0]!.change).toBe("worse");
  });

  it("says where the step lists differ in length or kind", () => {
    const shorter = fixtureRun();
    shorter.steps = [shorter.steps[0]!, { ...shorter.steps[2]!, index: 1 }];
    expect(compare([fixtureRun()], [shorter]).scenarios[0]!.stepShape).toEqual(["A has 4 steps, B has 2", "step 2 is submit controller01 → executor01 in A, stop relayer01 in B"]);
  });

  it("lists scenarios only one side ran, and refuses two sides with none in common", () => {
    const comparison = compare([fixtureRun(), fixtureRun({ scenario: "normal" })], [fixtureRun(), fixtureRun({ scenario: "partition" })]);
    expect(comparison.onlyInA).toEqual(["normal"]);
    expect(comparison.onlyInB).toEqual(["partition"]);
    const disjoint = () => compare([fixtureRun({ scenario: "x" }), fixtureRun({ scenario: "y" })], [fixtureRun({ scenario: "z" })]);
    expect(disjoint).toThrowError(UsageError);
    expect(disjoint).toThrowError("A holds scenarios x, y; B holds z: compare runs of the same scenarios");
  });
});

describe("compare: metrics and the noise band", () => {
  it("does not flag a median that moved less than the repeats' spread", () => {
    const [bringUp] = compare([1_000, 1_600, 1_200].map(withBringUp), [1_500, 1_100, 1_700].map(withBringUp)).scenarios[0]!.metrics;
    expect(bringUp).toMatchObject({ name: "bring-up", a: 1_200, b: 1_500, noiseMs: 600, changed: false, direction: null });
  });

  it("flags one beyond it, with its direction", () => {
    const [bringUp] = compare([1_000, 1_600, 1_200].map(withBringUp), [3_000, 3_100, 2_900].map(withBringUp)).scenarios[0]!.metrics;
    expect(bringUp).toMatchObject({ a: 1_200, b: 3_000, noiseMs: 600, changed: true, direction: "slower" });
  });

  it("never flags less than 250 ms or a quarter of A's median", () => {
    const [bringUp] = compare([withBringUp(100)], [withBringUp(340)]).scenarios[0]!.metrics;
    expect(bringUp).toMatchObject({ noiseMs: 250, changed: false });
    const [slow] = compare([withBringUp(8_000)], [withBringUp(9_900)]).scenarios[0]!.metrics;
    expect(slow).toMatchObject({ noiseMs: 2_000, changed: false });
  });

  it("names faults by index and subject, and counts a value missing on one side as a change", () => {
    const unconverged = fixtureRun({ metrics: { ...fixtureRun().metrics, faults: [{ action: "stop", target: "relayer01", nodes: ["relayer01"], routeChangeMs: 60, convergedMs: null }] } });
    const metrics = compare([fixtureRun()], [unconverged]).scenarios[0]!.metrics;
    expect(metrics.map((metric) => metric.name)).toEqual(["bring-up", "#1 stop relayer01: first route change", "#1 stop relayer01: converged", "unit job: work converged", "run duration"]);
    expect(metrics[2]).toMatchObject({ a: 400, b: null, changed: true, direction: "no value in B" });
  });
});

describe("compare: behaviour", () => {
  it("finds a different unit id format from the data, and the unit's final state", () => {
    const older = fixtureRun({
      events: [unitState(1_150, "controller01", "job", "controller", "Xk3j9QzA", "Running"), unitState(5_000, "controller01", "job", "controller", "Xk3j9QzA", "Failed")],
    });
    const behaviour = compare([older], [fixtureRun()]).scenarios[0]!.behaviour;
    expect(behaviour).toContainEqual({ kind: "unit id format", subject: "unit ids", a: "8 letters/digits", b: "<node> + 8 letters/digits" });
    expect(behaviour).toContainEqual({ kind: "final unit state", subject: "job (controller)", a: "Failed", b: "Succeeded" });
  });

  it("compares each node's route changes after each fault", () => {
    const other = fixtureRun();
    other.events = [...other.events.filter((event) => event.kind !== "route-change"), routeChange(2_160, "controller01", "executor01", "relayer01", null)].sort((x, y) => x.t - y.t);
    expect(compare([fixtureRun()], [other]).scenarios[0]!.behaviour).toEqual([
      { kind: "routes after a fault", subject: "controller01 → executor01 after #1 stop relayer01", a: "relayer01 → relayer02", b: "relayer01 → none" },
    ]);
  });

  it("keeps only differences no run of the other side shares, so repeats hide same-build noise", () => {
    const detour = fixtureRun();
    detour.events = [...detour.events, fault(8_000, "relayer01", "start"), routeChange(8_100, "controller01", "executor01", "relayer02", "relayer01")].sort((x, y) => x.t - y.t);
    const plain = fixtureRun();
    plain.events = [...plain.events, fault(8_000, "relayer01", "start")].sort((x, y) => x.t - y.t);
    expect(compare([plain], [detour]).scenarios[0]!.behaviour).toHaveLength(1);
    expect(compare([plain, detour], [detour, plain]).scenarios[0]!.behaviour).toEqual([]);
  });

  it("ignores numbers and unit ids in step observations but not other words", () => {
    const other = fixtureRun();
    other.steps[3] = { ...other.steps[3]!, detail: { observed: 'controller01 controller01Zz9Yy8Xx: Succeeded "exit status 0", StdoutSize 51' } };
    other.events = other.events.map((event) => (event.kind === "unit-state" ? { ...event, data: { ...event.data, unitId: "controller01Zz9Yy8Xx" } } : event));
    expect(compare([fixtureRun()], [other]).scenarios[0]!.behaviour).toEqual([]);
    other.steps[3]!.detail.observed = 'controller01 controller01Zz9Yy8Xx: Failed "exit status 1", StdoutSize 0';
    expect(compare([fixtureRun()], [other]).scenarios[0]!.behaviour).toEqual([
      { kind: "step observation", subject: "step 4 expect job (controller)", a: 'controller01 <unit>: Succeeded "exit status N", StdoutSize N', b: 'controller01 <unit>: Failed "exit status N", StdoutSize N' },
    ]);
  });
});
