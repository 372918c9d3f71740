import { expectationSteps } from "./expectation-steps.js";
import { faultSteps } from "./fault-steps.js";
import { narrationSteps } from "./narration-steps.js";
import { reconfigureSteps } from "./reconfigure-steps.js";
import type { StepContext, StepHandler, StepHandlers } from "./step-context.js";
import type { Step } from "../scenario-model.js";
import type { StepDetail } from "../run-result.js";
import { signatureSteps } from "./signature-steps.js";
import { unitSteps } from "./unit-steps.js";

/** Every step kind and the handler that runs it. */
export const stepHandlers: StepHandlers = { ...narrationSteps, ...faultSteps, ...unitSteps, ...expectationSteps, ...reconfigureSteps, ...signatureSteps };

export function runStep(step: Step, context: StepContext): Promise<StepDetail> {
  const handler = stepHandlers[step.kind] as StepHandler<Step["kind"]>;
  return handler(step as never, context);
}
