import { describe, expect, it } from "vitest";
import { paths } from "../../harness/paths.js";
import { interruptedRun } from "../../harness/scenario/interrupted-run.js";
import type { ScenarioRun } from "../../harness/scenario/run-result.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

describe("interruptedRun", () => {
  it("makes the run inconclusive, says why, and skips the steps it did not reach", async () => {
    const scenario = await new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies)).load("redundancy");
    const first = scenario.steps[0]!;
    const run: ScenarioRun = {
      scenario,
      runId: "r1",
      receptorVersion: "1.6.5",
      quick: true,
      verdict: "passed",
      startedAt: new Date(0),
      durationMs: 0,
      steps: [{ index: first.index, kind: "say", target: "", line: first.line, verdict: "passed", startedAt: 0, durationMs: 1, detail: {} }],
      events: [],
      metrics: { bringUpMs: 900, faults: [], workConvergenceMs: {} },
    };
    const cut = interruptedRun(run, "SIGTERM", 5_000);
    expect(cut.verdict).toBe("inconclusive");
    expect(cut.error).toBe(`interrupted by SIGTERM after 1 of ${scenario.steps.length} steps`);
    expect(cut.steps).toHaveLength(scenario.steps.length);
    expect(cut.steps[1]).toMatchObject({ verdict: "skipped", detail: { message: "interrupted by SIGTERM while this step ran" } });
    expect(cut.steps.at(-1)).toMatchObject({ verdict: "skipped", detail: { message: "not run: interrupted by SIGTERM" } });
    expect(run.verdict).toBe("passed");
    expect(run.steps).toHaveLength(1);
  });
});
