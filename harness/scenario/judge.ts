import type { Expectation } from "./scenario-model.js";
import type { Judgement, JudgeContext, Observation } from "./observations.js";

/**
 * Turns an observation into a verdict. The engine only observes and waits; the CLI hands it
 * the judge from checks/, so judging stays in one place.
 */
export interface Judge {
  check(expectation: Expectation, observation: Observation, context: JudgeContext): Judgement;
  checkResults(expected: { lines?: number; size?: number; equals?: string; contains?: string }, stdout: Buffer): Judgement;
}
