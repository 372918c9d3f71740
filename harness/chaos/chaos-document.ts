import { Document, isMap, isSeq, visit } from "yaml";
import { describeFault, type ChaosFault, type ChaosJob, type ChaosRound, type ChaosSchedule } from "./fault-schedule.js";
import type { InvariantName, KnownBug } from "./known-bugs.js";

/** A step of the generated scenario that checks an invariant. */
export interface ChaosCheck {
  /** Its 0-based index among the scenario's steps. */
  step: number;
  invariant: InvariantName;
  /** The round it belongs to (0: before the first). */
  round: number;
  unit?: string;
  /** A signature step: the known bug it looks for. */
  issue?: number;
}

export type StepDocument = Record<string, unknown>;

export interface ChaosSteps {
  steps: StepDocument[];
  checks: ChaosCheck[];
}

/** Receptor's idle timeout drops a dead peer 21–26 s after its last frame; a redial comes ≤ 20 s later. */
export const routesSettleMs = 60_000;
/** A node down this long has been dropped by every peer: no route may point at it any more. */
export const downLongMs = 30_000;
/** The first unit check waits this long for the unit to end (remote monitors back off up to 60 s). */
export const unitSettleMs = 150_000;
/** A known bug's observable must hold this long to count. */
export const knownHoldMs = 30_000;

export function durationText(ms: number): string {
  return ms % 100 === 0 ? `${ms / 1_000}s` : `${ms}ms`;
}

/**
 * The schedule as scenario steps: the workload submitted each round, the fault, its hold and heal,
 * and the invariants as ordinary expectations (routes after each heal, no route to a node down past
 * the idle timeout, every unit final at the end — as a signature step where a known bug could
 * explain a unit that never ends).
 */
export function chaosSteps(schedule: ChaosSchedule, known: readonly KnownBug[], options: { faults?: boolean } = {}): ChaosSteps {
  const withFaults = options.faults ?? true;
  const steps: StepDocument[] = [];
  const checks: ChaosCheck[] = [];
  const check = (step: StepDocument, invariant: InvariantName, round: number, extra: Partial<ChaosCheck> = {}) => {
    checks.push({ step: steps.length, invariant, round, ...extra });
    steps.push(step);
  };
  check({ expect: { routes: "converged", within: "30s" } }, "routes-after-heal", 0);
  for (const round of schedule.rounds) {
    steps.push({ say: withFaults ? `round ${round.index}: ${describeFault(round.fault)} for ${durationText(round.holdMs)}` : `round ${round.index}: the workload, no fault` });
    for (const job of round.jobs) steps.push({ submit: submitOf(job) });
    steps.push({ sleep: durationText(round.leadMs) });
    if (withFaults) addFault(round, (step) => steps.push(step), (step) => check(step, "no-route-to-down-node", round.index));
    check({ expect: { routes: "converged", within: durationText(routesSettleMs) } }, "routes-after-heal", round.index);
    if (round.quietMs > 0) steps.push({ sleep: durationText(round.quietMs) });
  }
  const unitBug = known.find((bug) => bug.invariant === "units-final");
  for (const round of schedule.rounds) {
    for (const job of round.jobs) {
      const step = unitBug ? { signature: signatureOf(job.alias, unitBug) } : { expect: { any: finalForms(job.alias), within: durationText(unitSettleMs) } };
      check(step, "units-final", round.index, { unit: job.alias, ...(unitBug ? { issue: unitBug.issue } : {}) });
    }
  }
  return { steps, checks };
}

function submitOf(job: ChaosJob): Record<string, unknown> {
  return { as: job.alias, on: job.on, node: job.node, worktype: job.workType, payload: { literal: job.payload } };
}

/** The fault, its hold (checking no route points at the nodes once they are down long) and its heal. */
function addFault(round: ChaosRound, add: (step: StepDocument) => void, check: (step: StepDocument) => void): void {
  const { fault, holdMs } = round;
  if (fault.kind === "restart") {
    add({ restart: { node: fault.nodes, after: durationText(holdMs) } });
    return;
  }
  add(faultStep(fault));
  if ((fault.kind === "stop" || fault.kind === "kill" || fault.kind === "pause") && holdMs >= downLongMs + 10_000) {
    add({ sleep: durationText(downLongMs) });
    check({ expect: { routes: "converged", within: durationText(holdMs - downLongMs) } });
  } else {
    add({ sleep: durationText(holdMs) });
  }
  add(healOf(fault));
}

function faultStep(fault: Exclude<ChaosFault, { kind: "restart" }>): StepDocument {
  switch (fault.kind) {
    case "stop":
    case "kill":
    case "pause":
      return { [fault.kind]: fault.nodes };
    case "partition":
      if ("cut" in fault) return { partition: { cut: fault.cut } };
      if ("isolate" in fault) return { partition: { isolate: fault.isolate } };
      return { partition: { split: fault.split } };
    case "loss":
      return { loss: { between: fault.between, percent: fault.percent } };
    case "delay":
      return { delay: { between: fault.between, ms: fault.ms } };
  }
}

function healOf(fault: ChaosFault): StepDocument {
  if (fault.kind === "stop" || fault.kind === "kill") return { start: fault.nodes };
  if (fault.kind === "pause") return { unpause: fault.nodes };
  return { heal: "all" };
}

/** What a unit that ended looks like on its controller: Succeeded with the executor's stdout, or Failed. */
export function finalForms(unit: string): Array<Record<string, unknown>> {
  return [
    { unit, side: "controller", state: "Succeeded", converged: true },
    { unit, side: "controller", state: "Failed" },
  ];
}

export function signatureOf(unit: string, bug: KnownBug): Record<string, unknown> {
  return { issue: bug.issue, buggy: { ...bug.buggy, unit }, fixed: { any: finalForms(unit) }, within: durationText(unitSettleMs), hold: durationText(knownHoldMs) };
}

export interface ScenarioHeader {
  name: string;
  title: string;
  description: string;
  reproduces: string;
  bug?: { issue: number; status: string; observable: string };
  chaos?: { seed: number; command: string };
  topology: string;
}

/** Scenario YAML in the hand-written style: header as block, each step's body as one flow map. */
export function scenarioYaml(header: ScenarioHeader, steps: StepDocument[]): string {
  // the heal names the same node list as its fault: written out twice, not as a YAML alias
  const document = new Document({ ...header, steps }, { aliasDuplicateObjects: false });
  visit(document, {
    Map(_, node, path) {
      if (path.some((ancestor) => isSeq(ancestor)) && path.filter((ancestor) => isMap(ancestor)).length >= 2) node.flow = true;
    },
    Seq(_, node, path) {
      if (path.filter((ancestor) => isMap(ancestor)).length >= 2) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0 });
}
