import type { StepVerdict, Verdict } from "../../scenario/run-result.js";
import type { RunDocument } from "../run-document.js";
import type { ScenarioChange, StepChange, VerdictCount } from "./comparison.js";

const rank: Record<StepVerdict, number> = { failed: 0, inconclusive: 1, skipped: 2, passed: 3 };

export function verdictCount(documents: RunDocument[]): VerdictCount {
  const worst = documents.map((document) => document.verdict).reduce((x, y) => (rank[y] < rank[x] ? y : x), "passed" as Verdict);
  return { passed: documents.filter((document) => document.verdict === "passed").length, runs: documents.length, worst };
}

/** Worse: a lower pass rate in B, or a worst verdict that ranks lower (passed > inconclusive > failed). */
export function scenarioChange(a: VerdictCount, b: VerdictCount): ScenarioChange {
  const [rateA, rateB] = [a.passed / a.runs, b.passed / b.runs];
  if (rateB < rateA || rank[b.worst] < rank[a.worst]) return "worse";
  if (rateB > rateA || rank[b.worst] > rank[a.worst]) return "better";
  return "same";
}

export function stepLabel(step: RunDocument["steps"][number]): string {
  return `${step.kind} ${step.target}`.trim();
}

/** Where the first runs' step lists differ in length or kind. */
export function stepShape(a: RunDocument, b: RunDocument): string[] {
  const notes = a.steps.length === b.steps.length ? [] : [`A has ${a.steps.length} steps, B has ${b.steps.length}`];
  for (const [index, step] of a.steps.entries()) {
    const other = b.steps[index];
    if (other && other.kind !== step.kind) notes.push(`step ${index + 1} is ${stepLabel(step)} in A, ${stepLabel(other)} in B`);
  }
  return notes;
}

/** Steps both sides have whose most common verdict differs. */
export function stepChanges(a: RunDocument[], b: RunDocument[]): StepChange[] {
  const count = Math.min(a[0]!.steps.length, b[0]!.steps.length);
  const changes: StepChange[] = [];
  for (let index = 0; index < count; index++) {
    const [verdictA, verdictB] = [commonVerdict(a, index), commonVerdict(b, index)];
    if (verdictA !== verdictB) changes.push({ index, step: stepLabel(a[0]!.steps[index]!), a: verdictA, b: verdictB });
  }
  return changes;
}

/** The verdict most runs gave the step (a tie goes to the worse one). */
function commonVerdict(documents: RunDocument[], index: number): StepVerdict | null {
  const tally = new Map<StepVerdict, number>();
  for (const document of documents) {
    const step = document.steps[index];
    if (step) tally.set(step.verdict, (tally.get(step.verdict) ?? 0) + 1);
  }
  const ordered = [...tally].sort(([x, nx], [y, ny]) => ny - nx || rank[x] - rank[y]);
  return ordered[0]?.[0] ?? null;
}
