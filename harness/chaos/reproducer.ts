import { chaosSteps, finalForms, scenarioYaml, durationText, unitSettleMs, type ScenarioHeader, type StepDocument } from "./chaos-document.js";
import type { ChaosFinding } from "./chaos-invariants.js";
import { describeFault, type ChaosSchedule } from "./fault-schedule.js";
import type { KnownBug } from "./known-bugs.js";

export interface ReproducerMeta {
  name: string;
  seed: number;
  /** The chaos command that found it. */
  command: string;
  /** The topology as the scenario names it (a built-in name or an absolute path). */
  topology: string;
}

/**
 * The shrunk schedule as an ordinary scenario that fails the same way: up to the check that broke
 * (other units' checks left out), ending in that expectation. A known bug's becomes a bug scenario
 * whose signature reports it reproduced.
 */
export function reproducerYaml(schedule: ChaosSchedule, finding: ChaosFinding, known: readonly KnownBug[], meta: ReproducerMeta): string {
  const bug = finding.kind === "known" ? known.find((candidate) => candidate.issue === finding.issue) : undefined;
  const { steps, checks } = chaosSteps(schedule, bug ? [bug] : []);
  const checkAt = new Map(checks.map((check) => [check.step, check]));
  const kept: StepDocument[] = [];
  for (const [index, step] of steps.entries()) {
    const check = checkAt.get(index);
    if (check?.invariant === "units-final" && check.unit !== finding.unit) continue;
    kept.push(step);
    if (finding.step !== undefined && finding.kind === "violation" && check?.invariant === finding.invariant && check.round === finding.round && check.unit === finding.unit) break;
  }
  kept.push(...postRunCheck(finding));
  const faults = schedule.rounds.map((round) => `${describeFault(round.fault)} for ${durationText(round.holdMs)}`).join("; ");
  const header: ScenarioHeader = {
    name: meta.name,
    title: `${finding.kind === "known" ? `known bug #${finding.issue}` : `${finding.invariant} violated`} after ${faults}`,
    description: [
      `Found by '${meta.command}' (seed ${meta.seed}) and shrunk to ${schedule.rounds.length} fault round${schedule.rounds.length === 1 ? "" : "s"}.`,
      `Invariant: ${finding.invariant}${finding.unit ? ` (unit ${finding.unit})` : ""}.`,
      `Expected: ${finding.expected}`,
      `Observed: ${finding.observed}`,
    ].join("\n"),
    reproduces: `receptor-lab chaos seed ${meta.seed}: ${finding.kind === "known" ? `ansible/receptor#${finding.issue}` : finding.invariant}`,
    ...(bug ? { bug: { issue: bug.issue, status: bug.status, observable: bug.observable } } : {}),
    topology: meta.topology,
  };
  return scenarioYaml(header, kept.map((step) => (finding.kind === "violation" && "signature" in step ? plainUnitCheck(step) : step)));
}

/** A unit check as a plain expectation: the unit ended (no known bug to tell apart). */
function plainUnitCheck(step: StepDocument): StepDocument {
  const signature = step.signature as { fixed: { any: Array<{ unit: string }> } };
  const unit = signature.fixed.any[0]!.unit;
  return { expect: { any: finalForms(unit), within: durationText(unitSettleMs) } };
}

/** Findings from the logs or the final status end the reproducer with an expectation that fails the same way. */
function postRunCheck(finding: ChaosFinding): StepDocument[] {
  if (finding.kind !== "violation" || finding.step !== undefined) return [];
  const node = finding.expected.split(":")[0]!;
  if (finding.invariant === "no-crash") return [{ expect: { on: node, log: "/^(panic: |fatal error: |WARNING: DATA RACE)/", lines: 0 } }];
  if (finding.invariant === "no-unexpected-exit") return [{ expect: { routes: "converged", within: "60s" } }];
  return [{ say: `Then compare its ERROR lines with a fault-free run: ${finding.observed}` }];
}
