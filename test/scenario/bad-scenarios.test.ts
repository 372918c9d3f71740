import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../harness/errors.js";
import { paths } from "../../harness/paths.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

const folder = join(import.meta.dirname, "..", "fixtures", "bad", "scenarios");
const fixtures = readdirSync(folder).filter((file) => file.endsWith(".yaml"));
const catalog = new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies));

describe("bad scenario files", () => {
  it("has a fixture for each kind of mistake", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(fixtures)("%s is rejected with its file, line and problem", async (fixture) => {
    const file = join(folder, fixture);
    const header = /^# expect: (\d+): (.+)$/m.exec(readFileSync(file, "utf8"))!;
    const [line, message] = [Number(header[1]), header[2]!];
    const error = await catalog.load(file).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems;
    const match = problems.find((problem) => problem.message.startsWith(message));
    expect(match, problems.map((problem) => `${problem.location.line}: ${problem.message}`).join(" | ")).toBeDefined();
    expect(match!.location).toMatchObject({ file, line });
    expect((error as InputError).exitCode).toBe(2);
  });
});

describe("built-in scenarios", () => {
  it("all validate, each with a title, a description and the case it reproduces", async () => {
    const names = await catalog.names();
    expect(names).toEqual(
      expect.arrayContaining(["hostname", "payload", "normal", "redundancy", "unreachable", "controller-down", "executor-down", "complex", "complex-failover"]),
    );
    for (const name of names) {
      const scenario = await catalog.load(name);
      expect(scenario.name).toBe(name);
      expect(scenario.description.length).toBeGreaterThan(50);
      expect(scenario.reproduces).not.toBe("");
    }
  });

  it("turns the redundancy file into typed steps with durations in ms and source lines", async () => {
    const scenario = await catalog.load("redundancy");
    expect(scenario.topology.name).toBe("redundant");
    expect(scenario.steps[0]).toMatchObject({ kind: "expect", expectation: { what: "routes-converged" }, withinMs: 15_000, index: 0 });
    const submit = scenario.steps.find((step) => step.kind === "submit");
    expect(submit).toMatchObject({ alias: "job", on: "controller01", node: "executor01", workType: "echo-sleep", payload: { kind: "none" } });
    const stop = scenario.steps.find((step) => step.kind === "fault");
    expect(stop).toMatchObject({ action: "stop", nodes: ["relayer01"] });
    expect(stop!.line).toBeGreaterThan(10);
  });

  it("gives executor-down's cleanup a runner check, a window to ask again in and either outcome", async () => {
    const scenario = await catalog.load("executor-down");
    const release = scenario.steps.find((step) => step.kind === "unit-action");
    expect(release).toMatchObject({ action: "force-release", unit: "job", withinMs: 15_000 });
    const expectations = scenario.steps.flatMap((step) => (step.kind === "expect" ? [step.expectation] : []));
    expect(expectations).toContainEqual(expect.objectContaining({ what: "unit", unit: "job", side: "executor", runner: "stale" }));
    expect(expectations.at(-1)).toEqual({
      what: "any",
      of: [
        { what: "units", on: "executor01", count: 0 },
        { what: "route", on: "controller01", routes: { executor01: null } },
      ],
    });
  });
});
