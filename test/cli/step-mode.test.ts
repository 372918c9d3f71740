import { PassThrough } from "node:stream";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyAnswers, stepMode, type StepAnswer } from "../../harness/cli/step-mode.js";
import { paths } from "../../harness/paths.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

const catalog = new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies));

describe("scenario --step", () => {
  it("shows each step with its line in the scenario file, runs narration unasked, and stops asking after 'c'", async () => {
    const scenario = await catalog.load(join(import.meta.dirname, "..", "fixtures", "engine", "reroute.yaml"));
    const answers: StepAnswer[] = ["run", "continue"];
    const printed: string[] = [];
    const before = stepMode(scenario, async () => answers.shift()!, (line) => printed.push(line));
    const decisions = [];
    for (const step of scenario.steps) decisions.push(await before(step));
    expect(decisions.every((decision) => decision === "run")).toBe(true);
    // the say step and every step after 'c' ran without a question
    expect(printed.filter((line) => line.includes("⏸"))).toHaveLength(2);
    expect(printed[0]).toMatch(/⏸ step 2 of 7: expect .*\(line \d+: expect:/);
  });

  it("stops at 'q'", async () => {
    const scenario = await catalog.load(join(import.meta.dirname, "..", "fixtures", "engine", "reroute.yaml"));
    const before = stepMode(scenario, async () => "quit", () => {});
    expect(await before(scenario.steps[1]!)).toBe("stop");
  });

  it("reads answers line by line when stdin is not a terminal; its end continues", async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    const ask = keyAnswers(input);
    (input as unknown as PassThrough).end("\nc\nq\n");
    expect([await ask(), await ask(), await ask(), await ask()]).toEqual(["run", "continue", "quit", "continue"]);
  });
});
