import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { ConsoleReporter } from "../../harness/report/console-reporter.js";
import type { ScenarioRun, StepResult } from "../../harness/scenario/run-result.js";
import type { Step } from "../../harness/scenario/scenario-model.js";

describe("the console reporter on a starved host", () => {
  const reason = "host CPU ≥ 95% for 5.0 s of this step's 5.0 s: a timing verdict on a starved machine says nothing (it would have passed: held after 4800 ms)";
  const step = { index: 0, line: 5, kind: "expect", expectation: { what: "routes-converged" }, withinMs: 20_000 } as Step;
  const result: StepResult = { index: 0, kind: "expect", target: "all nodes", line: 5, verdict: "inconclusive", startedAt: 100, durationMs: 5_000, detail: { message: reason, wouldHave: "passed" } };

  it("gives the reason once for the step, and the saturation once for the run; host-cpu samples themselves stay quiet", () => {
    const lines: string[] = [];
    const reporter = new ConsoleReporter((line) => lines.push(stripVTControlCharacters(line)));
    reporter.onEvent({ t: 1_000, node: null, kind: "host-cpu", data: { busy: 1, ms: 1_000 } });
    reporter.onStepEnd(step, result);
    reporter.onRunEnd({ scenario: { name: "starved" }, verdict: "inconclusive", steps: [result], durationMs: 6_000, quick: true, metrics: { bringUpMs: 100, faults: [], workConvergenceMs: {}, hostCpu: { maxBusy: 1, saturatedMs: 6_000 } } } as unknown as ScenarioRun);
    expect(lines.filter((line) => line.includes("host CPU"))).toEqual([`             ${reason}`, "  host CPU ≥ 95% for 6.0 s of the run; 1 timing step(s) judged then inconclusive"]);
  });
});
