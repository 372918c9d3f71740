import { join, resolve } from "node:path";
import { loadFaultErrorKinds, loadKnownBugs, type KnownBug } from "../chaos/known-bugs.js";
import { runChaos, type ChaosOptions, type ChaosReport } from "../chaos/chaos-run.js";
import { chaosFaultKinds, chaosRoles, type ChaosFaultKind } from "../chaos/fault-schedule.js";
import { systemClock, type Clock } from "../clock.js";
import { UsageError } from "../errors.js";
import { paths } from "../paths.js";
import { silentProgress, type Progress } from "../progress.js";
import type { Lab, LabRuntime, NodeImage } from "../runtime/lab-runtime.js";
import { versionsFor, type NodeVersions } from "../runtime/node-versions.js";
import type { Topology } from "../topology/model.js";
import { newRunId } from "../runtime/run-id.js";
import type { RunHooks } from "../scenario/run-result.js";
import { durationOption, receptorChoiceOf, type Duration } from "./api-options.js";
import { loadScenario, runScenario } from "./run-scenario.js";
import { dockerRuntime, loadTopology } from "./start-lab.js";

export interface ChaosSessionOptions {
  /** Same seed, same schedule (default: a random one; the report records it). */
  seed?: number;
  /** Fault rounds (default 5), or as many as `duration` holds. */
  rounds?: number;
  duration?: Duration;
  /** Fault kinds to draw from (default: all of stop, kill, pause, partition, loss, delay, restart). */
  faults?: readonly string[];
  /** Work units per controller → executor pair per round (default 2). */
  workload?: number;
  /** Shrink a finding (default true), spending at most `shrinkBudget` (default 20m). */
  shrink?: boolean;
  shrinkBudget?: Duration;
  /** A known bug's signature counts as a violation. */
  failOnKnown?: boolean;
  /** Run the workload once without faults first, for the ERROR kinds to compare with (default true). */
  baseline?: boolean;
  /** Recorded in the generated scenarios and the report (default: the equivalent CLI command). */
  command?: string;
  receptor?: string;
  receptorctl?: string;
  image?: string;
  /** The node image made beforehand (runtime.nodeImage): then receptor, receptorctl and image are not read. */
  nodeImage?: NodeImage;
  runtime?: LabRuntime;
  cacheDir?: string;
  progress?: Progress;
  /** The session goes to `<reportDir>/chaos-<id>/` (default ./reports). */
  reportDir?: string;
  /** Reporter hooks for the chaos run itself (not the baseline or the shrinking candidates). */
  reporters?: RunHooks[];
  /** Once each lab exists; returns a function that hands its cleanup back (for Ctrl-C handlers). */
  onLab?: (lab: Lab) => () => void;
  clock?: Clock;
}

/** A chaos session's options, checked, with its topology, known bugs and node build resolved. */
export interface ChaosPlan {
  topologyRef: string;
  topology: Topology;
  chaos: ChaosOptions;
  known: KnownBug[];
  faultErrorKinds: Map<string, string>;
  versions?: NodeVersions;
}

/**
 * Checks a chaos session's options without starting anything (no engine, no lab): a bad seed,
 * fault kind, duration or build, or a topology with no controller or executor, is a UsageError.
 */
export async function checkChaosOptions(topologyRef: string, options: ChaosSessionOptions = {}): Promise<ChaosPlan> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`Expected \`seed\` to be a whole number, got ${seed}`, "Any integer: the same one gives the same schedule.");
  if (options.rounds !== undefined && options.duration !== undefined) throw new UsageError("`rounds` and `duration` both say how long: give one", "rounds: 5, or duration: '10m'.");
  if (options.rounds !== undefined && !(Number.isInteger(options.rounds) && options.rounds >= 1)) throw new UsageError(`Expected \`rounds\` to be a whole number ≥ 1, got ${options.rounds}`, "rounds: 5");
  const workload = options.workload ?? 2;
  if (!(Number.isInteger(workload) && workload >= 0)) throw new UsageError(`Expected \`workload\` to be a whole number ≥ 0, got ${workload}`, "workload: 2 (units per controller → executor pair per round)");
  const faults = faultKindsOf(options.faults);
  const durationMs = options.duration === undefined ? undefined : durationOption("duration", options.duration);
  const shrinkBudgetMs = durationOption("shrinkBudget", options.shrinkBudget ?? "20m");
  const topology = await loadTopology(topologyRef);
  const roles = chaosRoles(topology);
  if (roles.controllers.length === 0 || roles.executors.length === 0) {
    throw new UsageError(
      `topology '${topology.name}' has ${roles.controllers.length === 0 ? "no controller (a node with a control service and no work types)" : "no executor (a node with a control service and work types anyone may submit)"}: chaos has no workload to run`,
      "Pick a topology with both, e.g. redundant, complex or awx.",
    );
  }
  const known = await loadKnownBugs(join(paths.scenarios, "chaos", "known-bugs.yaml"), join(paths.scenarios, "bugs"));
  const faultErrorKinds = await loadFaultErrorKinds(join(paths.scenarios, "chaos", "fault-error-kinds.yaml"));
  const versions = options.nodeImage ? undefined : await versionsFor(receptorChoiceOf(options));
  const rounds = options.rounds ?? (durationMs === undefined ? 5 : undefined);
  const chaos: ChaosOptions = {
    seed,
    ...(rounds !== undefined ? { rounds } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    faults,
    jobsPerPair: workload,
    shrink: options.shrink ?? true,
    shrinkBudgetMs,
    failOnKnown: options.failOnKnown ?? false,
    baseline: options.baseline ?? true,
    command: options.command ?? `receptor-lab chaos ${topologyRef} --seed ${seed}${rounds !== undefined ? ` --steps ${rounds}` : ""}${options.duration !== undefined ? ` --duration ${options.duration}` : ""} --faults ${faults.join(",")}`,
  };
  return { topologyRef, topology, chaos, known, faultErrorKinds, ...(versions ? { versions } : {}) };
}

/**
 * A chaos session on a topology: its seeded fault schedule run with the workload, judged by the
 * invariants, a finding shrunk and written as a replayable scenario (see checkChaosOptions for
 * what is refused before anything starts).
 */
export async function runChaosSession(topologyRef: string, options: ChaosSessionOptions = {}): Promise<ChaosReport> {
  const plan = await checkChaosOptions(topologyRef, options);
  const progress = options.progress ?? silentProgress;
  const runtime = options.runtime ?? (await dockerRuntime({ progress, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) }));
  const image = options.nodeImage ?? (await runtime.nodeImage(plan.versions!, progress));
  const outDir = resolve(options.reportDir ?? "reports", `chaos-${newRunId()}`);
  return runChaos(plan.chaos, {
    topology: plan.topology,
    topologyRef: /[\\/]|\.ya?ml$/.test(topologyRef) ? resolve(topologyRef) : topologyRef,
    known: plan.known,
    faultErrorKinds: plan.faultErrorKinds,
    outDir,
    clock: options.clock ?? systemClock,
    progress,
    runScenarioFile: async (file, role) =>
      runScenario(await loadScenario(file), {
        runtime,
        nodeImage: image,
        // work commands at 1 s a line: a round's units are mid-run when its fault hits
        quick: true,
        reportDir: outDir,
        reporters: role === "chaos" ? (options.reporters ?? []) : [],
        progress: role === "chaos" ? progress : { ...silentProgress, warn: (message) => progress.warn(message) },
        ...(options.onLab ? { onLab: options.onLab } : {}),
      }),
  });
}

function faultKindsOf(faults: readonly string[] | undefined): ChaosFaultKind[] {
  if (faults === undefined) return [...chaosFaultKinds];
  const unknown = faults.filter((kind) => !(chaosFaultKinds as readonly string[]).includes(kind));
  if (unknown.length > 0 || faults.length === 0) {
    throw new UsageError(faults.length === 0 ? "no fault kinds given" : `unknown fault kind${unknown.length === 1 ? "" : "s"} '${unknown.join(", ")}'`, `Fault kinds: ${chaosFaultKinds.join(", ")}.`);
  }
  return [...faults] as ChaosFaultKind[];
}
