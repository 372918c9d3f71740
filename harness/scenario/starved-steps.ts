import { formatDuration } from "../duration.js";
import { saturatedBusy, saturatedMsBetween } from "./host-saturation.js";
import type { StepResult } from "./run-result.js";
import type { Expectation, Step } from "./scenario-model.js";
import type { TimelineEvent } from "./timeline.js";

/**
 * Saturated this long in all, a step is starved. Shorter stretches are left alone: a 2-core host
 * spends a second or two at 100% whenever a lab starts, and one 1 s sample saturated would
 * otherwise take any short step with it.
 */
const starvedMs = 3_000;

/**
 * Steps whose verdict depends on how fast things happened: anything with a `within` (an
 * expectation, a unit wait, results — whose `within` defaults to 120 s —, a release or cancel
 * asked again) and a ping with `slower-than` / `faster-than`, also as an `any:` alternative.
 */
export function hasTimingVerdict(step: Step): boolean {
  switch (step.kind) {
    case "expect":
      return step.withinMs !== undefined || hasPingBound(step.expectation);
    case "wait":
    case "results":
    case "signature":
      return true;
    case "unit-action":
      return step.withinMs !== undefined;
    default:
      return false;
  }
}

function hasPingBound(expectation: Expectation): boolean {
  if (expectation.what === "any") return expectation.of.some(hasPingBound);
  return expectation.what === "ping" && (expectation.slowerThanMs !== undefined || expectation.fasterThanMs !== undefined);
}

/**
 * A timing step that passed or failed while the host was saturated (the `host-cpu` samples say
 * busy ≥ 95%) for at least 3 s of it is inconclusive: on a starved
 * machine its timing says nothing about Receptor. What it would have been stays in the detail.
 */
export function starvedVerdict(result: StepResult, events: TimelineEvent[]): StepResult {
  if (result.verdict !== "passed" && result.verdict !== "failed") return result;
  const saturatedMs = saturatedMsBetween(events, result.startedAt, result.startedAt + result.durationMs);
  if (saturatedMs < starvedMs) return result;
  const was = result.detail.message ? `${result.verdict}: ${result.detail.message}` : result.verdict;
  const message = `host CPU ≥ ${saturatedBusy * 100}% for ${formatDuration(saturatedMs)} of this step's ${formatDuration(result.durationMs)}: a timing verdict on a starved machine says nothing (it would have ${was})`;
  return { ...result, verdict: "inconclusive", detail: { ...result.detail, message, wouldHave: result.verdict, hostSaturatedMs: saturatedMs } };
}
