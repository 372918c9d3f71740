import type { Judgement } from "../observations.js";
import type { BugOutcome } from "../run-result.js";
import type { Expectation } from "../scenario-model.js";
import { StepFailure } from "../step-failure.js";
import type { StepContext, StepHandlers } from "./step-context.js";
import { observe, pollInterval } from "./expectation-steps.js";

interface Look {
  buggy: Judgement;
  fixed: Judgement;
}

/**
 * A bug scenario's signature: polls both observables until `fixed` holds on two polls in a row
 * (not reproduced) or `buggy` has held for `holdMs` and on at least two polls (reproduced).
 * Neither within `withinMs`: inconclusive, with what each looked like last.
 */
export const signatureSteps: Pick<StepHandlers, "signature"> = {
  async signature({ buggy, fixed, withinMs, holdMs }, context) {
    const { clock } = context;
    const interval = Math.max(pollInterval(buggy), pollInterval(fixed));
    const started = clock.now();
    let buggySince: number | undefined;
    let buggyPolls = 0;
    let fixedPolls = 0;
    for (;;) {
      const pollStarted = clock.now();
      const look = await lookAt(buggy, fixed, context);
      const elapsed = clock.now() - started;
      fixedPolls = look.fixed.ok ? fixedPolls + 1 : 0;
      if (fixedPolls >= 2) return outcome("not-reproduced", `the fixed observable held after ${elapsed} ms`, look.fixed);
      if (look.buggy.ok) {
        buggySince ??= elapsed;
        buggyPolls++;
        if (buggyPolls >= 2 && elapsed - buggySince >= holdMs) {
          const held = holdMs > 0 ? ` and for ${holdMs} ms after` : "";
          return outcome("reproduced", `the buggy observable held after ${buggySince} ms${held}`, look.buggy);
        }
      } else {
        buggySince = undefined;
        buggyPolls = 0;
      }
      if (elapsed >= withinMs) {
        throw new StepFailure("inconclusive", {
          message: `neither observable settled within ${withinMs} ms`,
          expected: `buggy: ${look.buggy.expected} (for ${holdMs} ms) | fixed: ${look.fixed.expected}`,
          observed: `buggy: ${look.buggy.observed} | fixed: ${look.fixed.observed}`,
        });
      }
      await clock.sleep(Math.min(Math.max(0, interval - (clock.now() - pollStarted)), Math.max(0, withinMs - elapsed)));
    }
  },
};

async function lookAt(buggy: Expectation, fixed: Expectation, context: StepContext): Promise<Look> {
  const judgeContext = { expectedRoutes: context.expectedRoutes() };
  const [buggyObservation, fixedObservation] = await Promise.all([observe(buggy, context), observe(fixed, context)]);
  return { buggy: context.judge.check(buggy, buggyObservation, judgeContext), fixed: context.judge.check(fixed, fixedObservation, judgeContext) };
}

function outcome(bug: BugOutcome, message: string, judgement: Judgement) {
  return { message, bug, expected: judgement.expected, observed: judgement.observed };
}
