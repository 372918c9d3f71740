import type { RunDocument } from "../report/run-document.js";
import type { ScenarioRun, StepResult } from "../scenario/run-result.js";
import type { ChaosCheck } from "./chaos-document.js";
import { invariantNames, type InvariantName } from "./known-bugs.js";

/**
 * held: every check of it passed; violated; known: a known bug's signature instead of a pass;
 * not reached: the run ended (at an earlier violation) before its checks; not checked: nothing
 * to check it against (no fault-free baseline).
 */
export type InvariantVerdict = "held" | "violated" | "known" | "not reached" | "not checked";

export interface ChaosFinding {
  invariant: InvariantName;
  kind: "violation" | "known";
  /** The known bug (kind known). */
  issue?: number;
  round?: number;
  unit?: string;
  /** 0-based step index in the scenario that found it. */
  step?: number;
  expected: string;
  observed: string;
}

export interface InvariantResult {
  invariant: InvariantName;
  verdict: InvariantVerdict;
  /** Checks of it that passed. */
  passed: number;
  /** Why a check could not be trusted (a starved host) or what it was compared with. */
  note?: string;
}

export type ChaosVerdict = "passed" | "violated" | "known" | "inconclusive";

export interface ChaosJudgement {
  verdict: ChaosVerdict;
  invariants: InvariantResult[];
  findings: ChaosFinding[];
  /** Why the run says nothing (a step that is no check failed, the lab did not come up, a starved host). */
  inconclusive?: string;
}

export interface JudgeOptions {
  /** ERROR kinds a fault-free run of the same topology and workload logged; undefined: no baseline. */
  baselineErrorKinds?: ReadonlySet<string>;
  /** ERROR kinds a fault causes by design (kind → why): listed, not a violation. */
  faultErrorKinds?: ReadonlyMap<string, string>;
  /** Count a known bug's signature as a violation. */
  failOnKnown?: boolean;
}

/** A chaos run's invariants, from its step results, its nodes' final status and their logs. */
export function judgeChaosRun(run: ScenarioRun, document: RunDocument, checks: readonly ChaosCheck[], options: JudgeOptions = {}): ChaosJudgement {
  const findings: ChaosFinding[] = [];
  const tally = new Map<InvariantName, { passed: number; verdict?: InvariantVerdict; note?: string }>(invariantNames.map((name) => [name, { passed: 0 }]));
  const byStep = new Map(checks.map((check) => [check.step, check]));
  let inconclusive: string | undefined = run.error && run.verdict !== "passed" ? run.error : undefined;

  for (const result of run.steps) {
    const check = byStep.get(result.index);
    const entry = check ? tally.get(check.invariant)! : undefined;
    if (result.verdict === "skipped") continue;
    const starved = result.detail.hostSaturatedMs !== undefined;
    if (check && entry && result.detail.bug === "reproduced") {
      findings.push(findingOf(check, result, "known"));
      entry.verdict = "known";
      continue;
    }
    if (result.verdict === "passed" || (starved && result.detail.wouldHave === "passed")) {
      if (entry) entry.passed++;
      if (entry && starved) entry.note = "a check passed on a starved host";
      continue;
    }
    if (!check || !entry) {
      inconclusive ??= `step ${result.index + 1} (${result.kind} ${result.target}) ${result.verdict}: ${result.detail.message ?? ""}`;
      continue;
    }
    if (starved) {
      inconclusive ??= `step ${result.index + 1} (${check.invariant}) ${result.detail.message ?? ""}`;
      entry.verdict ??= "not checked";
      entry.note = "a check failed on a starved host: its timing says nothing";
      continue;
    }
    findings.push(findingOf(check, result, "violation"));
    entry.verdict = "violated";
  }

  const completed = run.steps.length > 0 && run.steps.every((step) => step.verdict !== "skipped") && !run.error;
  for (const [node, census] of Object.entries(document.logCensus ?? {})) {
    if (!census.crashes?.length) continue;
    findings.push({ invariant: "no-crash", kind: "violation", expected: `${node}: no panic, fatal error or data race`, observed: `${node}: ${census.crashes[0]}` });
    tally.get("no-crash")!.verdict = "violated";
  }
  if (completed) {
    const gone = Object.entries(document.finalStatus).filter(([, status]) => status === null).map(([node]) => node);
    if (gone.length > 0) {
      findings.push({ invariant: "no-unexpected-exit", kind: "violation", expected: "every node answers after the last heal", observed: `${gone.join(", ")} did not answer` });
      tally.get("no-unexpected-exit")!.verdict = "violated";
    }
    judgeErrorKinds(document, options, findings, tally.get("no-new-error-kinds")!);
  }

  const invariants: InvariantResult[] = invariantNames.map((invariant) => {
    const entry = tally.get(invariant)!;
    const postRun = invariant === "no-crash" || invariant === "no-unexpected-exit" || invariant === "no-new-error-kinds";
    const verdict = entry.verdict ?? (postRun ? (completed || invariant === "no-crash" ? "held" : "not reached") : reached(invariant, checks, run.steps) ? "held" : "not reached");
    return { invariant, verdict, passed: entry.passed, ...(entry.note ? { note: entry.note } : {}) };
  });
  const noBaseline = invariants.find((result) => result.invariant === "no-new-error-kinds")!;
  if (completed && options.baselineErrorKinds === undefined) Object.assign(noBaseline, { verdict: "not checked", note: "no fault-free baseline run" });

  const violated = findings.some((finding) => finding.kind === "violation" || options.failOnKnown);
  const verdict: ChaosVerdict = violated ? "violated" : findings.length > 0 ? "known" : inconclusive ? "inconclusive" : "passed";
  return { verdict, invariants, findings, ...(inconclusive ? { inconclusive } : {}) };
}

function reached(invariant: InvariantName, checks: readonly ChaosCheck[], steps: readonly StepResult[]): boolean {
  const ran = new Set(steps.filter((step) => step.verdict !== "skipped").map((step) => step.index));
  const own = checks.filter((check) => check.invariant === invariant);
  return own.length > 0 && own.every((check) => ran.has(check.step));
}

function findingOf(check: ChaosCheck, result: StepResult, kind: ChaosFinding["kind"]): ChaosFinding {
  return {
    invariant: check.invariant,
    kind,
    ...(kind === "known" && check.issue !== undefined ? { issue: check.issue } : {}),
    round: check.round,
    ...(check.unit ? { unit: check.unit } : {}),
    step: check.step,
    expected: result.detail.expected ?? "",
    observed: [result.detail.observed, result.detail.message].filter(Boolean).join(" — "),
  };
}

/** Every ERROR kind this run logged that the fault-free baseline did not. */
export function errorKindsOf(document: RunDocument): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const census of Object.values(document.logCensus ?? {})) {
    for (const entry of census.kinds) if (entry.level === "ERROR" && !kinds.has(entry.kind)) kinds.set(entry.kind, entry.example);
  }
  return kinds;
}

function judgeErrorKinds(document: RunDocument, options: JudgeOptions, findings: ChaosFinding[], entry: { verdict?: InvariantVerdict; note?: string }): void {
  const baseline = options.baselineErrorKinds;
  if (baseline === undefined) return;
  const fresh = [...errorKindsOf(document)].filter(([kind]) => !baseline.has(kind));
  const expected = fresh.filter(([kind]) => options.faultErrorKinds?.has(kind));
  const unexpected = fresh.filter(([kind]) => !options.faultErrorKinds?.has(kind));
  if (expected.length > 0) entry.note = `expected under faults: ${expected.map(([kind]) => `"${kind}"`).join(", ")}`;
  if (unexpected.length === 0) return;
  entry.verdict = "violated";
  findings.push({
    invariant: "no-new-error-kinds",
    kind: "violation",
    expected: `only the ERROR kinds the fault-free run logged (${baseline.size}) and those faults cause (${options.faultErrorKinds?.size ?? 0})`,
    observed: `${unexpected.length} more: ${unexpected.map(([kind, example]) => `"${kind}" (e.g. ${example})`).join("; ")}`,
  });
}

/** What shrinking keeps failing: the same invariant broken the same way (the same known bug). */
export function sameFinding(target: ChaosFinding, judgement: ChaosJudgement): boolean {
  return judgement.findings.some((finding) => finding.invariant === target.invariant && finding.kind === target.kind && finding.issue === target.issue);
}

/**
 * The finding to shrink: a step's invariant broken, else a crash or exit, else a known bug, else
 * new ERROR kinds (the weakest signal: a fault makes some ERROR lines a fault-free run never has).
 */
export function primaryFinding(judgement: ChaosJudgement): ChaosFinding | undefined {
  const { findings } = judgement;
  const violations = findings.filter((finding) => finding.kind === "violation");
  return (
    violations.find((finding) => finding.step !== undefined) ??
    violations.find((finding) => finding.invariant !== "no-new-error-kinds") ??
    findings.find((finding) => finding.kind === "known") ??
    violations[0]
  );
}
