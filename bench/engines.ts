/**
 * `npm run bench:engines`: the same lab on the host engine alone and spread over it and two extra
 * engines (`engines up 2`, started here when none are up and removed again afterwards), measured
 * alike: bring-up, a relayer stopped → the hub's first route change and the mesh back at the
 * oracle, and one unit from the hub to every executor until all have converged. Written to
 * reports/bench/engines-<date>.json. Options: --nodes N (default 40), --runs N (default 1).
 * On one machine the engines share its cores: this measures what spreading costs, not a gain.
 */
import { parseArgs } from "node:util";
import { dockerRuntime, resolveEngines, spreadOverEngines, startLab, type LabRuntime, type Progress, type Topology } from "../harness/index.js";
import { defaultCacheDir } from "../harness/paths.js";
import { enginesDown, enginesUp, readEngineSet } from "../harness/runtime/engines/extra-engines.js";
import { pinnedVersions } from "../harness/runtime/node-versions.js";
import { machine, writeBenchFile } from "./bench-file.js";
import { hubMesh } from "./hub-mesh.js";
import { summarize } from "./stats.js";

const { values } = parseArgs({ options: { nodes: { type: "string", default: "40" }, runs: { type: "string", default: "1" } } });
const say = (line: string) => process.stderr.write(`[engines] ${line}\n`);
const quiet: Progress = { step: say, detail() {}, warn: say };
const cacheDir = defaultCacheDir(process.env);
const runs = Number(values.runs);

async function measure(topology: Topology, runtime: LabRuntime) {
  const hub = topology.nodes[0]!.id;
  const relayer = topology.links.find((link) => link.listener === hub)!.dialer;
  const executors = topology.nodes.filter((node) => node.workTypes.length > 0).map((node) => node.id);
  const created = performance.now();
  const lab = await startLab(topology, { runtime, within: "10m", progress: quiet });
  try {
    const createToConvergedMs = Math.round(performance.now() - created);
    const before = JSON.stringify(await lab.client(hub).routingTable());
    const stopped = performance.now();
    await lab.faults.stop(relayer);
    let firstRouteChangeMs: number | null = null;
    while (performance.now() - stopped < 60_000) {
      if (JSON.stringify(await lab.client(hub).routingTable()) !== before) {
        firstRouteChangeMs = Math.round(performance.now() - stopped);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const afterFault = await lab.checkRoutes({ within: "3m" });
    await lab.faults.start(relayer);
    await lab.expectConverged({ within: "3m" });
    const submitted = performance.now();
    const units = await Promise.all(executors.map((node) => lab.submit({ on: hub, node, workType: "gather-hostname" })));
    const checks = await Promise.all(units.map((unit) => lab.checkWork(unit, { within: "5m", state: "Succeeded" })));
    return {
      bringUpMs: lab.bringUpMs,
      createToConvergedMs,
      stopped: relayer,
      firstRouteChangeMs,
      convergedAfterStopMs: afterFault.ok ? afterFault.elapsedMs : null,
      units: units.length,
      unitsConverged: checks.filter((check) => check.ok).length,
      allUnitsConvergedMs: Math.round(performance.now() - submitted),
    };
  } finally {
    await lab.destroy();
  }
}

const startedAt = new Date();
const host = await dockerRuntime({ progress: quiet, cacheDir });
await host.nodeImage(pinnedVersions(), quiet);
const ours = !(await readEngineSet(cacheDir));
if (ours) await enginesUp(2, host.docker, { cacheDir, progress: quiet });
try {
  const topology = hubMesh(Number(values.nodes), ["gather-hostname"]);
  const targets = await resolveEngines("local", { cacheDir, topologies: [topology] });
  const placements = [
    { engines: ["host"], runtime: (await dockerRuntime({ progress: quiet, cacheDir })) as LabRuntime },
    { engines: targets.map((target) => target.name), runtime: await spreadOverEngines(await dockerRuntime({ progress: quiet, cacheDir }), targets) },
  ];
  await placements[1]!.runtime.nodeImage(pinnedVersions(), quiet);
  const rows = [];
  for (const placement of placements) {
    const samples: Awaited<ReturnType<typeof measure>>[] = [];
    for (let run = 1; run <= runs; run++) {
      say(`${topology.nodes.length} nodes on ${placement.engines.join(", ")}: run ${run} of ${runs} …`);
      samples.push(await measure(topology, placement.runtime));
      say(`  ${JSON.stringify(samples.at(-1))}`);
    }
    const pick = (key: "bringUpMs" | "firstRouteChangeMs" | "convergedAfterStopMs" | "allUnitsConvergedMs") => summarize(samples.map((sample) => sample[key]).filter((value): value is number => value !== null));
    rows.push({ engines: placement.engines, samples, bringUpMs: pick("bringUpMs"), firstRouteChangeMs: pick("firstRouteChangeMs"), convergedAfterStopMs: pick("convergedAfterStopMs"), allUnitsConvergedMs: pick("allUnitsConvergedMs") });
  }
  const results = {
    startedAt: startedAt.toISOString(),
    machine: machine(),
    receptorVersion: pinnedVersions().receptor,
    nodes: topology.nodes.length,
    shape: "hub, n/10 relayers dialling it, executors dialling two relayers; the stopped relayer is the first to dial the hub",
    notes: "bringUpMs: first container started → every table matches the oracle; firstRouteChangeMs: stop call → the hub's routing table differs (polled every 50 ms); convergedAfterStopMs: every live table matches the oracle again; allUnitsConvergedMs: gather-hostname submitted from the hub to every executor → every unit Succeeded with stdout converged on both sides",
    rows,
  };
  await writeBenchFile("engines-", startedAt, results);
} finally {
  if (ours) await enginesDown(host.docker, { cacheDir, progress: quiet });
}
