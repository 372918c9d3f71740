import { describe, expect, it } from "vitest";
import { paths } from "../../harness/paths.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

const topologies = new TopologyCatalog(paths.topologies);
const scenarios = new ScenarioCatalog(paths.scenarios, topologies);
const topologyNames = await topologies.names();
const scenarioNames = await scenarios.names();
const bugNames = await scenarios.bugNames();

/** Every built-in file validates without Docker, so a broken one fails in seconds, not in the Docker suite. */
describe("built-in topologies and scenarios", () => {
  it.each(topologyNames)("topology %s loads", async (name) => {
    expect((await topologies.load(name)).nodes.length).toBeGreaterThan(0);
  });

  it.each(scenarioNames)("scenario %s loads, with a title and a description", async (name) => {
    const scenario = await scenarios.load(name);
    expect(scenario.steps.length).toBeGreaterThan(0);
    expect(scenario.title).not.toBe("");
    expect(scenario.description).not.toBe("");
  });

  it("has a bug scenario for each bug the atlas must cover", () => {
    expect(bugNames).toEqual(["bug-180", "bug-317", "bug-363", "bug-416", "bug-462", "bug-711", "bug-1227"]);
  });

  it.each(bugNames)("bug scenario %s loads, says what it reproduces and has one signature", async (name) => {
    const scenario = await scenarios.load(name);
    expect(scenario.name).toBe(name);
    expect(scenario.bug?.issue).toBe(Number(name.replace("bug-", "")));
    expect(scenario.bug?.observable.length).toBeGreaterThan(40);
    expect(scenario.steps.filter((step) => step.kind === "signature")).toHaveLength(1);
  });
});
