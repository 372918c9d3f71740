import { UsageError } from "../../errors.js";
import { behaviourDifferences } from "./behaviour.js";
import type { ComparedSide, Comparison, ScenarioComparison } from "./comparison.js";
import { loadSide, loadSource, pickBuild, type LoadedRun, type Side } from "./load-side.js";
import { errorKindChanges } from "./log-kinds.js";
import { metricDeltas } from "./metrics.js";
import { scenarioChange, stepChanges, stepShape, verdictCount } from "./verdicts.js";

/**
 * What changed from A to B: each a run or suite directory, or `DIR@BUILD` for one build of a
 * version-matrix suite. A UsageError when either cannot be read or they share no scenario.
 */
export async function compareReports(a: string, b: string): Promise<Comparison> {
  return compareSides(await loadSide(a), await loadSide(b));
}

/** The two builds of a version-matrix suite, in the order the suite lists them. */
export async function compareBuilds(dir: string): Promise<Comparison> {
  const loaded = await loadSource(dir);
  if (loaded.builds.length !== 2) {
    throw new UsageError(
      `${dir} holds runs of ${loaded.builds.length} Receptor build${loaded.builds.length === 1 ? "" : "s"} (${loaded.builds.join(", ")}); one directory alone compares exactly two`,
      "Name two directories: receptor-lab compare <A> <B> (one build of a suite as DIR@BUILD).",
    );
  }
  const [first, second] = loaded.builds as [string, string];
  const comparison = compareSides(pickBuild(loaded, `${dir}@${first}`, dir, first), pickBuild(loaded, `${dir}@${second}`, dir, second));
  comparison.notes.unshift(`${dir} holds two builds: A is ${first}, B is ${second} (the suite's order)`);
  return comparison;
}

export function compareSides(a: Side, b: Side): Comparison {
  const [byScenarioA, byScenarioB] = [byScenario(a.runs), byScenario(b.runs)];
  const shared = [...byScenarioA.keys()].filter((name) => byScenarioB.has(name));
  if (shared.length === 0) {
    const names = (runs: Map<string, LoadedRun[]>) => [...runs.keys()].join(", ") || "none";
    throw new UsageError(`A holds scenarios ${names(byScenarioA)}; B holds ${names(byScenarioB)}: compare runs of the same scenarios`, "Run the same scenarios against both builds, then compare those report directories.");
  }
  const scenarios = shared.map((name) => compareScenario(name, byScenarioA.get(name)!, byScenarioB.get(name)!));
  const repeated = scenarios.some((scenario) => scenario.runs.a.length > 1 || scenario.runs.b.length > 1);
  return {
    sides: { a: summary(a), b: summary(b) },
    notes: [
      ...a.notes,
      ...b.notes,
      repeated
        ? "Behaviour differences compare each side's first run of a scenario, and show only those no run of the other side shares (log kinds: every run)."
        : "Behaviour differences compare each side's first run of a scenario.",
    ],
    scenarios,
    onlyInA: [...byScenarioA.keys()].filter((name) => !byScenarioB.has(name)),
    onlyInB: [...byScenarioB.keys()].filter((name) => !byScenarioA.has(name)),
    regressed: scenarios.some((scenario) => scenario.change === "worse"),
  };
}

function compareScenario(scenario: string, a: LoadedRun[], b: LoadedRun[]): ScenarioComparison {
  const [documentsA, documentsB] = [a.map((run) => run.document), b.map((run) => run.document)];
  const verdicts = { a: verdictCount(documentsA), b: verdictCount(documentsB) };
  return {
    scenario,
    change: scenarioChange(verdicts.a, verdicts.b),
    verdicts,
    stepShape: stepShape(documentsA[0]!, documentsB[0]!),
    steps: stepChanges(documentsA, documentsB),
    metrics: metricDeltas(documentsA, documentsB),
    behaviour: [
      ...behaviourDifferences(documentsA, documentsB),
      ...errorKindChanges(
        a.map((run) => run.errorKinds),
        b.map((run) => run.errorKinds),
      ),
    ],
    runs: { a: a.map((run) => run.dir), b: b.map((run) => run.dir) },
  };
}

function byScenario(runs: LoadedRun[]): Map<string, LoadedRun[]> {
  const grouped = new Map<string, LoadedRun[]>();
  for (const run of runs) grouped.set(run.document.scenario, [...(grouped.get(run.document.scenario) ?? []), run]);
  return grouped;
}

function summary(side: Side): ComparedSide {
  return { label: side.label, source: side.source, dirs: side.runs.map((run) => run.dir), builds: side.builds, runs: side.runs.length };
}
