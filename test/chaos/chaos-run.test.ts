import { mkdtemp, rm, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runChaos, type ChaosOptions, type ChaosRunner } from "../../harness/chaos/chaos-run.js";
import { loadKnownBugs } from "../../harness/chaos/known-bugs.js";
import { paths } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import type { RunDocument } from "../../harness/report/run-document.js";
import type { ScenarioRun, StepResult } from "../../harness/scenario/run-result.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";
import { FakeClock } from "../fake-clock.js";

const topologies = new TopologyCatalog(paths.topologies);
const catalog = new ScenarioCatalog(paths.scenarios, topologies);
const known = await loadKnownBugs(join(paths.scenarios, "chaos", "known-bugs.yaml"), join(paths.scenarios, "bugs"));

/**
 * A pretend Receptor with #711: a unit on executor01 stays Running when executor01 restarts while
 * it runs (any echo-sleep unit of a round whose fault restarts executor01). Each file is loaded
 * through the real scenario loader, so what runChaos writes must be a valid scenario.
 */
function fakeReceptor(clock: FakeClock, roles: string[]): ChaosRunner {
  let runs = 0;
  return async (file, role) => {
    roles.push(role);
    const scenario = await catalog.load(file);
    clock.advance(90_000);
    const restartedRounds = new Set<number>();
    let round = 0;
    const steps: StepResult[] = scenario.steps.map((step) => {
      if (step.kind === "say") round = Number(/round (\d+)/.exec(step.text)?.[1] ?? round);
      if (step.kind === "fault" && step.action === "restart" && step.nodes.includes("executor01")) restartedRounds.add(round);
      const stuck =
        step.kind === "signature" &&
        scenario.steps.some((other) => other.kind === "submit" && JSON.stringify(step).includes(`"${other.alias}"`) && other.workType === "echo-sleep" && restartedRounds.has(Number(/^r(\d+)-/.exec(other.alias)![1])));
      return { index: step.index, kind: step.kind, target: "", line: step.line, verdict: "passed", startedAt: 0, durationMs: 1, detail: stuck ? { bug: "reproduced", expected: "Running, runner stale", observed: "Running: PID 22" } : step.kind === "signature" ? { bug: "not-reproduced" } : {} };
    });
    const run = { runId: `run-${++runs}`, verdict: "passed", steps } as unknown as ScenarioRun;
    return { run, document: { finalStatus: {}, logCensus: {} } as unknown as RunDocument };
  };
}

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
async function outDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "chaos-run-"));
  made.push(dir);
  return dir;
}

/** A session on redundant against the pretend Receptor; `roles` records which runs it made. */
async function session(options: Partial<ChaosOptions>, roles: string[], out?: string) {
  const clock = new FakeClock();
  const chaos: ChaosOptions = { seed: 3, rounds: 4, faults: ["restart"], jobsPerPair: 2, shrink: true, shrinkBudgetMs: 3_600_000, failOnKnown: false, baseline: false, command: "receptor-lab chaos redundant", ...options };
  return runChaos(chaos, { topology: await topologies.load("redundant"), topologyRef: "redundant", known, outDir: out ?? (await outDir()), runScenarioFile: fakeReceptor(clock, roles), clock, progress: silentProgress });
}

describe("a chaos session", () => {
  it("finds #711 as known, shrinks it to the one round that shows it and writes a bug scenario that loads", async () => {
    const roles: string[] = [];
    const out = await outDir();
    const report = await session({ baseline: true, command: "receptor-lab chaos redundant --faults restart --steps 4 --seed 3" }, roles, out);
    expect(roles.slice(0, 2)).toEqual(["baseline", "chaos"]);
    expect(report.judgement.verdict).toBe("known");
    expect(report.finding).toMatchObject({ kind: "known", issue: 711, invariant: "units-final" });
    expect(report.shrink!.rounds).toHaveLength(1);
    expect(report.shrink!.candidates[0]!.description).toMatch(/^only round \d+ \(restart executor01\)$/);
    const reproducer = await catalog.load(report.reproducer!.file);
    expect(reproducer.bug?.issue).toBe(711);
    expect(reproducer.steps.filter((step) => step.kind === "fault")).toHaveLength(1);
    expect(reproducer.steps.filter((step) => step.kind === "submit")).toHaveLength(1);
    const saved = JSON.parse(await readFile(join(out, "chaos.json"), "utf8"));
    expect(saved.seed).toBe(3);
    expect(saved.shrink.candidates.length).toBe(report.shrink!.candidates.length);
    const html = await readFile(join(out, "chaos.html"), "utf8");
    expect(html).toContain("Chaos, seed 3");
    expect(html).toContain("#711");
    expect(html).toContain("receptor-lab scenario");
  });

  it("with --no-shrink writes the whole schedule as the reproducer, after no candidates", async () => {
    const roles: string[] = [];
    const report = await session({ shrink: false }, roles);
    expect(roles).toEqual(["chaos"]);
    expect(report.shrink).toBeUndefined();
    expect(report.reproducer!.rounds).toBe(4);
    expect((await catalog.load(report.reproducer!.file)).bug?.issue).toBe(711);
  });

  it("without a finding runs no candidates and writes no reproducer", async () => {
    const roles: string[] = [];
    const report = await session({ rounds: 2, faults: ["partition"], jobsPerPair: 1 }, roles);
    expect(roles).toEqual(["chaos"]);
    expect(report.judgement.verdict).toBe("passed");
    expect(report.reproducer).toBeUndefined();
  });
});
