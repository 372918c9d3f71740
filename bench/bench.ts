/**
 * `npm run bench`: measures what design.md §6 lists against real containers and writes
 * reports/bench/<date>.json. Options: --runs N (default 5), --skip-cold (keep the caches),
 * --suite-runs N (default 1: runs of the demo-03 suite, quick and documented), --skip-suites.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultCacheDir, paths } from "../harness/paths.js";
import type { Progress } from "../harness/progress.js";
import { DockerRuntime } from "../harness/runtime/docker-runtime.js";
import { imageBuildOptionsFrom } from "../harness/runtime/image-options.js";
import { imageRepository } from "../harness/runtime/node-image.js";
import { pinnedVersions } from "../harness/runtime/node-versions.js";
import { runCommand } from "../harness/runtime/run-command.js";
import { newRunId } from "../harness/runtime/run-id.js";
import { scenarioJudge } from "../harness/checks/scenario-judge.js";
import { LabSession } from "../harness/scenario/lab-session.js";
import { ScenarioCatalog } from "../harness/scenario/scenario-catalog.js";
import { runScenario } from "../harness/scenario/scenario-engine.js";
import { TopologyCatalog } from "../harness/topology/topology-catalog.js";
import { summarize, type Summary } from "./stats.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "skip-cold": { type: "boolean" },
    "suite-runs": { type: "string", default: "1" },
    "skip-suites": { type: "boolean" },
  },
});
const runs = Number(values.runs);
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const quiet: Progress = { step: say, detail() {}, warn: say };
const catalog = new TopologyCatalog(paths.topologies);
const versions = pinnedVersions();

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

async function imageBuild(runtime: DockerRuntime): Promise<Record<string, Summary | number>> {
  const result: Record<string, Summary | number> = {};
  if (!values["skip-cold"]) {
    say("cold image build: removing the node image, the base image and the receptor/receptorctl caches …");
    for (const image of await runtime.docker.listImages({ filters: { reference: [`${imageRepository}`, "receptor-lab-base"] } })) {
      await runtime.docker.getImage(image.Id).remove({ force: true });
    }
    await rm(join(cacheDir, "receptor"), { recursive: true, force: true });
    await rm(join(cacheDir, "receptorctl"), { recursive: true, force: true });
    const [ms] = await timed(() => runtime.nodeImage(versions, quiet));
    result.coldMs = Math.round(ms);
  }
  const warm: number[] = [];
  for (let run = 0; run < runs; run++) warm.push((await timed(() => runtime.nodeImage(versions, quiet)))[0]);
  result.warmMs = summarize(warm);
  return result;
}

async function bringUp(runtime: DockerRuntime, image: string, name: string) {
  const topology = await catalog.load(name);
  const converged: number[] = [];
  const total: number[] = [];
  for (let run = 0; run < runs; run++) {
    const [ms, session] = await timed(() =>
      LabSession.bringUp({ runtime, topology, image, receptorVersion: versions.receptor, runId: newRunId(), progress: quiet }),
    );
    converged.push(session.bringUpMs);
    total.push(ms);
    await session.lab.destroy();
  }
  say(`${name}: started → converged median ${summarize(converged).median} ms`);
  return { startedToConvergedMs: summarize(converged), createToConvergedMs: summarize(total) };
}

async function dockerExecStatus(container: string): Promise<void> {
  await runCommand("docker", ["exec", container, "receptorctl", "--socket", "/tmp/receptor.sock", "status", "--json"], { timeoutMs: 30_000 });
}

async function statusPoll(runtime: DockerRuntime, image: string) {
  const topology = await catalog.load("complex");
  const session = await LabSession.bringUp({ runtime, topology, image, receptorVersion: versions.receptor, runId: newRunId(), progress: quiet });
  try {
    const ids = session.lab.nodeIds();
    const client: number[] = [];
    for (let run = 0; run < runs * 4; run++) client.push((await timed(() => Promise.all(ids.map((id) => session.client(id).status()))))[0]);
    const exec: number[] = [];
    for (let run = 0; run < runs; run++) exec.push((await timed(() => Promise.all(ids.map((id) => dockerExecStatus(session.lab.containerOf(id))))))[0]);
    const clientSummary = summarize(client);
    const execSummary = summarize(exec);
    say(`status poll of ${ids.length} nodes: client ${clientSummary.median} ms, docker exec receptorctl ${execSummary.median} ms`);
    return { nodes: ids.length, controlClientMs: clientSummary, dockerExecReceptorctlMs: execSummary, speedup: Math.round((execSummary.median / clientSummary.median) * 10) / 10 };
  } finally {
    await session.lab.destroy();
  }
}

async function faultToRoute(runtime: DockerRuntime, image: string) {
  const topology = await catalog.load("redundant");
  const session = await LabSession.bringUp({ runtime, topology, image, receptorVersion: versions.receptor, runId: newRunId(), progress: quiet });
  const controller = session.client("controller01");
  const samples: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      await session.lab.stop("relayer01");
      const stopped = performance.now();
      while ((await controller.status()).RoutingTable.executor01 !== "relayer02") await new Promise((resolve) => setTimeout(resolve, 10));
      samples.push(performance.now() - stopped);
      await session.lab.start("relayer01");
      while ((await controller.status()).RoutingTable.executor01 !== "relayer01") await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await session.lab.destroy();
  }
  say(`stop relayer01 returned → controller01 routes via relayer02: median ${summarize(samples).median} ms`);
  return summarize(samples);
}

/** Demo 03's cases, as design.md §6 times them. */
const demo03 = ["normal", "redundancy", "unreachable", "controller-down", "executor-down"];

async function suiteWallTime(runtime: DockerRuntime, image: string, quick: boolean) {
  const scenarios = new ScenarioCatalog(paths.scenarios, catalog);
  const totals: number[] = [];
  const perScenario: Record<string, number[]> = {};
  for (let run = 0; run < Number(values["suite-runs"]); run++) {
    const [ms] = await timed(async () => {
      for (const name of demo03) {
        const result = await runScenario(await scenarios.load(name), {
          runtime,
          image,
          receptorVersion: versions.receptor,
          runId: newRunId(),
          quick,
          judge: scenarioJudge,
          hooks: {},
          progress: quiet,
        });
        if (result.verdict !== "passed") throw new Error(`${name} ${result.verdict} during the bench: ${JSON.stringify(result.steps.find((step) => step.verdict !== "passed"))}`);
        (perScenario[name] ??= []).push(result.durationMs);
      }
    });
    totals.push(ms);
    say(`demo-03 suite ${quick ? "quick" : "documented"}: ${(ms / 1000).toFixed(1)} s`);
  }
  return { totalMs: summarize(totals), perScenarioMs: Object.fromEntries(Object.entries(perScenario).map(([name, samples]) => [name, summarize(samples)])) };
}

const cacheDir = defaultCacheDir(process.env);
const runtime = await DockerRuntime.connect(quiet, imageBuildOptionsFrom(process.env, cacheDir));
await runtime.removeLabs();
const startedAt = new Date();
const build = await imageBuild(runtime);
const { tag } = await runtime.nodeImage(versions, quiet);
const results = {
  startedAt: startedAt.toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  receptorVersion: versions.receptor,
  runsPerMeasure: runs,
  imageBuild: build,
  bringUp: { redundant: await bringUp(runtime, tag, "redundant"), complex: await bringUp(runtime, tag, "complex") },
  statusPollAllNodes: await statusPoll(runtime, tag),
  faultStopRelayerToRouteChangeMs: await faultToRoute(runtime, tag),
  demo03Suite: values["skip-suites"] ? null : { quick: await suiteWallTime(runtime, tag, true), documented: await suiteWallTime(runtime, tag, false) },
};
const dir = join(process.cwd(), "reports", "bench");
await mkdir(dir, { recursive: true });
const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
