import type { BugFinding, StepResult } from "./run-result.js";
import type { Scenario } from "./scenario-model.js";

/**
 * A bug scenario's finding, from its steps: the signature step's outcome when it settled, else
 * inconclusive with what stopped the run short of an answer.
 */
export function bugFinding(scenario: Scenario, steps: readonly StepResult[], error?: string): BugFinding | undefined {
  if (!scenario.bug) return undefined;
  const issue = scenario.bug.issue;
  const signature = steps.find((step) => step.kind === "signature");
  const settled = signature?.detail.bug;
  if (signature?.verdict === "passed" && (settled === "reproduced" || settled === "not-reproduced")) {
    return { issue, outcome: settled, restsOn: `${signature.detail.observed ?? ""} (${signature.detail.message})` };
  }
  if (signature?.verdict === "inconclusive") {
    return { issue, outcome: "inconclusive", restsOn: `${signature.detail.message}: ${signature.detail.observed ?? ""}` };
  }
  const blocking = steps.find((step) => step.verdict === "failed" || step.verdict === "inconclusive");
  if (blocking) {
    return { issue, outcome: "inconclusive", restsOn: `step ${blocking.index + 1} (${blocking.kind} ${blocking.target}, line ${blocking.line}) ${blocking.verdict} before the signature: ${blocking.detail.message ?? ""}` };
  }
  return { issue, outcome: "inconclusive", restsOn: error ?? "the run ended before the signature step" };
}
