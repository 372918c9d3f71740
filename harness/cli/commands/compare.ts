import { join, relative, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { compareBuilds, compareReports } from "../../report/compare/compare-reports.js";
import { writeComparison } from "../../report/compare/write-comparison.js";
import { newRunId } from "../../runtime/run-id.js";
import type { Command } from "../cli-context.js";
import { comparisonLines } from "../compare-render.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab compare <A> <B> | <two-build-suite> [--report-dir DIR] [--json]";

const examples = [
  "A and B are run directories (reports/<run-id>/) or suite directories (reports/<stamp>-suite/);",
  "name one build of a version-matrix suite as DIR@BUILD, e.g. reports/<stamp>-suite@1.4.11.",
  "One suite directory alone compares its two builds. Exit 0: nothing regressed, 1: a verdict got worse.",
].join("\n");

/** A behaviour diff of two runs or suites: verdicts, metrics beyond the noise band, what the mesh did differently. */
export const compareCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(args, { "report-dir": { type: "string" }, json: { type: "boolean" } }, usage);
  const [a, b, ...rest] = positionals;
  if (!a || rest.length > 0) throw new UsageError("say which two report directories to compare (or one suite of two builds)", `Usage: ${usage}\n${examples}`);
  const comparison = b ? await compareReports(a, b) : await compareBuilds(a);
  const written = await writeComparison(resolve(values["report-dir"] ?? join(context.reportDir, `${newRunId()}-compare`)), comparison);
  const where = `Comparison: ${relative(process.cwd(), written.json)} and ${relative(process.cwd(), written.html)}`;
  if (values.json) {
    context.print(JSON.stringify(comparison, null, 2));
    context.progress.step(where);
  } else {
    for (const line of comparisonLines(comparison)) context.print(line);
    context.print(where);
  }
  return comparison.regressed ? 1 : 0;
};
