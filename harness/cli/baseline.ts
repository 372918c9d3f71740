import { join, relative } from "node:path";
import { UsageError } from "../errors.js";
import { compareReports } from "../report/compare/compare-reports.js";
import { loadSide } from "../report/compare/load-side.js";
import { writeComparison } from "../report/compare/write-comparison.js";
import { comparisonLines } from "./compare-render.js";

/** `--baseline DIR`: readable, one build, and sharing a scenario with this run — checked before anything starts. */
export async function checkBaseline(dir: string, scenarios: string[]): Promise<string> {
  const side = await loadSide(dir);
  const held = new Set(side.runs.map((run) => run.document.scenario));
  if (!scenarios.some((name) => held.has(name))) {
    throw new UsageError(`the baseline ${dir} holds ${[...held].join(", ") || "no runs"}, none of ${scenarios.join(", ")}`, "Give a baseline of the same scenarios (a run or suite directory from an earlier run).");
  }
  return dir;
}

/**
 * Compares the baseline with what this command wrote (a run or suite directory; each build of a
 * matrix on its own), prints the comparison, writes it under `result`, and says whether anything regressed.
 */
export async function compareWithBaseline(baseline: string, result: string, builds: string[], print: (line: string) => void): Promise<boolean> {
  let regressed = false;
  for (const build of builds.length > 1 ? builds : [undefined]) {
    const comparison = await compareReports(baseline, build ? `${result}@${build}` : result);
    print("");
    for (const line of comparisonLines(comparison)) print(line);
    const written = await writeComparison(join(result, build ? `compare-${build.replace(/[^\w.-]+/g, "_")}` : "compare"), comparison);
    print(`Comparison with the baseline: ${relative(process.cwd(), written.html)}`);
    regressed ||= comparison.regressed;
  }
  return regressed;
}
