/**
 * `npm run bench`: measures what design.md §6 lists against real containers, through the public
 * API, and writes reports/bench/<date>.json. Options: --runs N (default 5), --skip-cold (keep
 * the caches), --suite-runs N (default 1: runs of the demo-03 suite, quick and documented),
 * --skip-suites, --skip-local-tree (the build of a changed Receptor source tree, cold and warm).
 */
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { dockerRuntime, loadScenario, loadTopology, runScenario, startLab, type DockerRuntime, type Progress, type Topology } from "../harness/index.js";
import { defaultCacheDir } from "../harness/paths.js";
import { imageRepository } from "../harness/runtime/node-image.js";
import { pinnedVersions, versionsFor } from "../harness/runtime/node-versions.js";
import { runCommand } from "../harness/runtime/run-command.js";
import { machine, writeBenchFile } from "./bench-file.js";
import { summarize, type Summary } from "./stats.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "skip-cold": { type: "boolean" },
    "suite-runs": { type: "string", default: "1" },
    "skip-suites": { type: "boolean" },
    "skip-local-tree": { type: "boolean" },
  },
});
const runs = Number(values.runs);
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const quiet: Progress = { step: say, detail() {}, warn: say };
const versions = pinnedVersions();
const cacheDir = defaultCacheDir(process.env);

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

async function bringUp(runtime: DockerRuntime, name: string | Topology) {
  const topology = typeof name === "string" ? await loadTopology(name) : name;
  const converged: number[] = [];
  const total: number[] = [];
  for (let run = 0; run < runs; run++) {
    const [ms, lab] = await timed(() => startLab(topology, { runtime }));
    converged.push(lab.bringUpMs);
    total.push(ms);
    await lab.destroy();
  }
  say(`${topology.name}: started → converged median ${summarize(converged).median} ms`);
  return { startedToConvergedMs: summarize(converged), createToConvergedMs: summarize(total) };
}

/** The same mesh as `secure` without TLS: what the certificates and handshakes cost. */
function withoutTls(topology: Topology): Topology {
  return {
    ...topology,
    name: `${topology.name}-without-tls`,
    nodes: topology.nodes.map(({ certificate: _, ...node }) => ({
      ...node,
      controlServiceTls: false,
      listeners: node.listeners.map((listener) => ({ ...listener, tls: false })),
      dials: node.dials.map((dial) => ({ ...dial, tls: false })),
    })),
    links: topology.links.map((link) => ({ ...link, tls: false })),
  };
}

async function dockerExecStatus(container: string): Promise<void> {
  await runCommand("docker", ["exec", container, "receptorctl", "--socket", "/tmp/receptor.sock", "status", "--json"], { timeoutMs: 30_000 });
}

async function statusPoll(runtime: DockerRuntime) {
  await using lab = await startLab("complex", { runtime });
  const ids = lab.nodes();
  const client: number[] = [];
  for (let run = 0; run < runs * 4; run++) client.push((await timed(() => Promise.all(ids.map((id) => lab.client(id).status()))))[0]);
  const exec: number[] = [];
  for (let run = 0; run < runs; run++) exec.push((await timed(() => Promise.all(ids.map((id) => dockerExecStatus(lab.containerOf(id))))))[0]);
  const clientSummary = summarize(client);
  const execSummary = summarize(exec);
  say(`status poll of ${ids.length} nodes: client ${clientSummary.median} ms, docker exec receptorctl ${execSummary.median} ms`);
  return { nodes: ids.length, controlClientMs: clientSummary, dockerExecReceptorctlMs: execSummary, speedup: Math.round((execSummary.median / clientSummary.median) * 10) / 10 };
}

/** From the stop fault returning (checked: the container is stopped) to controller01's reroute. */
async function faultToRoute(runtime: DockerRuntime) {
  await using lab = await startLab("redundant", { runtime });
  const controller = lab.client("controller01");
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    await lab.faults.stop("relayer01");
    const stopped = performance.now();
    while ((await controller.status()).RoutingTable.executor01 !== "relayer02") await new Promise((resolve) => setTimeout(resolve, 10));
    samples.push(performance.now() - stopped);
    await lab.faults.start("relayer01");
    while ((await controller.status()).RoutingTable.executor01 !== "relayer01") await new Promise((resolve) => setTimeout(resolve, 100));
  }
  say(`stop relayer01 returned → controller01 routes via relayer02: median ${summarize(samples).median} ms`);
  return summarize(samples);
}

/**
 * `--receptor <path>`: the pinned release's module source as a developer's tree, one log line
 * changed per build (so each is a new tree), built into a node image. Cold: Go's build cache
 * empty (the module cache, i.e. downloads, kept); warm: the build cache of the cold build.
 */
async function localTreeBuild(runtime: DockerRuntime) {
  const work = await mkdtemp(join(tmpdir(), "rlab-bench-tree-"));
  const previousCache = process.env.GOCACHE;
  process.env.GOCACHE = join(work, "go-build");
  try {
    const download = await runCommand("go", ["mod", "download", "-json", `github.com/ansible/receptor@v${versions.receptor}`], {
      cwd: work,
      env: { GONOSUMDB: "github.com/ansible/receptor", GOFLAGS: "-mod=mod" },
      timeoutMs: 300_000,
    });
    const tree = join(work, "receptor");
    await cp((JSON.parse(download.stdout) as { Dir: string }).Dir, tree, { recursive: true });
    await runCommand("chmod", ["-R", "u+w", tree], { timeoutMs: 60_000 });
    const main = join(tree, "cmd", "receptor-cl", "receptor.go");
    const original = await readFile(main, "utf8");
    const buildWith = async (marker: string) => {
      await chmod(main, 0o644);
      await writeFile(main, original.replace('logger.Info("Initialization complete\\n")', `logger.Info("Initialization complete (${marker})\\n")`));
      const [ms, { image, versions: built }] = await timed(async () => {
        const treeVersions = await versionsFor({ receptor: tree, cacheDir });
        return { image: await runtime.nodeImage(treeVersions, quiet), versions: treeVersions };
      });
      // one image and one binary per changed tree: not kept
      for (const tag of [image.tag, `${imageRepository}:${image.receptorVersion}`]) await runtime.docker.getImage(tag).remove({ force: true }).catch(() => {});
      await rm(join(cacheDir, "receptor", `${built.receptor}-${built.source!.contentHash}`), { recursive: true, force: true });
      return Math.round(ms);
    };
    const coldMs = await buildWith(`bench cold ${Date.now()}`);
    const warmMs = await buildWith(`bench warm ${Date.now()}`);
    say(`local tree → node image: cold Go build cache ${coldMs} ms, warm ${warmMs} ms`);
    return { coldMs, warmMs };
  } finally {
    if (previousCache === undefined) delete process.env.GOCACHE;
    else process.env.GOCACHE = previousCache;
    await rm(work, { recursive: true, force: true });
  }
}

/** Demo 03's cases, as design.md §6 times them. */
const demo03 = ["normal", "redundancy", "unreachable", "controller-down", "executor-down"];

async function suiteWallTime(runtime: DockerRuntime, quick: boolean) {
  const totals: number[] = [];
  const perScenario: Record<string, number[]> = {};
  for (let run = 0; run < Number(values["suite-runs"]); run++) {
    const [ms] = await timed(async () => {
      for (const name of demo03) {
        const { run: result } = await runScenario(await loadScenario(name), { runtime, quick, progress: quiet });
        if (result.verdict !== "passed") throw new Error(`${name} ${result.verdict} during the bench: ${JSON.stringify(result.steps.find((step) => step.verdict !== "passed"))}`);
        (perScenario[name] ??= []).push(result.durationMs);
      }
    });
    totals.push(ms);
    say(`demo-03 suite ${quick ? "quick" : "documented"}: ${(ms / 1000).toFixed(1)} s`);
  }
  return { totalMs: summarize(totals), perScenarioMs: Object.fromEntries(Object.entries(perScenario).map(([name, samples]) => [name, summarize(samples)])) };
}

const runtime = await dockerRuntime({ progress: quiet, cacheDir });
await runtime.removeLabs();
const startedAt = new Date();
const build = await imageBuild(runtime);
const results = {
  startedAt: startedAt.toISOString(),
  machine: machine(),
  receptorVersion: versions.receptor,
  runsPerMeasure: runs,
  imageBuild: build,
  // secure: 8 nodes over mutual TLS with allowed peers, a firewall and signing keys; its
  // certificates are made once and cached, so a warm bring-up should stay within 1.5× of a plain one
  bringUp: { redundant: await bringUp(runtime, "redundant"), complex: await bringUp(runtime, "complex"), secure: await bringUp(runtime, "secure"), secureWithoutTls: await bringUp(runtime, withoutTls(await loadTopology("secure"))) },
  statusPollAllNodes: await statusPoll(runtime),
  faultStopRelayerToRouteChangeMs: await faultToRoute(runtime),
  localTreeBuild: values["skip-local-tree"] ? null : await localTreeBuild(runtime),
  demo03Suite: values["skip-suites"] ? null : { quick: await suiteWallTime(runtime, true), documented: await suiteWallTime(runtime, false) },
};
await writeBenchFile("", startedAt, results);
