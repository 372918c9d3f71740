import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { htmlReport } from "./html-report.js";
import { withoutHarnessChatter } from "./log-noise.js";
import { junitDocument, junitSuite } from "./junit-report.js";
import type { RunDocument } from "./run-document.js";

const logTailLines = 200;

/**
 * Writes one scenario run's report directory: report.json, junit.xml, report.html and
 * status/<node>.json (logs/ is already there), then points `<root>/latest` at it.
 */
export async function writeRunReport(root: string, document: RunDocument): Promise<string> {
  const dir = join(root, document.runId);
  await mkdir(join(dir, "status"), { recursive: true });
  await writeFile(join(dir, "report.json"), `${JSON.stringify(document, null, 2)}\n`);
  await writeFile(join(dir, "junit.xml"), junitDocument([junitSuite(document)]));
  for (const [node, status] of Object.entries(document.finalStatus)) {
    await writeFile(join(dir, "status", `${node}.json`), `${JSON.stringify(status, null, 2)}\n`);
  }
  await writeFile(join(dir, "report.html"), htmlReport(document, await logTails(join(dir, "logs"))));
  await pointLatest(root, dir);
  return dir;
}

export interface SuiteEntry {
  scenario: string;
  runId: string;
  verdict: RunDocument["verdict"];
  durationMs: number;
  report: string;
}

export interface SuiteSummary {
  suiteId: string;
  receptorVersion: string;
  quick: boolean;
  startedAt: string;
  durationMs: number;
  verdict: RunDocument["verdict"];
  runs: SuiteEntry[];
  /** Per scenario: runs, failures and the flake rate (failed or inconclusive / runs). */
  scenarios: Record<string, { runs: number; passed: number; failed: number; inconclusive: number; flakeRate: number }>;
}

/** The aggregate of several scenario runs: summary.json and one junit.xml with every suite. */
export async function writeSuiteReport(root: string, summary: SuiteSummary, documents: RunDocument[]): Promise<string> {
  const dir = join(root, summary.suiteId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  const counts = new Map<string, number>();
  const suites = documents.map((document) => {
    const seen = (counts.get(document.scenario) ?? 0) + 1;
    counts.set(document.scenario, seen);
    return junitSuite(document, summary.scenarios[document.scenario]!.runs > 1 ? ` #${seen}` : "");
  });
  await writeFile(join(dir, "junit.xml"), junitDocument(suites));
  await pointLatest(root, dir);
  return dir;
}

export function summarizeSuite(suiteId: string, documents: RunDocument[], startedAt: Date, durationMs: number, root: string): SuiteSummary {
  const scenarios: SuiteSummary["scenarios"] = {};
  for (const document of documents) {
    const entry = (scenarios[document.scenario] ??= { runs: 0, passed: 0, failed: 0, inconclusive: 0, flakeRate: 0 });
    entry.runs++;
    entry[document.verdict]++;
    entry.flakeRate = Math.round(((entry.failed + entry.inconclusive) / entry.runs) * 1000) / 1000;
  }
  const verdict = documents.some((document) => document.verdict === "failed")
    ? "failed"
    : documents.some((document) => document.verdict === "inconclusive")
      ? "inconclusive"
      : "passed";
  return {
    suiteId,
    receptorVersion: documents[0]?.receptorVersion ?? "",
    quick: documents[0]?.quick ?? false,
    startedAt: startedAt.toISOString(),
    durationMs,
    verdict,
    runs: documents.map((document) => ({
      scenario: document.scenario,
      runId: document.runId,
      verdict: document.verdict,
      durationMs: document.durationMs,
      report: relative(join(root, suiteId), join(root, document.runId, "report.html")),
    })),
    scenarios,
  };
}

async function logTails(dir: string): Promise<Record<string, string[]>> {
  if (!existsSync(dir)) return {};
  const tails: Record<string, string[]> = {};
  for (const file of (await readdir(dir)).sort()) {
    const lines = (await readFile(join(dir, file), "utf8")).trimEnd().split("\n");
    tails[basename(file, ".log")] = withoutHarnessChatter(lines).slice(-logTailLines);
  }
  return tails;
}

async function pointLatest(root: string, dir: string): Promise<void> {
  const link = join(root, "latest");
  await rm(link, { force: true, recursive: false }).catch(() => {});
  await symlink(relative(root, dir), link).catch(() => {});
}
