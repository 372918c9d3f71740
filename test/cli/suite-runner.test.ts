import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliContext } from "../../harness/cli/cli-context.js";
import { SuiteRunner, type SuiteJob } from "../../harness/cli/suite-runner.js";
import { paths } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";
import { fakeMesh } from "../fakes/fake-mesh.js";
import { FakeRuntime } from "../fakes/fake-runtime.js";

const catalog = new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies));

async function suiteOf(parallel: number) {
  const scenario = await catalog.load(join(import.meta.dirname, "..", "fixtures", "engine", "reroute.yaml"));
  const failing = await catalog.load(join(import.meta.dirname, "..", "fixtures", "engine", "fails-early.yaml"));
  const printed: string[] = [];
  const context = { print: (line: string) => void printed.push(line), progress: silentProgress, interrupts: { register: () => () => {} } } as unknown as CliContext;
  const runtime = new FakeRuntime();
  const image = { tag: "fake-node:1.6.5", receptorVersion: "1.6.5", built: false };
  const runner = new SuiteRunner(context, { runtime, reportRoot: await mkdtemp(join(tmpdir(), "suite-")), quick: true, keep: false, parallel, meshClients: fakeMesh(scenario.topology), hostCpu: { read: () => undefined } });
  const jobs: SuiteJob[] = [scenario, failing, scenario].map((model) => ({ scenario: model, image, round: 1 }));
  await runner.run(jobs);
  return { runner, printed, runtime };
}

describe("a suite of runs", () => {
  it("runs labs side by side, prints a line as each ends and a failing run in full", async () => {
    const { runner, printed, runtime } = await suiteOf(2);
    expect(runner.documents).toHaveLength(3);
    expect(runtime.labs).toHaveLength(3);
    expect(printed[0]).toBe("3 runs, 2 labs at once: a line as each ends, a failing run in full.");
    expect(printed.filter((line) => /^■ PASSED engine-reroute in /.test(line)), printed.join("\n")).toHaveLength(2);
    // the failing run's whole output comes before its line
    const failed = printed.findIndex((line) => line.startsWith("■ FAILED engine-fails-early in"));
    expect(printed.slice(0, failed).some((line) => line.includes("✗"))).toBe(true);
    // a passing run's step lines are not printed
    expect(printed.filter((line) => line.includes("▶ engine-reroute"))).toEqual([]);
  });

  it("prints every run live, one after another, when serial", async () => {
    const { runner, printed } = await suiteOf(1);
    expect(runner.runs.map((run) => run.verdict)).toEqual(["passed", "failed", "passed"]);
    expect(printed.filter((line) => line.includes("▶ engine-reroute"))).toHaveLength(2);
  });
});
