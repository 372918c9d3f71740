import { mkdtemp, readFile, readlink, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { htmlReport } from "../../harness/report/html-report.js";
import { downIntervals, linkDownIntervals } from "../../harness/report/intervals.js";
import { junitDocument, junitSuite } from "../../harness/report/junit-report.js";
import { writeRunReport, writeSuiteReport } from "../../harness/report/report-writer.js";
import { summarizeSuite } from "../../harness/report/suite-summary.js";
import { sampleDocument } from "./sample-run.js";

describe("fault intervals", () => {
  it("turns stop/start events into down bands, and links follow their ends", () => {
    const document = sampleDocument();
    const down = downIntervals(document.events, ["relayer01", "controller01"], 20_000);
    expect(down.get("relayer01")).toEqual([{ from: 2_100, to: 9_000, label: "stopped" }]);
    expect(down.get("controller01")).toEqual([]);
    expect(linkDownIntervals(down, "controller01", "relayer01")).toEqual([{ from: 2_100, to: 9_000, label: "down" }]);
  });

  it("keeps a node that never came back down until the end", () => {
    const down = downIntervals([{ t: 5, node: "a", kind: "fault", data: { action: "kill" } }], ["a"], 100);
    expect(down.get("a")).toEqual([{ from: 5, to: 100, label: "killed (until the end)" }]);
  });
});

describe("junit.xml", () => {
  it("has one testcase per step with failures, skips and escaped text", () => {
    const xml = junitDocument([junitSuite(sampleDocument())]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<testsuite name="redundancy" tests="4" failures="1" errors="0" skipped="1"');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<failure message="did not hold &lt;in time&gt;">');
    expect(xml).toContain("observed: controller01: executor01 via relayer01 &amp; ");
    expect(xml).not.toContain("\u0001");
    expect(xml).toContain('<property name="receptorVersion" value="1.6.5"/>');
  });

  it("reports a run that failed before any step as one error", () => {
    const xml = junitSuite(sampleDocument({ steps: [], error: "routing tables did not match\n  a: b expected via c" }));
    expect(xml).toContain('tests="1" failures="0" errors="1"');
    expect(xml).toContain('name="00 bring-up"');
  });
});

describe("report.html", () => {
  const html = htmlReport(sampleDocument(), { node01: ["INFO one", "ERROR <two>"] });

  it("is self-contained: no script, no stylesheet or image from the network", () => {
    expect(html).not.toMatch(/<script|<link |src=|url\((?!#)/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it("draws the topology and a timeline lane per node, with the fault band and marks", () => {
    expect(html.match(/<svg /g)).toHaveLength(2);
    for (const node of ["controller01", "relayer01", "relayer02", "executor01"]) expect(html).toContain(`>${node}</text>`);
    expect(html).toContain("relayer01 stopped 2.1–9.0 s");
    expect(html).toContain("controller01: route to executor01 relayer01 → relayer02");
    expect(html).toContain("job (controller) → Running");
    expect(html).toMatch(/stroke-dasharray/);
  });

  it("shows the failed step's diff and the nodes' last log lines", () => {
    expect(html).toContain("What failed");
    expect(html).toContain("expected: controller01: executor01 via relayer02");
    expect(html).toContain("ERROR &lt;two&gt;");
  });
});

describe("report directory", () => {
  it("writes report.json, junit.xml, report.html, status files and points latest at it", async () => {
    const root = await mkdtemp(join(tmpdir(), "reports-"));
    const document = sampleDocument();
    await mkdir(join(root, document.runId, "logs"), { recursive: true });
    await writeFile(join(root, document.runId, "logs", "node01.log"), "line 1\nline 2\n");
    const dir = await writeRunReport(root, document);
    const json = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    for (const key of ["scenario", "topology", "receptorVersion", "verdict", "startedAt", "durationMs", "steps", "events", "metrics"]) expect(json).toHaveProperty(key);
    expect(json.metrics.bringUpMs).toBe(900);
    expect(await readFile(join(dir, "junit.xml"), "utf8")).toContain("<testsuites");
    expect(await readFile(join(dir, "report.html"), "utf8")).toContain("line 2");
    expect(await readFile(join(dir, "status", "controller01.json"), "utf8")).toBe("null\n");
    expect(await readlink(join(root, "latest"))).toBe(document.runId);
  });

  it("aggregates several runs with a flake rate per scenario", async () => {
    const root = await mkdtemp(join(tmpdir(), "reports-"));
    const runs = [sampleDocument({ runId: "r1", verdict: "passed" }), sampleDocument({ runId: "r2" }), sampleDocument({ runId: "r3", scenario: "normal", verdict: "passed" })];
    const summary = summarizeSuite("s1", runs, new Date("2026-11-22T10:00:00Z"), 1234, root);
    expect(summary.verdict).toBe("failed");
    expect(summary.scenarios.redundancy).toEqual({ runs: 2, passed: 1, failed: 1, inconclusive: 0, flakeRate: 0.5 });
    expect(summary.runs[0]!.report).toBe(join("..", "r1", "report.html"));
    const dir = await writeSuiteReport(root, summary, runs);
    const xml = await readFile(join(dir, "junit.xml"), "utf8");
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml).toContain('name="redundancy #2"');
    expect(await readFile(join(dir, "index.html"), "utf8")).toContain("1/2 passed");
  });

  it("lays a version matrix out as scenario × build, with medians per cell", async () => {
    const root = await mkdtemp(join(tmpdir(), "reports-"));
    const metrics = (bringUpMs: number) => ({ bringUpMs, faults: [], workConvergenceMs: { job: bringUpMs * 10 } });
    const runs = [
      sampleDocument({ runId: "a1", verdict: "passed", receptorVersion: "1.4.11", metrics: metrics(900) }),
      sampleDocument({ runId: "b1", verdict: "failed", receptorVersion: "1.6.5", metrics: metrics(1200) }),
      sampleDocument({ runId: "b2", verdict: "passed", receptorVersion: "1.6.5", metrics: metrics(1000) }),
    ];
    const summary = summarizeSuite("m1", runs, new Date("2026-11-22T10:00:00Z"), 5000, root);
    expect(summary.builds).toEqual(["1.4.11", "1.6.5"]);
    expect(summary.cells.map(({ build, runs: count, passed, bringUpMs, workConvergenceMs }) => ({ build, count, passed, bringUpMs, workConvergenceMs }))).toEqual([
      { build: "1.4.11", count: 1, passed: 1, bringUpMs: 900, workConvergenceMs: 9000 },
      { build: "1.6.5", count: 2, passed: 1, bringUpMs: 1100, workConvergenceMs: 11000 },
    ]);
    const dir = await writeSuiteReport(root, summary, runs);
    const index = await readFile(join(dir, "index.html"), "utf8");
    expect(index).toContain("<th>Receptor 1.4.11</th><th>Receptor 1.6.5</th>");
    expect(index).toContain('href="../b2/report.html"');
    expect(await readFile(join(dir, "junit.xml"), "utf8")).toContain('name="redundancy @ 1.6.5 #2"');
  });
});

describe("network faults in the report", () => {
  it("draws a partition as a band on the network lane and its cut links as down", () => {
    const document = sampleDocument({
      events: [
        { t: 1_000, node: null, kind: "fault", data: { action: "partition", spec: "cut controller01 ↮ relayer01", links: ["controller01<->relayer01"] } },
        { t: 5_000, node: null, kind: "fault", data: { action: "heal" } },
      ],
    });
    const html = htmlReport(document, {});
    expect(html).toContain("cut controller01 ↮ relayer01 1.0–5.0 s");
    expect(html).toContain("controller01 dials relayer01 (tcp, cost 1): down 1.0–5.0 s");
    expect(html).toContain("controller01 dials relayer02 (tcp, cost 2): up the whole run");
  });
});
