import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { atlasMarkdown } from "./bug-atlas.js";
import { htmlReport } from "./html-report.js";
import { withoutHarnessChatter } from "./log-noise.js";
import { junitDocument, junitSuite } from "./junit-report.js";
import type { RunDocument } from "./run-document.js";
import { suiteHtml } from "./suite-html.js";
import type { SuiteSummary } from "./suite-summary.js";

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

/**
 * The aggregate of several scenario runs: summary.json, one junit.xml with every suite, and
 * index.html (scenario × build).
 */
export async function writeSuiteReport(root: string, summary: SuiteSummary, documents: RunDocument[]): Promise<string> {
  const dir = join(root, summary.suiteId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  const counts = new Map<string, number>();
  const suites = documents.map((document) => {
    const build = summary.builds.length > 1 ? ` @ ${document.receptorVersion}` : "";
    const key = `${document.scenario}${build}`;
    const seen = (counts.get(key) ?? 0) + 1;
    counts.set(key, seen);
    const repeated = documents.filter((other) => other.scenario === document.scenario && other.receptorVersion === document.receptorVersion).length > 1;
    return junitSuite(document, `${build}${repeated ? ` #${seen}` : ""}`);
  });
  await writeFile(join(dir, "junit.xml"), junitDocument(suites));
  await writeFile(join(dir, "index.html"), suiteHtml(summary));
  if (summary.atlas) await writeFile(join(dir, "atlas.md"), atlasMarkdown(summary.atlas, summary.suiteId));
  await pointLatest(root, dir);
  return dir;
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
