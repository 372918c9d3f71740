import type { FaultSubject } from "../faults/fault-plan.js";
import { describePartition } from "../faults/partitions.js";
import type { Expectation, Scenario, Step } from "./scenario-model.js";
import type { TimelineEvent } from "./timeline.js";

export type Verdict = "passed" | "failed" | "inconclusive";

/** What a bug scenario found on a build: the bug's signature, its fix's, or neither. */
export type BugOutcome = "reproduced" | "not-reproduced" | "inconclusive";

export interface BugFinding {
  issue: number;
  outcome: BugOutcome;
  /** What the outcome rests on: the signature's observation, or why it could not be reached. */
  restsOn: string;
}
export type StepVerdict = Verdict | "skipped";

export interface StepDetail {
  message?: string;
  expected?: string;
  observed?: string;
  [key: string]: unknown;
}

export interface StepResult {
  index: number;
  /** The step's keyword as written (expect, submit, stop, …). */
  kind: string;
  target: string;
  line: number;
  verdict: StepVerdict;
  /** ms after the run started. */
  startedAt: number;
  durationMs: number;
  detail: StepDetail;
}

export interface FaultMetric extends FaultSubject {
  /** The fault step returned → the first route change any node showed (0: it showed before the runtime call returned). */
  routeChangeMs: number | null;
  /** The fault step returned → every live routing table matched the oracle again. */
  convergedMs: number | null;
  /** Another fault came before the tables settled, so this one has no convergence time. */
  superseded?: boolean;
}

export interface RunMetrics {
  bringUpMs: number | null;
  faults: FaultMetric[];
  /** Per unit alias: ms from its submit until a `converged: true` expectation passed. */
  workConvergenceMs: Record<string, number>;
  /** The host's CPU over the run (absent where it could not be read, and in older reports). */
  hostCpu?: HostCpuMetric;
}

export interface HostCpuMetric {
  /** The highest busy share (0–1) of any one-second sample. */
  maxBusy: number;
  /** How long the host was saturated (busy ≥ 0.95) in all. */
  saturatedMs: number;
}

export interface ScenarioRun {
  scenario: Scenario;
  runId: string;
  receptorVersion: string;
  /** Each node's Receptor, when the lab mixes versions. */
  nodeVersions?: Record<string, string>;
  quick: boolean;
  verdict: Verdict;
  startedAt: Date;
  durationMs: number;
  steps: StepResult[];
  events: TimelineEvent[];
  metrics: RunMetrics;
  /** Why the run could not go on (bring-up failed, an error outside any step). */
  error?: string;
  /** A bug scenario's finding on this build. */
  bug?: BugFinding;
}

/** Reporter hooks, all optional: adding a reporter is writing one object. */
export interface RunHooks {
  onRunStart?(scenario: Scenario, runId: string): void;
  onStepStart?(step: Step): void;
  onStepEnd?(step: Step, result: StepResult): void;
  onEvent?(event: TimelineEvent): void;
  onRunEnd?(run: ScenarioRun): void;
}

export function stepKeyword(step: Step): string {
  switch (step.kind) {
    case "fault":
    case "unit-action":
      return step.action;
    case "upgrade":
      return step.nodes.length > 1 ? "rolling-upgrade" : step.direction;
    case "partition":
    case "loss":
    case "delay":
    case "heal":
      return step.kind;
    default:
      return step.kind;
  }
}

export function stepTarget(step: Step): string {
  switch (step.kind) {
    case "say":
    case "sleep":
    case "heal":
      return "";
    case "fault":
      return step.nodes.join(", ");
    case "upgrade":
      return `${step.nodes.join(", ")} → ${step.to}`;
    case "partition":
      return describePartition(step.spec);
    case "loss":
    case "delay":
      return `${step.between[0]} ↔ ${step.between[1]}`;
    case "submit":
      return `${step.on} → ${step.node}`;
    case "reconfigure":
      return [
        step.node,
        step.links.length ? `dials ${step.links.map((link) => link.listener).join(", ")}` : "",
        step.removed.length ? `drops ${step.removed.map((link) => link.listener).join(", ")}` : "",
      ]
        .filter(Boolean)
        .join(" ");
    case "wait":
    case "results":
    case "unit-action":
      return step.unit;
    case "mark":
      return step.name;
    case "expect":
      return expectationTarget(step.expectation);
    case "signature":
      return `buggy: ${expectationTarget(step.buggy)} | fixed: ${expectationTarget(step.fixed)}`;
  }
}

function expectationTarget(expectation: Expectation): string {
  if (expectation.what === "routes-converged") return "all nodes";
  if (expectation.what === "unit") return `${expectation.unit} (${expectation.side})`;
  if (expectation.what === "ping") return `${expectation.on} → ${expectation.target}`;
  if (expectation.what === "any") return `any of ${expectation.of.map(expectationTarget).join(", ")}`;
  return expectation.on;
}
