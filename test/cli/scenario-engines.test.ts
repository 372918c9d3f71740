import { describe, expect, it } from "vitest";
import type { CliContext } from "../../harness/cli/cli-context.js";
import { scenarioCommand } from "../../harness/cli/commands/scenario.js";
import { paths } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

function context(asked: string[]): CliContext {
  const topologies = new TopologyCatalog(paths.topologies);
  return {
    progress: silentProgress,
    print: () => {},
    runtime: async () => {
      asked.push("runtime");
      throw new Error("the engine was asked for");
    },
    reportDir: "/nonexistent",
    cacheDir: "/nonexistent",
    topologies,
    scenarios: new ScenarioCatalog(paths.scenarios, topologies),
  } as unknown as CliContext;
}

describe("scenario --engines", () => {
  it.each([
    [["redundancy", "--engines"], /none are up/],
    [["redundancy", "--engines", "--keep"], /--keep with --engines/],
  ])("%j exits 2 before any engine is asked for", async (args, message) => {
    const asked: string[] = [];
    await expect(scenarioCommand(args, context(asked))).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    expect(asked).toEqual([]);
  });
});
