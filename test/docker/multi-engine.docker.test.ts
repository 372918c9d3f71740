import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./provided.js";
import { dockerRuntime } from "../../harness/api/start-lab.js";
import { runScenario } from "../../harness/api/run-scenario.js";
import { defaultCacheDir } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { engineClient, enginesDown, enginesUp, type EngineSet } from "../../harness/runtime/engines/extra-engines.js";
import { labels } from "../../harness/runtime/labels.js";
import { docker } from "./lab-fixture.js";

const options = { cacheDir: defaultCacheDir(process.env), progress: silentProgress };
let set: EngineSet;

describe("a lab spread over three engines in a swarm", () => {
  beforeAll(async () => {
    set = await enginesUp(2, docker, options);
  }, 240_000);
  afterAll(() => enginesDown(docker, options), 120_000);

  it.each(["redundancy", "split-brain"])("%s passes with its nodes on the host engine, engine-1 and engine-2", { timeout: 400_000 }, async (name) => {
    const runtime = (await dockerRuntime(options)).spreadOver(set);
    const placed: Record<string, number> = {};
    const { run } = await runScenario(name, {
      runtime,
      quick: true,
      onRun: () => {},
      onLab: (lab) => {
        void (async () => {
          for (const [engineName, client] of [["host", docker], ...set.engines.map((engine) => [engine.name, engineClient(engine)] as const)] as const) {
            placed[engineName] = (await client.listContainers({ all: true, filters: { label: [`${labels.run}=${lab.spec.runId}`] } })).length;
          }
        })();
        return () => {};
      },
    });
    const failed = run.steps.filter((step) => step.verdict !== "passed").map((step) => `${step.index + 1} ${step.kind} ${step.target}: ${step.detail.message ?? ""} ${step.detail.observed ?? ""}`);
    expect(run.verdict, `${run.error ?? ""}\n${failed.join("\n")}`).toBe("passed");
    expect(Object.keys(placed).sort()).toEqual(["engine-1", "engine-2", "host"]);
    for (const count of Object.values(placed)) expect(count).toBeGreaterThan(0);
    for (const engine of set.engines) expect(await engineClient(engine).listContainers({ all: true, filters: { label: [labels.run] } })).toEqual([]);
  });
});
