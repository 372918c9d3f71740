import { join } from "node:path";
import { scenarioJudge } from "../checks/scenario-judge.js";
import type { NodeStatus } from "../mesh/control-types.js";
import { paths } from "../paths.js";
import { silentProgress, type Progress } from "../progress.js";
import { runDocument, type RunDocument } from "../report/run-document.js";
import { writeRunReport } from "../report/report-writer.js";
import type { HostCpu } from "../runtime/host-cpu.js";
import type { Lab, LabRuntime, NodeImage } from "../runtime/lab-runtime.js";
import { readNodeLogs, writeLogFiles } from "../runtime/node-logs.js";
import { logCensus } from "../report/log-census.js";
import { knownIds } from "../report/compare/log-kinds.js";
import { versionsFor } from "../runtime/node-versions.js";
import { newRunId } from "../runtime/run-id.js";
import { saveUnitDirectories } from "../runtime/unit-directories.js";
import type { LabSession, MeshClientFactory } from "../scenario/lab-session.js";
import type { RunHooks, ScenarioRun } from "../scenario/run-result.js";
import { ScenarioCatalog } from "../scenario/scenario-catalog.js";
import { runScenario as runSteps } from "../scenario/scenario-engine.js";
import type { Scenario, Step } from "../scenario/scenario-model.js";
import { DATA_DIR } from "../topology/receptor-config.js";
import { TopologyCatalog } from "../topology/topology-catalog.js";
import { receptorChoiceOf } from "./api-options.js";
import { nodeImagesOf, resolveNodeBuilds, resolveUpgradeBuilds, upgradeImagesOf } from "./node-builds.js";
import { dockerRuntime } from "./start-lab.js";

/** A built-in scenario by name (`redundancy`) or a scenario file; every step validated (file:line errors). */
export function loadScenario(nameOrFile: string): Promise<Scenario> {
  return new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies)).load(nameOrFile);
}

export interface RunScenarioOptions {
  quick?: boolean;
  /** Receptor of the node image (default: the pinned one): a release, a commit or pseudo-version, or a source tree's path. */
  receptor?: string;
  /** receptorctl version (default: the release's own, or the pinned one otherwise). */
  receptorctl?: string;
  /** A ready image holding `receptor` and `receptorctl`, used instead of building one. */
  image?: string;
  /** How to talk to each node (default: its control service over TCP); for tests on a fake runtime. */
  meshClients?: MeshClientFactory;
  /** The host's CPU counters, to tell a starved machine from a slow Receptor (default: /proc/stat); a fake runtime's tests pass their own. */
  hostCpu?: HostCpu;
  /** The node image made beforehand (runtime.nodeImage): then receptor, receptorctl and image are not read. */
  nodeImage?: NodeImage;
  runtime?: LabRuntime;
  cacheDir?: string;
  progress?: Progress;
  /** Reporter hooks (e.g. new ConsoleReporter(print)). */
  reporters?: RunHooks[];
  /** Write report.json, junit.xml, report.html and the node logs under `<reportDir>/<run-id>/`. */
  reportDir?: string;
  /** Leave the lab up afterwards. */
  keep?: boolean;
  runId?: string;
  /** The run record as soon as it exists (it fills in as the run goes). */
  onRun?: (run: ScenarioRun) => void;
  /** Once the lab exists; returns a function that hands its cleanup back (for Ctrl-C handlers). */
  onLab?: (lab: Lab) => () => void;
  /** Asked before each step (step mode): "stop" ends the run there, the rest skipped. */
  beforeStep?: (step: Step) => Promise<"run" | "stop">;
  /** On a run that did not pass, before teardown (the lab still exists). */
  onFailure?: (session: LabSession, run: ScenarioRun) => Promise<void>;
}

export interface ScenarioOutcome {
  run: ScenarioRun;
  /** What report.json holds. */
  document: RunDocument;
  /** The run's report directory, when `reportDir` was given. */
  reportDir?: string;
}

/** Runs one scenario against a fresh lab and, with `reportDir`, writes its reports. */
export async function runScenario(scenario: Scenario | string, options: RunScenarioOptions = {}): Promise<ScenarioOutcome> {
  const model = typeof scenario === "string" ? await loadScenario(scenario) : scenario;
  const progress = options.progress ?? silentProgress;
  const choice = receptorChoiceOf(options);
  const versions = options.nodeImage ? undefined : await versionsFor(choice);
  const buildContext = { cacheDir: choice.cacheDir, ...(options.receptorctl ? { receptorctl: options.receptorctl } : {}) };
  const builds = await resolveNodeBuilds(model.topology, buildContext);
  const upgrades = await resolveUpgradeBuilds(model, buildContext);
  const runtime = options.runtime ?? (await dockerRuntime({ progress, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) }));
  const image = options.nodeImage ?? (await runtime.nodeImage(versions!, progress));
  const nodeImages = await nodeImagesOf(builds, runtime, progress);
  const upgradeImages = await upgradeImagesOf(upgrades, runtime, progress);
  const reporters = options.reporters ?? [];
  let finalStatus: Record<string, NodeStatus | null> = {};
  let logs: Record<string, string> = {};
  const run = await runSteps(model, {
    runtime,
    image: image.tag,
    receptorVersion: image.receptorVersion,
    ...(nodeImages.size > 0 ? { nodeImages } : {}),
    upgradeImages,
    runId: options.runId ?? newRunId(),
    quick: options.quick ?? false,
    judge: scenarioJudge,
    hooks: fanOut(reporters),
    progress,
    keep: options.keep ?? false,
    ...(options.onRun ? { onRun: options.onRun } : {}),
    ...(options.onLab ? { onLab: options.onLab } : {}),
    ...(options.beforeStep ? { beforeStep: options.beforeStep } : {}),
    ...(options.meshClients ? { meshClients: options.meshClients } : {}),
    ...(options.hostCpu ? { hostCpu: options.hostCpu } : {}),
    beforeTeardown: async (session, finished) => {
      finalStatus = await collectStatus(session);
      logs = await readNodeLogs(session.lab);
      if (options.reportDir) {
        const dir = join(options.reportDir, finished.runId);
        await writeLogFiles(dir, session.lab.spec.nodes.map((node) => ({ name: node.container, read: async () => logs[node.id] ?? "" })));
        if (finished.verdict !== "passed") await saveUnitDirectories(session.lab, DATA_DIR, dir);
      }
      if (finished.verdict !== "passed") await options.onFailure?.(session, finished);
    },
  });
  const document = runDocument(run, finalStatus);
  document.logCensus = logCensus(logs, knownIds(document));
  if (!options.reportDir) return { run, document };
  return { run, document, reportDir: await writeRunReport(options.reportDir, document) };
}

/** Several reporters as one set of hooks. */
function fanOut(reporters: RunHooks[]): RunHooks {
  return {
    onRunStart: (...args) => reporters.forEach((reporter) => reporter.onRunStart?.(...args)),
    onStepStart: (...args) => reporters.forEach((reporter) => reporter.onStepStart?.(...args)),
    onStepEnd: (...args) => reporters.forEach((reporter) => reporter.onStepEnd?.(...args)),
    onEvent: (...args) => reporters.forEach((reporter) => reporter.onEvent?.(...args)),
    onRunEnd: (...args) => reporters.forEach((reporter) => reporter.onRunEnd?.(...args)),
  };
}

async function collectStatus(session: LabSession): Promise<Record<string, NodeStatus | null>> {
  const entries = await Promise.all(session.lab.nodeIds().map(async (id) => [id, await session.client(id).status().catch(() => null)] as const));
  return Object.fromEntries(entries);
}
