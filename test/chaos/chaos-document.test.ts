import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chaosSteps, scenarioYaml } from "../../harness/chaos/chaos-document.js";
import { chaosSchedule, chaosFaultKinds, type ChaosSchedule } from "../../harness/chaos/fault-schedule.js";
import { loadKnownBugs } from "../../harness/chaos/known-bugs.js";
import { reproducerYaml } from "../../harness/chaos/reproducer.js";
import { paths } from "../../harness/paths.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

const topologies = new TopologyCatalog(paths.topologies);
const catalog = new ScenarioCatalog(paths.scenarios, topologies);
const known = await loadKnownBugs(join(paths.scenarios, "chaos", "known-bugs.yaml"), join(paths.scenarios, "bugs"));

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function load(yaml: string) {
  const dir = await mkdtemp(join(tmpdir(), "chaos-doc-"));
  made.push(dir);
  const file = join(dir, "scenario.yaml");
  await writeFile(file, yaml);
  return catalog.load(file);
}

const header = (seed: number) => ({ name: `chaos-${seed}`, title: "t", description: "d", reproduces: "r", chaos: { seed, command: "receptor-lab chaos" }, topology: "complex" });

describe("the generated chaos scenario", () => {
  it("loads through the scenario loader for every fault kind, its checks at expectation or signature steps", async () => {
    const topology = await topologies.load("complex");
    const schedule = chaosSchedule(topology, { seed: 11, faults: chaosFaultKinds, jobsPerPair: 1, rounds: 12 });
    const { steps, checks } = chaosSteps(schedule, known);
    const scenario = await load(scenarioYaml(header(11), steps));
    expect(scenario.chaos).toEqual({ seed: 11, command: "receptor-lab chaos" });
    expect(scenario.steps).toHaveLength(steps.length);
    for (const check of checks) expect(["expect", "signature"]).toContain(scenario.steps[check.step]!.kind);
    const units = checks.filter((check) => check.invariant === "units-final");
    expect(units).toHaveLength(schedule.rounds.reduce((sum, round) => sum + round.jobs.length, 0));
    expect(units.every((check) => check.issue === 711 && scenario.steps[check.step]!.kind === "signature")).toBe(true);
    expect(checks.filter((check) => check.invariant === "routes-after-heal")).toHaveLength(schedule.rounds.length + 1);
  });

  it("checks that no route points at a node held down past the idle timeout", () => {
    const schedule: ChaosSchedule = { seed: 1, rounds: [{ index: 1, jobs: [], leadMs: 1_000, fault: { kind: "pause", nodes: ["relayer01"] }, holdMs: 45_000, quietMs: 0 }] };
    const { steps, checks } = chaosSteps(schedule, []);
    const down = checks.find((check) => check.invariant === "no-route-to-down-node")!;
    expect(steps.slice(down.step - 2, down.step + 2)).toEqual([{ pause: ["relayer01"] }, { sleep: "30s" }, { expect: { routes: "converged", within: "15s" } }, { unpause: ["relayer01"] }]);
  });

  it("leaves the faults out of the baseline", () => {
    const schedule: ChaosSchedule = { seed: 1, rounds: [{ index: 1, jobs: [], leadMs: 1_000, fault: { kind: "kill", nodes: ["relayer01"] }, holdMs: 5_000, quietMs: 0 }] };
    const { steps } = chaosSteps(schedule, [], { faults: false });
    expect(steps.some((step) => "kill" in step || "start" in step)).toBe(false);
  });

  it("writes a fault and its heal with their nodes spelled out, no YAML aliases", () => {
    const schedule: ChaosSchedule = { seed: 1, rounds: [{ index: 1, jobs: [], leadMs: 1_000, fault: { kind: "kill", nodes: ["relayer01"] }, holdMs: 5_000, quietMs: 0 }] };
    const yaml = scenarioYaml(header(1), chaosSteps(schedule, []).steps);
    expect(yaml).toContain("  - kill: [ relayer01 ]\n");
    expect(yaml).toContain("  - start: [ relayer01 ]\n");
    expect(yaml).not.toMatch(/[&*]a\d/);
  });
});

describe("the reproducer", () => {
  const schedule: ChaosSchedule = {
    seed: 3,
    rounds: [
      {
        index: 2,
        jobs: [
          { alias: "r2-controller01-executor01-1", on: "controller01", node: "executor01", workType: "echo-sleep", payload: "p" },
          { alias: "r2-controller01-executor01-2", on: "controller01", node: "executor01", workType: "echo-reply", payload: "p" },
        ],
        leadMs: 1_400,
        fault: { kind: "restart", nodes: ["executor01"] },
        holdMs: 10_000,
        quietMs: 0,
      },
    ],
  };
  const meta = { name: "chaos-3-reproducer", seed: 3, command: "receptor-lab chaos redundant --seed 3", topology: "redundant" };

  it("of a known bug is a bug scenario whose one signature looks at the unit that showed it", async () => {
    const yaml = reproducerYaml(schedule, { invariant: "units-final", kind: "known", issue: 711, round: 2, unit: "r2-controller01-executor01-1", expected: "e", observed: "o" }, known, meta);
    const scenario = await load(yaml);
    expect(scenario.bug?.issue).toBe(711);
    const signatures = scenario.steps.filter((step) => step.kind === "signature");
    expect(signatures).toHaveLength(1);
    expect(JSON.stringify(signatures[0])).toContain("r2-controller01-executor01-1");
    expect(scenario.steps.filter((step) => step.kind === "fault")).toHaveLength(1);
    expect(scenario.description).toContain("seed 3");
  });

  it("of a violation ends at the check that broke, as a plain expectation", async () => {
    const yaml = reproducerYaml(schedule, { invariant: "units-final", kind: "violation", round: 2, unit: "r2-controller01-executor01-2", step: 9, expected: "e", observed: "o" }, known, meta);
    const scenario = await load(yaml);
    expect(scenario.bug).toBeUndefined();
    const last = scenario.steps.at(-1)!;
    expect(last.kind).toBe("expect");
    expect(JSON.stringify(last)).toContain("r2-controller01-executor01-2");
    expect(scenario.steps.some((step) => step.kind === "signature")).toBe(false);
    expect(scenario.description).toContain("units-final");
  });
});
