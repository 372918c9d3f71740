import { systemClock, type Clock } from "../clock.js";
import { LabError } from "../errors.js";
import type { Progress } from "../progress.js";
import { procStatCpu, type HostCpu } from "../runtime/host-cpu.js";
import type { Lab, LabRuntime, NodeImage } from "../runtime/lab-runtime.js";
import type { NodeId } from "../topology/model.js";
import { expectedRoutes } from "../topology/routing-oracle.js";
import { bugFinding } from "./bug-finding.js";
import { FaultController } from "./fault-controller.js";
import { HostCpuSampler } from "./host-cpu-sampler.js";
import { hostCpuMetric } from "./host-saturation.js";
import type { Judge } from "./judge.js";
import { LabSession, type MeshClientFactory } from "./lab-session.js";
import { MeshObserver } from "./mesh-observer.js";
import { RouteWatcher } from "./route-watcher.js";
import { stepKeyword, stepTarget, type RunHooks, type ScenarioRun, type StepDetail, type StepResult, type StepVerdict } from "./run-result.js";
import type { Scenario, Step } from "./scenario-model.js";
import { rejectionEvents } from "./log-events.js";
import { hasTimingVerdict, starvedVerdict } from "./starved-steps.js";
import { StepFailure } from "./step-failure.js";
import type { StepContext } from "./steps/step-context.js";
import { runStep } from "./steps/step-handlers.js";
import { Timeline } from "./timeline.js";

/** Work commands run at 1 s per line instead of 5 s in quick mode (see echo-sleep). */
export const quickEnv = { ECHO_SLEEP_SECONDS: "1" };

export interface EngineOptions {
  runtime: LabRuntime;
  meshClients?: MeshClientFactory;
  image: string;
  receptorVersion: string;
  /** The nodes that run their own Receptor (a mixed-version lab): node id → its image. */
  nodeImages?: ReadonlyMap<NodeId, NodeImage>;
  /** The image for each Receptor the scenario's upgrade and downgrade steps name (by the name as written). */
  upgradeImages?: ReadonlyMap<string, NodeImage>;
  runId: string;
  quick: boolean;
  judge: Judge;
  hooks: RunHooks;
  progress: Progress;
  clock?: Clock;
  /** The host's CPU counters, sampled every second to tell a starved machine from a slow Receptor (default: /proc/stat). */
  hostCpu?: HostCpu;
  /** Leave the lab up afterwards (for inspection). */
  keep?: boolean;
  /** Called with the run record as soon as it exists; it fills in as the run goes. */
  onRun?: (run: ScenarioRun) => void;
  /** Called once the lab exists; returns a function that hands the cleanup back. */
  onLab?: (lab: Lab) => () => void;
  /** Asked before each step (step mode): "stop" ends the run there, the rest skipped. */
  beforeStep?: (step: Step) => Promise<"run" | "stop">;
  /** Called before teardown, while the lab still exists (to save logs and diagnostics). */
  beforeTeardown?: (session: LabSession, run: ScenarioRun) => Promise<void>;
}

/** Every node's Receptor in a mixed-version lab: its own, or the lab's. */
function nodeVersionsOf(scenario: Scenario, options: EngineOptions): Record<NodeId, string> {
  return Object.fromEntries(scenario.topology.nodes.map((node) => [node.id, options.nodeImages?.get(node.id)?.receptorVersion ?? options.receptorVersion]));
}

/**
 * Runs one scenario: bring the topology up, run its steps in order (stopping at the first
 * that fails), record everything on a timeline, and tear the lab down whatever happens.
 */
export async function runScenario(scenario: Scenario, options: EngineOptions): Promise<ScenarioRun> {
  const clock = options.clock ?? systemClock;
  const timeline = new Timeline(clock);
  const startedAt = new Date();
  const run: ScenarioRun = {
    scenario,
    runId: options.runId,
    receptorVersion: options.receptorVersion,
    ...(options.nodeImages?.size ? { nodeVersions: nodeVersionsOf(scenario, options) } : {}),
    quick: options.quick,
    verdict: "passed",
    startedAt,
    durationMs: 0,
    steps: [],
    events: timeline.events,
    metrics: { bringUpMs: null, faults: [], workConvergenceMs: {} },
  };
  options.onRun?.(run);
  timeline.onEvent((event) => options.hooks.onEvent?.(event));
  options.hooks.onRunStart?.(scenario, options.runId);
  const sampler = new HostCpuSampler(options.hostCpu ?? procStatCpu, timeline);
  const sampled = sampler.start();
  if (!sampled) options.progress.warn("host CPU not sampled (no /proc/stat here): timing verdicts are not checked for a starved host");

  let session: LabSession | undefined;
  let release = () => {};
  try {
    session = await LabSession.bringUp({
      runtime: options.runtime,
      ...(options.meshClients ? { meshClients: options.meshClients } : {}),
      topology: scenario.topology,
      image: options.image,
      receptorVersion: options.receptorVersion,
      ...(options.nodeImages ? { nodeImages: options.nodeImages } : {}),
      runId: options.runId,
      env: options.quick ? quickEnv : {},
      progress: options.progress,
      clock,
      onCreated: (lab) => {
        release = options.onLab?.(lab) ?? release;
      },
    });
    run.metrics.bringUpMs = session.bringUpMs;
    timeline.record("bring-up", null, { ms: session.bringUpMs, nodes: scenario.topology.nodes.length });
    await new StepRunner(scenario, session, timeline, clock, options, run, sampler).runAll();
  } catch (error) {
    run.verdict = error instanceof LabError && error.exitCode === 3 ? "inconclusive" : "failed";
    run.error = error instanceof LabError && error.hint ? `${error.message}\n${error.hint}` : (error as Error).message;
  } finally {
    sampler.stop();
    if (sampled) run.metrics.hostCpu = hostCpuMetric(timeline.events);
    if (session) {
      await recordRefusals(session, timeline, startedAt);
      await options.beforeTeardown?.(session, run).catch((error: Error) => options.progress.warn(`could not save diagnostics: ${error.message}`));
      if (!options.keep) {
        const problems = await session.lab.destroy();
        for (const problem of problems) options.progress.warn(`teardown: ${problem}`);
      }
    }
    release();
    run.durationMs = clock.now() - timeline.startedAt;
    const bug = bugFinding(scenario, run.steps, run.error);
    if (bug) run.bug = bug;
    options.hooks.onRunEnd?.(run);
  }
  return run;
}

/** Connections the nodes' logs show refused (allowed peers, cost, TLS) go on the timeline. */
async function recordRefusals(session: LabSession, timeline: Timeline, startedAt: Date): Promise<void> {
  const logs = await Promise.all(session.lab.nodeIds().map(async (id) => [id, await session.lab.logs(id).catch(() => "")] as const));
  timeline.merge(logs.flatMap(([id, log]) => rejectionEvents(id, log, startedAt)));
}

/** Runs the steps in order, records each result, and stops judging after the first failure. */
class StepRunner {
  private readonly context: StepContext;
  private readonly watcher: RouteWatcher;

  constructor(
    scenario: Scenario,
    session: LabSession,
    timeline: Timeline,
    clock: Clock,
    private readonly options: EngineOptions,
    private readonly run: ScenarioRun,
    private readonly sampler: HostCpuSampler,
  ) {
    const observer = new MeshObserver(session, timeline);
    const state = () => faults.state.meshState();
    this.watcher = new RouteWatcher(scenario.topology, observer, timeline, clock, state);
    const faults = new FaultController(session.lab, scenario.topology, timeline, clock, {
      watcher: this.watcher,
      forget: (node) => observer.forget(node),
      // a kept lab is driven by hand next: those commands must know what this run left stopped or paused
      ...(options.keep ? { record: (plan) => options.runtime.recordFault(options.runId, plan) } : {}),
    });
    this.context = {
      scenario,
      session,
      timeline,
      clock,
      judge: options.judge,
      observer,
      faults,
      run,
      submittedAt: new Map(),
      marks: new Map(),
      upgradeImages: options.upgradeImages ?? new Map(),
      expectedRoutes: () => expectedRoutes(scenario.topology, state()),
    };
  }

  async runAll(): Promise<void> {
    const { session, observer, timeline, scenario } = this.context;
    observer.baseline(await session.observeRoutes(session.lab.nodeIds()));
    this.watcher.start();
    try {
      let failed = false;
      let stopped = false;
      for (const step of scenario.steps) {
        if (!failed && !stopped && (await this.options.beforeStep?.(step)) === "stop") {
          stopped = true;
          this.run.verdict = "inconclusive";
          this.run.error = `stopped by the user before step ${step.index + 1} of ${scenario.steps.length}`;
        }
        if (failed || stopped) {
          this.run.steps.push(this.result(step, "skipped", timeline.now(), { message: stopped ? "not run: stopped by the user" : "not run: an earlier step failed" }));
          continue;
        }
        this.options.hooks.onStepStart?.(step);
        const started = timeline.now();
        let result: StepResult;
        try {
          result = this.result(step, "passed", started, await runStep(step, this.context));
        } catch (error) {
          const detail = error instanceof StepFailure ? error.detail : { message: (error as Error).message };
          result = this.result(step, error instanceof StepFailure ? error.verdict : "failed", started, detail);
        }
        const judged = this.guardTiming(step, result);
        this.run.steps.push(judged);
        this.options.hooks.onStepEnd?.(step, judged);
        // a step starved into inconclusive goes on when it would have passed: the mesh is in the state it checked
        if (result.verdict !== "passed") {
          failed = true;
          this.run.verdict = judged.verdict === "inconclusive" ? "inconclusive" : "failed";
        } else if (judged.verdict === "inconclusive") {
          this.run.verdict = "inconclusive";
        }
      }
    } finally {
      await this.watcher.stop();
      this.run.metrics.faults = this.watcher.faults;
      if (this.options.keep) await this.context.faults.healLeftovers();
    }
  }

  /** A timing verdict reached on a saturated host is inconclusive (see starvedVerdict). */
  private guardTiming(step: Step, result: StepResult): StepResult {
    if (!hasTimingVerdict(step)) return result;
    this.sampler.sample();
    return starvedVerdict(result, this.context.timeline.events);
  }

  private result(step: Step, verdict: StepVerdict, started: number, detail: StepDetail): StepResult {
    const end = this.context.timeline.now();
    return { index: step.index, kind: stepKeyword(step), target: stepTarget(step), line: step.line, verdict, startedAt: started, durationMs: verdict === "skipped" ? 0 : end - started, detail };
  }
}
