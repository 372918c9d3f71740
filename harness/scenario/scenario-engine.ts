import { readFile } from "node:fs/promises";
import type Docker from "dockerode";
import { systemClock, type Clock } from "../clock.js";
import { LabError } from "../errors.js";
import type { Progress } from "../progress.js";
import type { DockerLab } from "../runtime/docker-lab.js";
import { everythingUp, expectedRoutes, withNodesDown, type MeshState } from "../topology/routing-oracle.js";
import { ControlReplyError } from "../mesh/control-errors.js";
import type { SubmitRequest } from "../mesh/control-types.js";
import { askAgain, StillRefused } from "./ask-again.js";
import type { Judge } from "./judge.js";
import { LabSession } from "./lab-session.js";
import { MeshObserver } from "./mesh-observer.js";
import type { Judgement, Observation } from "./observations.js";
import { RouteWatcher } from "./route-watcher.js";
import { stepKeyword, stepTarget, type RunHooks, type ScenarioRun, type StepDetail, type StepResult, type StepVerdict } from "./run-result.js";
import type { Expectation, FaultAction, Scenario, Step } from "./scenario-model.js";
import { NetworkFaultSteps } from "./network-fault-steps.js";
import { StepFailure } from "./step-failure.js";
import { Timeline } from "./timeline.js";
import { waitUntil } from "./wait-until.js";

/** How long a unit action with `within` waits before asking again after an ERROR reply. */
const unitActionRetryMs = 1_000;

/** Unit observations exec into containers, so they are polled less often than the control service. */
function pollInterval(expectation: Expectation): number {
  if (expectation.what === "any") return Math.max(...expectation.of.map(pollInterval));
  return expectation.what === "unit" ? 500 : 100;
}

/** Work commands run at 1 s per line instead of 5 s in quick mode (see echo-sleep). */
export const quickEnv = { ECHO_SLEEP_SECONDS: "1" };

export interface EngineOptions {
  docker: Docker;
  image: string;
  receptorVersion: string;
  runId: string;
  quick: boolean;
  judge: Judge;
  hooks: RunHooks;
  progress: Progress;
  clock?: Clock;
  /** Leave the lab up afterwards (for inspection). */
  keep?: boolean;
  /** Called with the run record as soon as it exists; it fills in as the run goes. */
  onRun?: (run: ScenarioRun) => void;
  /** Called once the lab exists; returns a function that hands the cleanup back. */
  onLab?: (lab: DockerLab) => () => void;
  /** Called before teardown, while the lab still exists (to save logs and diagnostics). */
  beforeTeardown?: (session: LabSession, run: ScenarioRun) => Promise<void>;
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

  let session: LabSession | undefined;
  let release = () => {};
  try {
    session = await LabSession.bringUp({
      docker: options.docker,
      topology: scenario.topology,
      image: options.image,
      receptorVersion: options.receptorVersion,
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
    await new StepRunner(scenario, session, timeline, clock, options, run).runAll();
  } catch (error) {
    run.verdict = error instanceof LabError && error.exitCode === 3 ? "inconclusive" : "failed";
    run.error = error instanceof LabError && error.hint ? `${error.message}\n${error.hint}` : (error as Error).message;
  } finally {
    if (session) {
      await options.beforeTeardown?.(session, run).catch((error: Error) => options.progress.warn(`could not save diagnostics: ${error.message}`));
      if (!options.keep) {
        const problems = await session.lab.destroy();
        for (const problem of problems) options.progress.warn(`teardown: ${problem}`);
      }
    }
    release();
    run.durationMs = clock.now() - timeline.startedAt;
    options.hooks.onRunEnd?.(run);
  }
  return run;
}

class StepRunner {
  private readonly observer: MeshObserver;
  private readonly watcher: RouteWatcher;
  private down = new Set<string>();
  private readonly network: NetworkFaultSteps;
  private readonly submittedAt = new Map<string, number>();

  constructor(
    private readonly scenario: Scenario,
    private readonly session: LabSession,
    private readonly timeline: Timeline,
    private readonly clock: Clock,
    private readonly options: EngineOptions,
    private readonly run: ScenarioRun,
  ) {
    this.observer = new MeshObserver(session, timeline);
    this.watcher = new RouteWatcher(scenario.topology, this.observer, timeline, clock, () => this.state());
    this.network = new NetworkFaultSteps(session.lab, scenario.topology, timeline, this.watcher, clock, (node) => this.down.has(node));
  }

  async runAll(): Promise<void> {
    this.observer.baseline(await this.session.observeRoutes(this.session.lab.nodeIds()));
    this.watcher.start();
    try {
      let failed = false;
      for (const step of this.scenario.steps) {
        if (failed) {
          this.run.steps.push(this.result(step, "skipped", this.timeline.now(), { message: "not run: an earlier step failed" }));
          continue;
        }
        this.options.hooks.onStepStart?.(step);
        const started = this.timeline.now();
        let result: StepResult;
        try {
          result = this.result(step, "passed", started, await this.execute(step));
        } catch (error) {
          const detail = error instanceof StepFailure ? error.detail : { message: (error as Error).message };
          result = this.result(step, error instanceof StepFailure ? error.verdict : "failed", started, detail);
        }
        this.run.steps.push(result);
        this.options.hooks.onStepEnd?.(step, result);
        if (result.verdict !== "passed") {
          failed = true;
          this.run.verdict = result.verdict === "inconclusive" ? "inconclusive" : "failed";
        }
      }
    } finally {
      await this.watcher.stop();
      this.run.metrics.faults = this.watcher.faults;
      if (this.options.keep) await this.network.healLeftovers();
    }
  }

  private result(step: Step, verdict: StepVerdict, started: number, detail: StepDetail): StepResult {
    const end = this.timeline.now();
    return { index: step.index, kind: stepKeyword(step), target: stepTarget(step), line: step.line, verdict, startedAt: started, durationMs: verdict === "skipped" ? 0 : end - started, detail };
  }

  private state(): MeshState {
    const state = withNodesDown(everythingUp(this.scenario.topology), this.down);
    return { liveNodes: state.liveNodes, cutLinks: this.network.cutLinks() };
  }

  private async execute(step: Step): Promise<StepDetail> {
    switch (step.kind) {
      case "say":
        this.timeline.record("say", null, { text: step.text });
        return {};
      case "sleep":
        await this.clock.sleep(step.ms);
        return {};
      case "fault":
        return this.fault(step.action, step.nodes, step.afterMs);
      case "partition":
        return this.network.partition(step);
      case "loss":
        return this.network.loss(step.between, step.percent);
      case "delay":
        return this.network.delay(step.between, step.ms);
      case "heal":
        return this.network.heal();
      case "submit": {
        const payload =
          step.payload.kind === "literal" ? `${step.payload.text}\n` : step.payload.kind === "file" ? await readFile(step.payload.path) : undefined;
        const request = { node: step.node, workType: step.workType, payload, params: step.params };
        if (step.fails !== undefined) return this.refusedSubmit(step.on, request, step.fails);
        const submitted = await this.session.client(step.on).submit(request);
        this.observer.units.set(step.alias, { alias: step.alias, on: step.on, unitId: submitted.unitId, executor: step.node });
        this.submittedAt.set(step.alias, this.timeline.now());
        this.timeline.record("unit-state", step.on, { unit: step.alias, role: "controller", unitId: submitted.unitId, from: null, to: "Submitted", detail: submitted.result });
        return { message: `unit ${submitted.unitId}: ${submitted.result}`, unitId: submitted.unitId, result: submitted.result };
      }
      case "wait":
        return this.waitForUnit(step);
      case "results": {
        const unit = this.observer.units.get(step.unit)!;
        const stdout = await this.session.client(unit.on).results(unit.unitId, { timeoutMs: step.withinMs });
        return this.verdict(this.options.judge.checkResults(step, stdout));
      }
      case "unit-action":
        return this.unitAction(step);
      case "expect":
        return this.expect(step.expectation, step.withinMs, step.holdMs);
    }
  }

  private async unitAction(step: Extract<Step, { kind: "unit-action" }>): Promise<StepDetail> {
    const unit = this.observer.units.get(step.unit)!;
    const { answer: reply, refusals } = await askAgain(this.clock, () => this.session.client(unit.on).unitAction(step.action, unit.unitId), {
      withinMs: step.withinMs ?? 0,
      intervalMs: unitActionRetryMs,
      refusal: (error) => (error instanceof ControlReplyError ? error.reply : undefined),
      onRefused: (refusal) => this.timeline.record("action-refused", unit.on, { unit: step.unit, action: step.action, reply: refusal }),
    }).catch((error: unknown) => {
      throw error instanceof StillRefused ? new StepFailure("failed", { message: error.message, refusals: error.refusals }) : error;
    });
    const said = Object.keys(reply)[0] ?? "";
    if (step.reply && said !== step.reply) throw new StepFailure("failed", { expected: `reply '${step.reply}'`, observed: JSON.stringify(reply) });
    if (refusals.length === 0) return { message: `${said} ${unit.unitId}`, reply };
    return { message: `${said} ${unit.unitId} after ${refusals.length} refusal(s): ${[...new Set(refusals)].join("; ")}`, reply, refusals };
  }

  private async fault(action: FaultAction, nodes: string[], afterMs?: number): Promise<StepDetail> {
    const lab = this.session.lab;
    // Peers can notice a stopped container before Docker's call returns: route changes count from here.
    let issued = Number.POSITIVE_INFINITY;
    const issue = () => (issued = Math.min(issued, this.timeline.now()));
    const apply = async (node: string) => {
      if (action === "restart" && afterMs !== undefined) {
        await lab.stop(node);
        await this.clock.sleep(afterMs);
        issue();
        await lab.start(node);
      } else {
        issue();
        await lab[action](node);
      }
    };
    await Promise.all(nodes.map(apply));
    const returned = this.timeline.now();
    const states = await Promise.all(nodes.map(async (node) => [node, await lab.state(node)] as const));
    const missed: string[] = [];
    for (const [node, state] of states) {
      const tookEffect = action === "pause" ? state.paused : action === "stop" || action === "kill" ? !state.running : state.running && !state.paused;
      this.timeline.record("fault", node, { action, tookEffect, ...(afterMs !== undefined ? { afterMs } : {}) }, returned);
      if (!tookEffect) missed.push(`${node} is ${state.paused ? "paused" : state.running ? "running" : "not running"}`);
      if (action === "stop" || action === "kill" || action === "pause") {
        this.down.add(node);
        this.observer.forget(node);
      } else this.down.delete(node);
    }
    if (missed.length > 0) {
      throw new StepFailure("inconclusive", { message: `${action} returned but did not take effect (${missed.join(", ")}); nothing after it can be judged` });
    }
    this.watcher.faultApplied({ action, target: nodes.join(", "), nodes }, returned, issued);
    const done = { stop: "stopped", start: "started", restart: "restarted", kill: "killed", pause: "paused", unpause: "unpaused" }[action];
    return { message: `${nodes.join(", ")} ${done}${afterMs !== undefined ? ` (down for ${afterMs} ms)` : ""}` };
  }

  private async refusedSubmit(on: string, request: SubmitRequest, fails: string): Promise<StepDetail> {
    try {
      const submitted = await this.session.client(on).submit(request);
      throw new StepFailure("failed", { expected: `the submit is refused with '${fails}'`, observed: `accepted as unit ${submitted.unitId} (${submitted.result})` });
    } catch (error) {
      if (error instanceof StepFailure) throw error;
      const message = (error as Error).message;
      if (!message.includes(fails)) throw new StepFailure("failed", { expected: `the submit is refused with '${fails}'`, observed: message });
      return { message: `refused: ${message}` };
    }
  }

  private async waitForUnit(step: Extract<Step, { kind: "wait" }>): Promise<StepDetail> {
    const expectation: Expectation = { what: "unit", unit: step.unit, side: "controller", ...(step.state ? { state: step.state } : {}) };
    const outcome = await waitUntil(
      this.clock,
      () => this.observer.observeUnit(step.unit),
      (unit) => {
        const lines = (unit.controller.files?.stdout?.toString("utf8").match(/\n/g) ?? []).length;
        const stateOk = step.state === undefined || unit.controller.status?.StateName === step.state;
        return stateOk && (step.stdoutLines === undefined || lines >= step.stdoutLines);
      },
      { timeoutMs: step.withinMs, intervalMs: 250, consecutive: 1 },
    );
    const judged = this.options.judge.check(expectation, { what: "unit", unit: outcome.last! }, { expectedRoutes: expectedRoutes(this.scenario.topology, this.state()) });
    const wanted = [step.state ? `state ${step.state}` : "", step.stdoutLines !== undefined ? `≥ ${step.stdoutLines} stdout lines` : ""].filter(Boolean).join(", ");
    if (!outcome.ok) throw new StepFailure("failed", { message: `timed out after ${step.withinMs} ms`, expected: `${step.unit}: ${wanted}`, observed: judged.observed });
    return { message: `after ${outcome.elapsedMs} ms`, observed: judged.observed };
  }

  private async expect(expectation: Expectation, withinMs: number | undefined, holdMs: number | undefined): Promise<StepDetail> {
    const context = { expectedRoutes: expectedRoutes(this.scenario.topology, this.state()) };
    let judgement: Judgement | undefined;
    const outcome = await waitUntil(
      this.clock,
      () => this.observe(expectation),
      (observation) => (judgement = this.options.judge.check(expectation, observation, context)).ok,
      withinMs === undefined
        ? { timeoutMs: 0, intervalMs: 0, consecutive: 1 }
        : { timeoutMs: withinMs, intervalMs: pollInterval(expectation), consecutive: 2 },
    );
    if (!outcome.ok) {
      const message = withinMs === undefined ? "did not hold" : `did not hold on two polls in a row within ${withinMs} ms`;
      throw new StepFailure("failed", { message, expected: judgement?.expected, observed: judgement?.observed });
    }
    const intervalMs = pollInterval(expectation);
    if (holdMs !== undefined) {
      const held = judgement!;
      const broke = await waitUntil(this.clock, () => this.observe(expectation), (observation) => !(judgement = this.options.judge.check(expectation, observation, context)).ok, {
        timeoutMs: holdMs,
        intervalMs,
        consecutive: 1,
      });
      if (broke.ok) {
        throw new StepFailure("failed", { message: `held, then broke ${broke.elapsedMs} ms later (it had to hold for ${holdMs} ms)`, expected: held.expected, observed: judgement?.observed });
      }
    }
    if (expectation.what === "unit" && expectation.converged && this.submittedAt.has(expectation.unit)) {
      this.run.metrics.workConvergenceMs[expectation.unit] = this.timeline.now() - this.submittedAt.get(expectation.unit)!;
    }
    const held = judgement?.heldAlternative;
    const which = expectation.what === "any" && held !== undefined ? ` (alternative ${held + 1} held)` : "";
    const when = `${withinMs === undefined ? "held" : `held after ${outcome.heldSinceMs ?? outcome.elapsedMs} ms`}${which}`;
    return {
      message: holdMs === undefined ? when : `${when} and for ${holdMs} ms after`,
      expected: judgement?.expected,
      observed: judgement?.observed,
      ...(held !== undefined ? { heldAlternative: held } : {}),
    };
  }

  private async observe(expectation: Expectation): Promise<Observation> {
    switch (expectation.what) {
      case "routes-converged":
        return { what: "routes-converged", tables: await this.observer.observeRoutes(this.state().liveNodes) };
      case "route":
        return { what: "route", status: await this.observer.observeStatus(expectation.on) };
      case "connections":
      case "known":
        return { what: expectation.what, status: await this.observer.observeStatus(expectation.on) };
      case "units":
        return { what: "units", units: await this.session.client(expectation.on).workList().catch(() => undefined) };
      case "ping":
        try {
          return { what: "ping", result: await this.session.client(expectation.on).ping(expectation.target) };
        } catch (error) {
          return { what: "ping", result: undefined, error: (error as Error).message };
        }
      case "traceroute":
        try {
          return { what: "traceroute", hops: await this.session.client(expectation.on).traceroute(expectation.target) };
        } catch (error) {
          return { what: "traceroute", hops: undefined, error: (error as Error).message };
        }
      case "unit":
        return { what: "unit", unit: await this.observer.observeUnit(expectation.unit, { runner: expectation.runner !== undefined }) };
      case "any":
        return { what: "any", observations: await Promise.all(expectation.of.map((alternative) => this.observe(alternative))) };
    }
  }

  private verdict(judgement: Judgement): StepDetail {
    if (!judgement.ok) throw new StepFailure("failed", { expected: judgement.expected, observed: judgement.observed });
    return { expected: judgement.expected, observed: judgement.observed };
  }
}
