import { waitUntil } from "../../wait-until.js";
import type { Judgement, Observation } from "../observations.js";
import type { Expectation } from "../scenario-model.js";
import { StepFailure } from "../step-failure.js";
import type { StepContext, StepHandlers } from "./step-context.js";

/** Unit observations exec into containers, so they are polled less often than the control service. */
export function pollInterval(expectation: Expectation): number {
  if (expectation.what === "any") return Math.max(...expectation.of.map(pollInterval));
  return expectation.what === "unit" ? 500 : 100;
}

/** Expectations (at once, within a time, held for a time) and waits for a unit. */
export const expectationSteps: Pick<StepHandlers, "expect" | "wait"> = {
  async expect({ expectation, withinMs, holdMs }, context) {
    const judgeContext = { expectedRoutes: context.expectedRoutes() };
    let judgement: Judgement | undefined;
    const check = (observation: Observation) => (judgement = context.judge.check(expectation, observation, judgeContext)).ok;
    const outcome = await waitUntil(
      context.clock,
      () => observe(expectation, context),
      check,
      withinMs === undefined ? { timeoutMs: 0, intervalMs: 0, consecutive: 1 } : { timeoutMs: withinMs, intervalMs: pollInterval(expectation), consecutive: 2 },
    );
    if (!outcome.ok) {
      const message = withinMs === undefined ? "did not hold" : `did not hold on two polls in a row within ${withinMs} ms`;
      throw new StepFailure("failed", { message, expected: judgement?.expected, observed: judgement?.observed });
    }
    if (holdMs !== undefined) {
      const held = judgement!;
      const broke = await waitUntil(context.clock, () => observe(expectation, context), (observation) => !check(observation), {
        timeoutMs: holdMs,
        intervalMs: pollInterval(expectation),
        consecutive: 1,
      });
      if (broke.ok) {
        throw new StepFailure("failed", { message: `held, then broke ${broke.elapsedMs} ms later (it had to hold for ${holdMs} ms)`, expected: held.expected, observed: judgement?.observed });
      }
    }
    if (expectation.what === "unit" && expectation.converged && context.submittedAt.has(expectation.unit)) {
      context.run.metrics.workConvergenceMs[expectation.unit] = context.timeline.now() - context.submittedAt.get(expectation.unit)!;
    }
    const heldAlternative = judgement?.heldAlternative;
    const which = expectation.what === "any" && heldAlternative !== undefined ? ` (alternative ${heldAlternative + 1} held)` : "";
    const when = `${withinMs === undefined ? "held" : `held after ${outcome.heldSinceMs ?? outcome.elapsedMs} ms`}${which}`;
    return {
      message: holdMs === undefined ? when : `${when} and for ${holdMs} ms after`,
      expected: judgement?.expected,
      observed: judgement?.observed,
      ...(heldAlternative !== undefined ? { heldAlternative } : {}),
    };
  },

  async wait(step, context) {
    const expectation: Expectation = { what: "unit", unit: step.unit, side: "controller", ...(step.state ? { state: step.state } : {}) };
    const outcome = await waitUntil(
      context.clock,
      () => context.observer.observeUnit(step.unit),
      (unit) => {
        const lines = (unit.controller.files?.stdout?.toString("utf8").match(/\n/g) ?? []).length;
        const stateOk = step.state === undefined || unit.controller.status?.StateName === step.state;
        return stateOk && (step.stdoutLines === undefined || lines >= step.stdoutLines);
      },
      { timeoutMs: step.withinMs, intervalMs: 250, consecutive: 1 },
    );
    const judged = context.judge.check(expectation, { what: "unit", unit: outcome.last! }, { expectedRoutes: context.expectedRoutes() });
    const wanted = [step.state ? `state ${step.state}` : "", step.stdoutLines !== undefined ? `≥ ${step.stdoutLines} stdout lines` : ""].filter(Boolean).join(", ");
    if (!outcome.ok) throw new StepFailure("failed", { message: `timed out after ${step.withinMs} ms`, expected: `${step.unit}: ${wanted}`, observed: judged.observed });
    return { message: `after ${outcome.elapsedMs} ms`, observed: judged.observed };
  },
};

/** One look at what an expectation is about (for a judge to check). */
export async function observe(expectation: Expectation, context: StepContext): Promise<Observation> {
  const { observer, session } = context;
  switch (expectation.what) {
    case "routes-converged":
      return { what: "routes-converged", tables: await observer.observeRoutes(context.faults.state.meshState().liveNodes) };
    case "route":
      return { what: "route", status: await observer.observeStatus(expectation.on) };
    case "connections":
    case "known":
      return { what: expectation.what, status: await observer.observeStatus(expectation.on) };
    case "units":
      return { what: "units", units: await session.client(expectation.on).workList().catch(() => undefined) };
    case "ping":
      try {
        return { what: "ping", result: await session.client(expectation.on).ping(expectation.target) };
      } catch (error) {
        return { what: "ping", result: undefined, error: (error as Error).message };
      }
    case "traceroute":
      try {
        return { what: "traceroute", hops: await session.client(expectation.on).traceroute(expectation.target) };
      } catch (error) {
        return { what: "traceroute", hops: undefined, error: (error as Error).message };
      }
    case "log":
      return { what: "log", log: await readLog(expectation.on, expectation.since, context).catch(() => undefined) };
    case "exited":
      return { what: "exited", state: await session.lab.state(expectation.on).catch(() => undefined) };
    case "services":
    case "secure-work":
      return { what: expectation.what, status: await observer.observeStatus(expectation.on) };
    case "unit":
      return { what: "unit", unit: await observer.observeUnit(expectation.unit, { runner: expectation.runner !== undefined }) };
    case "any":
      return { what: "any", observations: await Promise.all(expectation.of.map((alternative) => observe(alternative, context))) };
  }
}

/** The node's log, or only what it logged after a mark (a node replaced since has only its new container's lines). */
function readLog(node: string, since: string | undefined, { session, marks }: StepContext): Promise<string> {
  const from = since === undefined ? undefined : marks.get(since);
  return from ? session.lab.logsSince(node, from) : session.lab.logs(node);
}
