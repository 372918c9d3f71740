/**
 * `npm run bench:scale`: labs of growing size against the same receptor binary as plain processes,
 * side by side in one run, written to reports/bench/scale-<date>.json. Options: --sizes 10,25,50,100,150,250
 * (default), --idle-seconds N (default 20), --skip-gogc (no GOGC=400 pass), --timeout-minutes N (default 15),
 * --env K=V,… (every node's environment in the main pass, bare and lab), --skip-bare (the lab only).
 *
 * The shape is the one the design's measurements use: a hub, n/10 relayers dialling it, every
 * other node an executor dialling two relayers (`generate clos --spines 1 … --redundancy 2`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { dockerRuntime, startLab, type Progress } from "../harness/index.js";
import { defaultCacheDir } from "../harness/paths.js";
import { pinnedVersions } from "../harness/runtime/node-versions.js";
import { ensureReceptorBinary, goArchOf } from "../harness/runtime/receptor-binary.js";
import type { Topology } from "../harness/topology/model.js";
import { startBareMesh } from "./bare-mesh.js";
import { machine, writeBenchFile } from "./bench-file.js";
import { hubMesh } from "./hub-mesh.js";
import { receptorLoad } from "./host-processes.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,25,50,100,150,250" },
    "idle-seconds": { type: "string", default: "20" },
    "skip-gogc": { type: "boolean" },
    "timeout-minutes": { type: "string", default: "15" },
    env: { type: "string", default: "" },
    "skip-bare": { type: "boolean" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const idleMs = Number(values["idle-seconds"]) * 1000;
const timeoutMs = Number(values["timeout-minutes"]) * 60_000;
const say = (line: string) => process.stderr.write(`[scale] ${line}\n`);
const quiet: Progress = { step: say, detail() {}, warn: say };
const cacheDir = defaultCacheDir(process.env);
const env: Record<string, string> = Object.fromEntries(values.env.split(",").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));

/** The harness's own CPU while it polls every node's routes once a second, as a watcher would. */
async function harnessWhileWatching(poll: () => Promise<unknown>, ms: number): Promise<number> {
  const before = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < ms) {
    await poll();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const used = process.cpuUsage(before);
  return Math.round(((used.user + used.system) / 1000 / (performance.now() - started)) * 1000) / 10;
}

/** A lab that does not converge within the timeout is recorded as such (startLab removes it), not a reason to stop. */
async function measureLab(topology: Topology, env: Record<string, string>, runtime: Awaited<ReturnType<typeof dockerRuntime>>) {
  const created = performance.now();
  const started = await startLab(topology, { runtime, env, within: timeoutMs, progress: quiet }).catch((error: Error) => error);
  if (started instanceof Error) return { bringUpMs: null, error: started.message.split("\n")[0], loadAverage: loadavg()[0] };
  const lab = started;
  const createToConvergedMs = Math.round(performance.now() - created);
  const loadAverage = loadavg()[0];
  const idle = await receptorLoad(idleMs);
  const harnessPercentOfOneCore = await harnessWhileWatching(() => lab.routes(), idleMs);
  const torn = performance.now();
  await lab.destroy();
  return { bringUpMs: lab.bringUpMs, createToConvergedMs, loadAverage, teardownMs: Math.round(performance.now() - torn), idleCores: idle.cores, meanRssMiB: idle.meanRssMiB, harnessPercentOfOneCore };
}

async function measureBare(topology: Topology, binary: string, env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), "rlab-bare-"));
  try {
    const mesh = await startBareMesh(topology, binary, dir, env, timeoutMs);
    const idle = await receptorLoad(idleMs);
    const teardownMs = await mesh.stop();
    return { convergedMs: mesh.convergedMs, completeTables: mesh.completeTables, teardownMs, idleCores: idle.cores, meanRssMiB: idle.meanRssMiB };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const runtime = await dockerRuntime({ progress: quiet, cacheDir });
const versions = pinnedVersions();
await runtime.nodeImage(versions, quiet);
const binary = await ensureReceptorBinary(versions, goArchOf(process.arch === "arm64" ? "arm64" : "x86_64")!, quiet, cacheDir);
const startedAt = new Date();
const rows = [];
for (const size of sizes) {
  const topology = hubMesh(size);
  const n = topology.nodes.length;
  say(`${n} nodes: ${values["skip-bare"] ? "lab" : "bare processes"} …`);
  const bare = values["skip-bare"] ? null : await measureBare(topology, binary, env);
  if (bare) say(`${n} nodes: bare ${bare.convergedMs === null ? `not converged within the timeout (${bare.completeTables} of ${n} tables complete)` : `converged in ${bare.convergedMs} ms`}, idle ${bare.idleCores} cores; lab …`);
  const lab = await measureLab(topology, env, runtime);
  say(`${n} nodes: lab ${lab.bringUpMs === null ? `did not converge: ${lab.error}` : `converged ${lab.bringUpMs} ms after its containers started, idle ${lab.idleCores} cores, harness ${lab.harnessPercentOfOneCore}% of a core`}, load average ${lab.loadAverage}`);
  const gogc = values["skip-gogc"]
    ? null
    : { bare: await measureBare(topology, binary, { GOGC: "400" }), lab: await measureLab(topology, { GOGC: "400" }, runtime) };
  rows.push({ nodes: n, links: topology.links.length, bare, lab, labOverBare: bare?.convergedMs && lab.bringUpMs !== null ? Math.round((lab.bringUpMs / bare.convergedMs) * 100) / 100 : null, gogc400: gogc });
}
const results = {
  startedAt: startedAt.toISOString(),
  machine: machine(),
  receptorVersion: versions.receptor,
  shape: "hub, n/10 relayers dialling it, executors dialling two relayers",
  idleSeconds: idleMs / 1000,
  env,
  notes: "bare convergedMs = processes spawned → every node's table names every other node; lab bringUpMs = first container started → every table matches the oracle; both polled every 100 ms (routing tables only), two polls in a row",
  rows,
};
await writeBenchFile("scale-", startedAt, results);
