import type { StepVerdict, Verdict } from "../../scenario/run-result.js";

/** What `receptor-lab compare` found between two sides (compare.json). */
export interface Comparison {
  sides: { a: ComparedSide; b: ComparedSide };
  /** How the comparison was read: the matrix order, runs that could not be read, the first-run basis. */
  notes: string[];
  scenarios: ScenarioComparison[];
  onlyInA: string[];
  onlyInB: string[];
  /** Some scenario's verdict got worse from A to B. */
  regressed: boolean;
}

export interface ComparedSide {
  /** As given on the command line (`reports/x-suite@1.4.11`). */
  label: string;
  /** The run or suite directory it names. */
  source: string;
  /** Every run directory it holds. */
  dirs: string[];
  /** Receptor builds of its runs, in the suite's order. */
  builds: string[];
  runs: number;
}

export type ScenarioChange = "same" | "better" | "worse";

export interface ScenarioComparison {
  scenario: string;
  change: ScenarioChange;
  verdicts: { a: VerdictCount; b: VerdictCount };
  /** Where the step lists differ in length or kind. */
  stepShape: string[];
  steps: StepChange[];
  /** Every metric either side has a value for; `changed` beyond the noise band. */
  metrics: MetricDelta[];
  behaviour: BehaviourDifference[];
  /** Run directories of each side, first run first. */
  runs: { a: string[]; b: string[] };
}

export interface VerdictCount {
  passed: number;
  runs: number;
  worst: Verdict;
}

/** A step whose most common verdict differs between the sides. */
export interface StepChange {
  index: number;
  /** Kind and target as A's first run has them. */
  step: string;
  a: StepVerdict | null;
  b: StepVerdict | null;
}

export interface MetricDelta {
  name: string;
  /** Medians over each side's runs; null: no run of that side has a value. */
  a: number | null;
  b: number | null;
  /** max(range of A, range of B, 25% of A's median, 250 ms); null when a side has no value. */
  noiseMs: number | null;
  changed: boolean;
  direction: "slower" | "faster" | "no value in A" | "no value in B" | null;
}

/** A way the mesh behaved differently, e.g. a unit's final state or a route after a fault. */
export interface BehaviourDifference {
  kind: string;
  subject: string;
  a: string;
  b: string;
  /** A log line showing it (log kinds). */
  example?: string;
}
