import type { StepDetail, StepVerdict } from "./run-result.js";

/** A step that did not pass: failed (an assertion) or inconclusive (a fault did not land). */
export class StepFailure extends Error {
  constructor(
    readonly verdict: StepVerdict,
    readonly detail: StepDetail,
  ) {
    super(detail.message ?? detail.observed ?? "step failed");
  }
}
