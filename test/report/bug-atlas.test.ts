import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkAtlasTarget, writeAtlasInto } from "../../harness/cli/atlas-readme.js";
import { UsageError } from "../../harness/errors.js";
import { atlasMarkdown } from "../../harness/report/bug-atlas.js";
import type { RunDocument } from "../../harness/report/run-document.js";
import { writeSuiteReport } from "../../harness/report/report-writer.js";
import { summarizeSuite } from "../../harness/report/suite-summary.js";
import type { BugOutcome } from "../../harness/scenario/run-result.js";
import { sampleDocument } from "./sample-run.js";

function bugRun(issue: number, build: string, outcome: BugOutcome, runId: string, nodeVersions?: Record<string, string>): RunDocument {
  return sampleDocument({
    runId,
    scenario: `bug-${issue}`,
    title: `bug ${issue}`,
    receptorVersion: build,
    verdict: outcome === "inconclusive" ? "inconclusive" : "passed",
    ...(nodeVersions ? { nodeVersions } : {}),
    bug: { issue, outcome, restsOn: `${outcome} because of what ${runId} saw`, status: "open", observable: "the signature" },
  });
}

const runs = [
  bugRun(1227, "1.4.4", "not-reproduced", "r1", { controller: "1.4.4", "exec.lab": "1.4.4" }),
  bugRun(1227, "1.4.11", "reproduced", "r2", { controller: "1.4.4", "exec.lab": "1.4.11" }),
  bugRun(711, "1.4.11", "reproduced", "r3"),
  bugRun(711, "1.4.11", "not-reproduced", "r4"),
];

describe("the bug atlas", () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  it("has one cell per bug and build, what it rests on, the other nodes' versions, and its runs' reports", () => {
    const summary = summarizeSuite("s1", runs, new Date("2026-12-01T10:00:00Z"), 1000, "/reports");
    const atlas = summary.atlas!;
    expect(atlas.bugs.map((bug) => bug.issue)).toEqual([711, 1227]);
    expect(atlas.builds).toEqual(["1.4.4", "1.4.11"]);
    expect(atlas.cells.find((cell) => cell.issue === 1227 && cell.build === "1.4.11")).toEqual({
      issue: 1227,
      build: "1.4.11",
      outcome: "reproduced",
      restsOn: "reproduced because of what r2 saw",
      nodeVersions: { controller: "1.4.4" },
      reports: ["../r2/report.html"],
    });
    expect(atlas.cells.find((cell) => cell.issue === 1227 && cell.build === "1.4.4")!.nodeVersions).toBeUndefined();
  });

  it("makes a cell whose runs disagree inconclusive, saying how they split", () => {
    const atlas = summarizeSuite("s1", runs, new Date(), 1000, "/reports").atlas!;
    expect(atlas.cells.find((cell) => cell.issue === 711)).toMatchObject({ outcome: "inconclusive", restsOn: "its 2 runs disagree (1 reproduced, 1 not-reproduced)" });
  });

  it("is absent from a suite without bug scenarios", () => {
    expect(summarizeSuite("s1", [sampleDocument()], new Date(), 1000, "/reports").atlas).toBeUndefined();
  });

  it("writes a Markdown table of bug × build with each cell's evidence, and atlas.md plus the index's table", async () => {
    const atlas = summarizeSuite("s1", runs, new Date(), 1000, "/reports").atlas!;
    const markdown = atlasMarkdown(atlas, "s1");
    expect(markdown).toContain("| bug | tracker says | Receptor 1.4.4 | Receptor 1.4.11 |");
    expect(markdown).toContain("| [#1227](https://github.com/ansible/receptor/issues/1227) bug 1227 | open | not reproduced | reproduced (controller on 1.4.4) |");
    expect(markdown).toContain("| [#711](https://github.com/ansible/receptor/issues/711) bug 711 | open | — | inconclusive |");
    expect(markdown).toContain("- #1227 on 1.4.11: reproduced — reproduced because of what r2 saw");
    const root = mkdtempSync(join(tmpdir(), "rlab-atlas-"));
    roots.push(root);
    const summary = summarizeSuite("s1", runs, new Date(), 1000, root);
    const dir = await writeSuiteReport(root, summary, runs);
    expect(readFileSync(join(dir, "atlas.md"), "utf8")).toBe(atlasMarkdown(summary.atlas!, "s1"));
    const index = readFileSync(join(dir, "index.html"), "utf8");
    expect(index).toContain("<h2>Bug atlas</h2>");
    expect(index).toContain("controller on 1.4.4");
  });

  it("replaces what is between a README's markers, and refuses a file without them before anything runs", async () => {
    const root = mkdtempSync(join(tmpdir(), "rlab-atlas-"));
    roots.push(root);
    const readme = join(root, "README.md");
    writeFileSync(readme, "# x\n<!-- bug-atlas:start -->\nold table\n<!-- bug-atlas:end -->\ntail\n");
    await checkAtlasTarget(readme);
    await writeAtlasInto(readme, "new table\n");
    expect(readFileSync(readme, "utf8")).toBe("# x\n<!-- bug-atlas:start -->\nnew table\n<!-- bug-atlas:end -->\ntail\n");
    writeFileSync(readme, "# no markers\n");
    await expect(checkAtlasTarget(readme)).rejects.toThrow(UsageError);
    await expect(checkAtlasTarget(join(root, "missing.md"))).rejects.toThrow(/does not exist/);
  });
});
