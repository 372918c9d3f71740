import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import "./provided.js";
import { scenarioJudge } from "../../harness/checks/scenario-judge.js";
import { resolveUpgradeBuilds, upgradeImagesOf } from "../../harness/api/node-builds.js";
import { defaultCacheDir, paths } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { withoutHarnessChatter } from "../../harness/report/log-noise.js";
import { newRunId } from "../../harness/runtime/run-id.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { runScenario } from "../../harness/scenario/scenario-engine.js";
import type { ScenarioRun } from "../../harness/scenario/run-result.js";
import type { Scenario, Step } from "../../harness/scenario/scenario-model.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";
import { leftovers, runtime } from "./lab-fixture.js";

const catalog = new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies));
const names = (await catalog.names()).sort();

const runs = new Map<string, ScenarioRun>();

/** On a failed run: every node's last log lines, for the failure message (CI keeps nothing else). */
let logTails = "";

async function runQuick(scenario: Scenario) {
  logTails = "";
  // the images of the releases upgrade steps name, made before the lab starts as the API does
  const upgradeImages = await upgradeImagesOf(await resolveUpgradeBuilds(scenario, { cacheDir: defaultCacheDir(process.env) }), runtime, silentProgress);
  return runScenario(scenario, {
    runtime,
    upgradeImages,
    image: inject("nodeImage"),
    receptorVersion: inject("receptorVersion"),
    runId: newRunId(),
    quick: true,
    judge: scenarioJudge,
    hooks: {},
    progress: silentProgress,
    beforeTeardown: async (session, run) => {
      if (run.verdict === "passed") return;
      for (const id of session.lab.nodeIds()) {
        const lines = withoutHarnessChatter((await session.lab.logs(id, 600).catch(() => "")).trimEnd().split("\n")).slice(-25);
        logTails += `--- ${id}\n${lines.join("\n")}\n`;
      }
    },
  });
}

/** Every documented case, in --quick mode, against real Receptor. */
describe("every built-in scenario (--quick) on real Receptor", () => {
  it.each(names)("%s passes every step and leaves nothing behind", { timeout: 400_000 }, async (name) => {
    const scenario = await catalog.load(name);
    const run = await runQuick(scenario);
    runs.set(name, run);
    const failures = run.steps.filter((step) => step.verdict !== "passed");
    expect(run.error).toBeUndefined();
    const first = failures.find((step) => step.verdict !== "skipped");
    const leadUp = first ? run.events.filter((event) => event.t >= first.startedAt - 10_000 && event.t <= first.startedAt + first.durationMs) : [];
    expect(failures, `${JSON.stringify({ failures, eventsInTheTenSecondsBefore: leadUp }, null, 2)}\n${logTails}`).toEqual([]);
    expect(run.verdict).toBe("passed");
    expect(run.steps).toHaveLength(scenario.steps.length);
    expect(run.metrics.bringUpMs).toBeGreaterThan(0);
    expect(await leftovers(run.runId)).toBe(0);

    // one fault per node an upgrade step replaces
    const faults = scenario.steps.flatMap((step): Step[] => (step.kind === "upgrade" ? step.nodes.map(() => step) : ["fault", "partition", "loss", "delay", "heal"].includes(step.kind) ? [step] : []));
    expect(run.metrics.faults).toHaveLength(faults.length);
    // a fault the scenario later expects the routes to settle after must have a convergence time
    run.metrics.faults.forEach((fault, index) => {
      const step = faults[index]!;
      const settles = scenario.steps.some((later) => later.index > step.index && later.kind === "expect" && later.expectation.what === "routes-converged");
      if (settles && !fault.superseded) expect(fault.convergedMs, `${fault.action} ${fault.target}`).not.toBeNull();
    });
    expect(run.metrics.faults.at(-1)?.superseded).toBeFalsy();
  });

  it("records the reroute of redundancy on the timeline", { timeout: 400_000 }, async () => {
    const run = await runQuick(await catalog.load("redundancy"));
    expect(run.verdict).toBe("passed");
    // Peers may notice the stop before Docker's call returns, so the reroute only has to follow the stop step's start.
    const stop = run.steps.find((step) => step.kind === "stop")!;
    const reroute = run.events.find(
      (event) => event.kind === "route-change" && event.node === "controller01" && event.data.destination === "executor01" && event.data.to === "relayer02",
    );
    expect(reroute).toBeDefined();
    expect(reroute!.t).toBeGreaterThanOrEqual(stop.startedAt);
    expect(run.metrics.faults.find((fault) => fault.action === "stop")?.routeChangeMs).toBeGreaterThanOrEqual(0);
    const states = run.events.filter((event) => event.kind === "unit-state" && event.data.role === "controller").map((event) => event.data.to);
    expect(states).toEqual(expect.arrayContaining(["Running", "Succeeded", "gone"]));
    expect(run.metrics.workConvergenceMs.job).toBeGreaterThan(0);
  });

  it("explains how executor-down's cleanup ended by what the stale runner PID was", () => {
    const run = runs.get("executor-down");
    expect(run?.verdict).toBe("passed");
    const probe = run!.events.find((event) => event.kind === "runner-pid")!;
    expect(probe.data.pid).toBeGreaterThan(0);
    const last = run!.steps.at(-1)!.detail;
    const outcome = String(last.observed);
    expect([0, 1]).toContain(last.heldAlternative);
    const executorLeft = last.heldAlternative === 1;
    // A thread of the restarted receptor never goes away, so the SIGINT that release sends it must stop executor01.
    const ownThread = probe.data.tgid !== undefined && /receptor -c/.test(String(probe.data.cmdline));
    if (ownThread) expect(executorLeft, outcome).toBe(true);
  });

  it("asks a refused release again for its whole window, then fails naming every refusal", { timeout: 120_000 }, async () => {
    const run = await runQuick(await catalog.load(join(import.meta.dirname, "..", "fixtures", "scenarios", "release-refused.yaml")));
    expect(run.verdict).toBe("failed");
    const [first, second] = run.steps.filter((step) => step.kind === "release");
    expect(first!.verdict).toBe("passed");
    expect(second!.verdict).toBe("failed");
    const refusals = second!.detail.refusals as string[];
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    for (const refusal of refusals) expect(refusal).toMatch(/^unknown work unit controller01\w+$/);
    expect(second!.detail.message).toContain(`(asked ${refusals.length} times)`);
    expect(second!.durationMs).toBeGreaterThanOrEqual(3_000);
    expect(run.events.filter((event) => event.kind === "action-refused")).toHaveLength(refusals.length - 1);
    expect(await leftovers(run.runId)).toBe(0);
  });
});
