import { join, relative } from "node:path";
import { bugAtlas, type BugAtlas } from "./bug-atlas.js";
import type { RunDocument } from "./run-document.js";
import { median } from "./statistics.js";

export interface SuiteEntry {
  scenario: string;
  receptorVersion: string;
  runId: string;
  verdict: RunDocument["verdict"];
  durationMs: number;
  /** The run's report.html, relative to the suite directory. */
  report: string;
}

export interface VerdictCounts {
  runs: number;
  passed: number;
  failed: number;
  inconclusive: number;
  /** failed or inconclusive / runs */
  flakeRate: number;
}

/** One scenario on one Receptor build: the matrix's cell. Times are medians over its runs. */
export interface SuiteCell extends VerdictCounts {
  scenario: string;
  build: string;
  durationMs: number;
  bringUpMs: number | null;
  /** The slowest fault's convergence (fault step returned → every table matched again). */
  faultConvergedMs: number | null;
  /** The slowest unit's work convergence. */
  workConvergenceMs: number | null;
}

export interface SuiteSummary {
  suiteId: string;
  /** The first build (every build: `builds`). */
  receptorVersion: string;
  /** Every Receptor build the suite ran, in order: more than one is a version matrix. */
  builds: string[];
  quick: boolean;
  startedAt: string;
  durationMs: number;
  verdict: RunDocument["verdict"];
  runs: SuiteEntry[];
  /** Per scenario, over every build. */
  scenarios: Record<string, VerdictCounts>;
  cells: SuiteCell[];
  /** The bug scenarios' findings per build (a `--bugs` suite). */
  atlas?: BugAtlas;
}

export function summarizeSuite(suiteId: string, documents: RunDocument[], startedAt: Date, durationMs: number, root: string): SuiteSummary {
  const scenarios: SuiteSummary["scenarios"] = {};
  for (const document of documents) count((scenarios[document.scenario] ??= emptyCounts()), document);
  const builds = [...new Set(documents.map((document) => document.receptorVersion))];
  const reportOf = (document: RunDocument) => relative(join(root, suiteId), join(root, document.runId, "report.html"));
  const atlas = bugAtlas(documents, builds, reportOf);
  return {
    suiteId,
    receptorVersion: builds[0] ?? "",
    builds,
    quick: documents[0]?.quick ?? false,
    startedAt: startedAt.toISOString(),
    durationMs,
    verdict: worst(documents.map((document) => document.verdict)),
    runs: documents.map((document) => ({
      scenario: document.scenario,
      receptorVersion: document.receptorVersion,
      runId: document.runId,
      verdict: document.verdict,
      durationMs: document.durationMs,
      report: reportOf(document),
    })),
    scenarios,
    cells: cellsOf(documents, builds),
    ...(atlas ? { atlas } : {}),
  };
}

function cellsOf(documents: RunDocument[], builds: string[]): SuiteCell[] {
  const names = [...new Set(documents.map((document) => document.scenario))];
  return names.flatMap((scenario) =>
    builds.flatMap((build) => {
      const runs = documents.filter((document) => document.scenario === scenario && document.receptorVersion === build);
      if (runs.length === 0) return [];
      const counts = emptyCounts();
      for (const run of runs) count(counts, run);
      return [
        {
          scenario,
          build,
          ...counts,
          durationMs: medianOf(runs.map((run) => run.durationMs))!,
          bringUpMs: medianOf(runs.map((run) => run.metrics.bringUpMs)),
          faultConvergedMs: medianOf(runs.map((run) => slowest(run.metrics.faults.map((fault) => fault.convergedMs)))),
          workConvergenceMs: medianOf(runs.map((run) => slowest(Object.values(run.metrics.workConvergenceMs)))),
        },
      ];
    }),
  );
}

function emptyCounts(): VerdictCounts {
  return { runs: 0, passed: 0, failed: 0, inconclusive: 0, flakeRate: 0 };
}

function count(counts: VerdictCounts, document: RunDocument): void {
  counts.runs++;
  counts[document.verdict]++;
  counts.flakeRate = Math.round(((counts.failed + counts.inconclusive) / counts.runs) * 1000) / 1000;
}

function worst(verdicts: Array<RunDocument["verdict"]>): RunDocument["verdict"] {
  if (verdicts.includes("failed")) return "failed";
  return verdicts.includes("inconclusive") ? "inconclusive" : "passed";
}

function slowest(values: Array<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** Over the runs that have a value, in whole ms. */
function medianOf(values: Array<number | null>): number | null {
  const middle = median(values.filter((value): value is number => value !== null));
  return middle === null ? null : Math.round(middle);
}
