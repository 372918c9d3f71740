import type Docker from "dockerode";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./provided.js";
import { resolveEngines, spreadOverEngines } from "../../harness/api/spread-over-engines.js";
import { dockerRuntime, startLab } from "../../harness/api/start-lab.js";
import { runScenario } from "../../harness/api/run-scenario.js";
import { defaultCacheDir } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { dockerAt, type EngineTarget } from "../../harness/runtime/engines/engine-endpoints.js";
import { enginesDown, enginesUp } from "../../harness/runtime/engines/extra-engines.js";
import type { LabRuntime } from "../../harness/runtime/lab-runtime.js";
import { labels } from "../../harness/runtime/labels.js";
import { statusCommand } from "../../harness/cli/commands/status.js";
import { untouchedCliContext } from "../fakes/fake-cli-context.js";
import { docker } from "./lab-fixture.js";

const options = { cacheDir: defaultCacheDir(process.env), progress: silentProgress };
let targets: EngineTarget[];
let clients: Map<string, Docker>;

/** Node id → the engine whose containers hold it, read from each engine itself. */
async function placement(runId: string): Promise<Record<string, string>> {
  const placed: Record<string, string> = {};
  for (const [name, client] of clients) {
    for (const info of await client.listContainers({ all: true, filters: { label: [`${labels.run}=${runId}`] } })) placed[info.Labels[labels.node]!] = name;
  }
  return placed;
}

async function spreadRuntime(): Promise<LabRuntime> {
  return spreadOverEngines(await dockerRuntime(options), targets);
}

async function leftAnywhere(): Promise<number> {
  const counts = await Promise.all([...clients.values()].map(async (client) => (await client.listContainers({ all: true, filters: { label: [labels.run] } })).length));
  return counts.reduce((sum, count) => sum + count, 0);
}

describe("a lab spread over three engines in a swarm", () => {
  beforeAll(async () => {
    await enginesUp(2, docker, options);
    targets = await resolveEngines("local", options);
    clients = new Map(targets.map((target) => [target.name, target.name === "host" ? docker : dockerAt(target.endpoint)]));
  }, 240_000);
  afterAll(() => enginesDown(docker, options), 120_000);

  it.each(["redundancy", "split-brain", "site-outage"])("%s passes with its nodes on the host engine, engine-1 and engine-2", { timeout: 400_000 }, async (name) => {
    let placed: Promise<Record<string, string>> | undefined;
    const { run } = await runScenario(name, {
      runtime: await spreadRuntime(),
      quick: true,
      onRun: () => {},
      onLab: (lab) => {
        placed = placement(lab.spec.runId);
        return () => {};
      },
    });
    const failed = run.steps.filter((step) => step.verdict !== "passed").map((step) => `${step.index + 1} ${step.kind} ${step.target}: ${step.detail.message ?? ""} ${step.detail.observed ?? ""}`);
    expect(run.verdict, `${run.error ?? ""}\n${failed.join("\n")}`).toBe("passed");
    const engines = await placed!;
    expect(new Set(Object.values(engines))).toEqual(new Set(["host", "engine-1", "engine-2"]));
    // sites: a group per site, so the partition of site c cut exactly one whole engine off
    if (name === "site-outage") {
      expect(Object.entries(engines).filter(([, engine]) => engine === "engine-2").map(([node]) => node).sort()).toEqual(["executor-c", "relayer-c"]);
      expect(engines["controller-a"]).toBe("host");
      expect(engines["executor-b"]).toBe("engine-1");
    }
    expect(await leftAnywhere()).toBe(0);
  });

  it("a lab kept up is found, faulted and removed by another process that knows nothing of the engines", { timeout: 300_000 }, async () => {
    const started = await startLab("sites", { runtime: await spreadRuntime(), progress: silentProgress });
    const byHand = await dockerRuntime(options);
    const running = (await byHand.listLabs()).find((lab) => lab.runId === started.runId)!;
    expect(running.nodes.map((node) => `${node.id}@${node.engine?.name ?? "host"}`).sort()).toEqual(
      ["controller-a@host", "executor-a@host", "relayer-a@host", "executor-b@engine-1", "relayer-b@engine-1", "executor-c@engine-2", "relayer-c@engine-2"].sort(),
    );
    // each node's control port is published on its own engine, reached at that engine's address
    for (const node of running.nodes.filter((candidate) => candidate.engine)) expect(node.control?.host).toBe(targets.find((target) => target.name === node.engine!.name)!.reach);
    const printed: string[] = [];
    const context = { ...untouchedCliContext([]), runtime: async () => byHand, print: (line: string) => printed.push(line) };
    expect(await statusCommand(["--lab", started.runId], context)).toBe(0);
    expect(printed.join("\n")).toContain(", over engines host, engine-1, engine-2)");
    expect(printed.join("\n")).toContain("── executor-c (ec01, on engine-2) ──");
    const { lab } = await byHand.openLab(started.runId);
    await lab.stop("relayer-b");
    expect(await lab.state("relayer-b")).toEqual({ running: false, paused: false });
    expect((await lab.exec("executor-c", ["cat", "/etc/hostname"])).stdout.trim()).toBe("ec01.example.internal");
    const logs = await mkdtemp(join(tmpdir(), "rlab-logs-"));
    await byHand.saveLogs(running, logs);
    expect(await readFile(join(logs, "logs", "ec01.log"), "utf8")).toContain("Connection established with relayer-c");
    expect(await byHand.removeLabs(started.runId)).toEqual([]);
    expect(await leftAnywhere()).toBe(0);
  });

  it("an engine that does not answer is refused (exit 3) before anything starts", { timeout: 60_000 }, async () => {
    const gone = { name: "gone", endpoint: "unix:///run/receptor-lab/gone/docker.sock", reach: "127.0.0.1" };
    await expect(spreadOverEngines(await dockerRuntime(options), [...targets, gone])).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/engine 'gone' at unix:\/\/\/run\/receptor-lab\/gone\/docker.sock does not answer/) });
    expect(await leftAnywhere()).toBe(0);
  });
});
