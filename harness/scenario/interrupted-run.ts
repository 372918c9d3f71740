import { stepKeyword, stepTarget, type ScenarioRun } from "./run-result.js";

/**
 * A copy of a run that a signal cut short, as the reports record it: inconclusive (nothing
 * after the interruption was judged), the steps it did not reach skipped, and why.
 */
export function interruptedRun(run: ScenarioRun, signal: string, durationMs: number): ScenarioRun {
  const reached = new Set(run.steps.map((step) => step.index));
  const notRun = run.scenario.steps
    .filter((step) => !reached.has(step.index))
    .map((step, position) => ({
      index: step.index,
      kind: stepKeyword(step),
      target: stepTarget(step),
      line: step.line,
      verdict: "skipped" as const,
      startedAt: durationMs,
      durationMs: 0,
      detail: { message: position === 0 ? `interrupted by ${signal} while this step ran` : `not run: interrupted by ${signal}` },
    }));
  return {
    ...run,
    verdict: "inconclusive",
    durationMs,
    steps: [...run.steps, ...notRun],
    events: [...run.events],
    error: `interrupted by ${signal} after ${run.steps.length} of ${run.scenario.steps.length} steps`,
  };
}
