import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../../harness/errors.js";
import { compareBuilds, compareReports } from "../../../harness/report/compare/compare-reports.js";
import { writeComparison } from "../../../harness/report/compare/write-comparison.js";
import type { RunDocument } from "../../../harness/report/run-document.js";
import { fixtureRun, writeRun } from "./run-builder.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "compare-"));
});

/** A suite directory over runs written beside it; `builds` and each entry's receptorVersion only when given. */
async function writeSuite(name: string, documents: RunDocument[], extra: { builds?: string[]; versions?: boolean } = {}): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const runs = [];
  for (const document of documents) {
    await writeRun(root, document);
    runs.push({ scenario: document.scenario, runId: document.runId, verdict: document.verdict, report: `../${document.runId}/report.html`, ...(extra.versions ? { receptorVersion: document.receptorVersion } : {}) });
  }
  await writeFile(join(dir, "summary.json"), JSON.stringify({ suiteId: name, runs, ...(extra.builds ? { builds: extra.builds } : {}) }));
  return dir;
}

describe("compare: log ERROR kinds", () => {
  it("reports a kind B logged and A did not, with a count and an example, and ignores what only numbers tell apart", async () => {
    const a = await writeRun(root, fixtureRun(), {
      node01: "INFO 2026/12/01 00:21:57 Initialization complete\nERROR 2026/12/01 00:21:58 Backend sending error read tcp 10.0.0.2:7323: i/o timeout\n",
    });
    const b = await writeRun(root, fixtureRun(), {
      node01: "ERROR 2026/12/01 00:31:02 Backend sending error read tcp 10.0.0.9:40211: i/o timeout\n",
      node02: [1, 2, 3].map((second) => `ERROR 2026/12/01 00:31:0${second} Error locating unit: controller01Ab3dE5gH {"node_id":"executor01"}`).join("\n"),
    });
    const behaviour = (await compareReports(a, b)).scenarios[0]!.behaviour;
    expect(behaviour).toEqual([
      { kind: "new ERROR kind", subject: "Error locating unit: <unit>", a: "none", b: "3 lines", example: 'ERROR 2026/12/01 00:31:01 Error locating unit: controller01Ab3dE5gH {"node_id":"executor01"}' },
    ]);
    expect((await compareReports(b, a)).scenarios[0]!.behaviour[0]).toMatchObject({ kind: "gone ERROR kind", a: "3 lines", b: "none" });
  });
});

describe("compare: ERROR kinds from the log census", () => {
  it("reads them from report.json's census where a run kept no logs", async () => {
    const census = (kinds: Array<{ level: string; kind: string; count: number; example: string }>) => ({ node01: { lines: 10, levels: { ERROR: 1 }, kinds } });
    const a = await writeRun(root, fixtureRun({ logCensus: census([]) }));
    const b = await writeRun(root, fixtureRun({ logCensus: census([{ level: "ERROR", kind: "Remote work unit is gone", count: 2, example: "ERROR 2026/12/01 09:00:00 Remote work unit is gone" }, { level: "WARNING", kind: "Timing out connection", count: 4, example: "WARNING …" }]) }));
    await rm(join(a, "logs"), { recursive: true });
    await rm(join(b, "logs"), { recursive: true });
    expect((await compareReports(a, b)).scenarios[0]!.behaviour).toEqual([
      { kind: "new ERROR kind", subject: "Remote work unit is gone", a: "none", b: "2 lines", example: "ERROR 2026/12/01 09:00:00 Remote work unit is gone" },
    ]);
  });
});

describe("compare: reading sides", () => {
  it("reads every run of a suite, repeats included", async () => {
    const suite = await writeSuite("s-suite", [fixtureRun(), fixtureRun(), fixtureRun({ scenario: "normal" })]);
    const run = await writeRun(root, fixtureRun({ verdict: "failed" }));
    const comparison = await compareReports(suite, run);
    expect(comparison.sides.a).toMatchObject({ label: suite, runs: 3, builds: ["1.6.5"] });
    expect(comparison.scenarios[0]!.verdicts).toEqual({ a: { passed: 2, runs: 2, worst: "passed" }, b: { passed: 0, runs: 1, worst: "failed" } });
    expect(comparison.onlyInA).toEqual(["normal"]);
    expect(comparison.regressed).toBe(true);
  });

  it("takes one build of a version-matrix suite as DIR@BUILD, or both in the suite's order from the directory alone", async () => {
    const documents = [fixtureRun({ receptorVersion: "1.4.11" }), fixtureRun({ receptorVersion: "1.6.5", verdict: "failed" })];
    const suite = await writeSuite("m-suite", documents, { builds: ["1.6.5", "1.4.11"], versions: true });
    const named = await compareReports(`${suite}@1.4.11`, `${suite}@1.6.5`);
    expect([named.sides.a.builds, named.sides.b.builds]).toEqual([["1.4.11"], ["1.6.5"]]);
    expect(named.regressed).toBe(true);
    const alone = await compareBuilds(suite);
    expect([alone.sides.a.label, alone.sides.b.label]).toEqual([`${suite}@1.6.5`, `${suite}@1.4.11`]);
    expect(alone.notes[0]).toBe(`${suite} holds two builds: A is 1.6.5, B is 1.4.11 (the suite's order)`);
    expect(alone.regressed).toBe(false);
  });

  it("reads builds from the runs when the summary names none, and asks for one when there are several", async () => {
    const suite = await writeSuite("old-suite", [fixtureRun({ receptorVersion: "1.4.11" }), fixtureRun({ receptorVersion: "1.6.5" })]);
    expect((await compareBuilds(suite)).sides.a.builds).toEqual(["1.4.11"]);
    await expect(compareReports(suite, suite)).rejects.toThrowError(`${suite} holds runs of 2 Receptor builds (1.4.11, 1.6.5)`);
    await expect(compareReports(`${suite}@9.9.9`, suite)).rejects.toThrowError(`${suite} holds no runs of Receptor 9.9.9`);
  });

  it("refuses a missing directory or one that is neither a run nor a suite", async () => {
    await expect(compareReports(join(root, "nosuch"), root)).rejects.toThrowError(UsageError);
    await expect(compareReports(root, root)).rejects.toThrowError(`'${root}' holds neither report.json (a run) nor summary.json (a suite)`);
  });
});

describe("compare.json and compare.html", () => {
  it("writes both, the page self-contained and linking each side's run reports relatively", async () => {
    const [a, b] = [await writeRun(root, fixtureRun()), await writeRun(root, fixtureRun({ verdict: "failed" }))];
    const comparison = await compareReports(a, b);
    const written = await writeComparison(join(root, "out"), comparison);
    expect(JSON.parse(await readFile(written.json, "utf8"))).toEqual(comparison);
    const html = await readFile(written.html, "utf8");
    expect(html).not.toMatch(/<script|<link |src=|https?:\/\//i);
    expect(html).toContain(`href="../${comparison.scenarios[0]!.runs.a[0]!.split("/").pop()}/report.html"`);
    expect(html).toContain(">regressed<");
  });
});
