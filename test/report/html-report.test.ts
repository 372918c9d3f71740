import { describe, expect, it } from "vitest";
import { escapeXml } from "../../harness/report/escape.js";
import { htmlReport } from "../../harness/report/html-report.js";
import { nodeIntervals } from "../../harness/report/intervals.js";
import type { TimelineEvent } from "../../harness/scenario/timeline.js";
import { frozenDocument, sampleDocument } from "./sample-run.js";

const fault = (t: number, node: string, action: string, tookEffect = true): TimelineEvent => ({ t, node, kind: "fault", data: { action, tookEffect } });

/** The part of the page between two headings (or the end). */
function section(html: string, heading: string, next?: string): string {
  const start = html.indexOf(`<h2>${heading}</h2>`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, next ? html.indexOf(`<h2>${next}</h2>`, start) : undefined);
}

function timeline(html: string): string {
  const start = html.indexOf('aria-label="timeline"');
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</svg>", start));
}

describe("paused intervals", () => {
  it("turns pause/unpause into a paused spell, not a down one", () => {
    const spells = nodeIntervals([fault(1_000, "a", "pause"), fault(4_000, "a", "unpause")], ["a"], 10_000);
    expect(spells.paused.get("a")).toEqual([{ from: 1_000, to: 4_000, label: "paused" }]);
    expect(spells.down.get("a")).toEqual([]);
  });

  it("gives each node of a group fault its own spell", () => {
    const events = [fault(1_000, "a", "pause"), fault(1_000, "b", "pause"), fault(5_000, "a", "unpause"), fault(5_000, "b", "unpause"), fault(6_000, "a", "stop"), fault(6_000, "b", "stop")];
    const spells = nodeIntervals(events, ["a", "b", "c"], 10_000);
    for (const node of ["a", "b"]) {
      expect(spells.paused.get(node)).toEqual([{ from: 1_000, to: 5_000, label: "paused" }]);
      expect(spells.down.get(node)).toEqual([{ from: 6_000, to: 10_000, label: "stopped (until the end)" }]);
    }
    expect(spells.paused.get("c")).toEqual([]);
  });

  it("ends a pause at a kill, which begins a down spell that a start ends", () => {
    const spells = nodeIntervals([fault(1_000, "a", "pause"), fault(3_000, "a", "kill"), fault(7_000, "a", "start")], ["a"], 10_000);
    expect(spells.paused.get("a")).toEqual([{ from: 1_000, to: 3_000, label: "paused" }]);
    expect(spells.down.get("a")).toEqual([{ from: 3_000, to: 7_000, label: "killed" }]);
  });

  it("ends a pause at a start or restart, keeps one to the end, and ignores a pause that did not take effect", () => {
    expect(nodeIntervals([fault(1_000, "a", "pause"), fault(2_000, "a", "restart")], ["a"], 9_000).paused.get("a")).toEqual([{ from: 1_000, to: 2_000, label: "paused" }]);
    expect(nodeIntervals([fault(1_000, "a", "pause")], ["a"], 9_000).paused.get("a")).toEqual([{ from: 1_000, to: 9_000, label: "paused (until the end)" }]);
    expect(nodeIntervals([fault(1_000, "a", "pause", false)], ["a"], 9_000).paused.get("a")).toEqual([]);
  });
});

describe("report.html of a paused relayer", () => {
  const html = htmlReport(frozenDocument(), {});

  it("draws the pause as a hatched band on the node's lane, distinct from down, with a legend entry", () => {
    const svg = timeline(html);
    expect(svg).toContain('<pattern id="paused-hatch"');
    expect(svg).toMatch(/<title>relayer01 paused \(frozen: connections open, nothing answers\) 1\.3–40\.2 s<\/title><rect [^>]*fill="url\(#paused-hatch\)"/);
    expect(svg).not.toContain("relayer01 stopped");
    expect(section(html, "Timeline", "Steps")).toContain("node paused (frozen)");
    expect(html).toContain("(node02, node02.example.internal): was paused (frozen) during the run");
  });

  it("draws a group pause on every faulted node's lane", () => {
    const document = frozenDocument({
      events: [fault(1_000, "relayer01", "pause"), fault(1_000, "relayer02", "pause"), fault(8_000, "relayer01", "unpause"), fault(8_000, "relayer02", "unpause")],
    });
    const svg = timeline(htmlReport(document, {}));
    expect(svg).toContain("relayer01 paused (frozen: connections open, nothing answers) 1.0–8.0 s");
    expect(svg).toContain("relayer02 paused (frozen: connections open, nothing answers) 1.0–8.0 s");
  });

  it("says in the steps table what each step expected, escaped, long texts cut with the full text kept", () => {
    const steps = section(html, "Steps", "Metrics");
    expect(steps).toContain("<th>expected</th>");
    expect(steps).toContain("controller01: executor01 via relayer02");
    expect(steps).toContain("relayer01 paused (frozen)");
    expect(steps).toContain("“Freezing relayer01 &lt;docker pause&gt;: nothing answers.”");
    const long = `job (controller): state Succeeded, ${"12 stdout lines, ".repeat(8)}147 bytes`;
    expect(steps).toContain(`title="${long}"`);
    expect(steps).not.toContain(`>${long}<`);
    expect(steps).toMatch(/>job \(controller\): state Succeeded, 12 stdout lines[^<]*…</);
  });

  it("puts the narration and the routes converging on the timeline, and both in the legend", () => {
    const svg = timeline(html);
    expect(svg).toContain(">narration</text>");
    expect(svg).toContain("<title>1.00 s “Freezing relayer01 &lt;docker pause&gt;: nothing answers.”</title>");
    expect(svg).toContain("<title>25.90 s routes converged after pause relayer01 (24600 ms)</title>");
    const legend = section(html, "Timeline", "Steps");
    expect(legend).toContain("narration (say)");
    expect(legend).toContain("routes converged");
  });
});

describe("report.html steps table of the failed sample", () => {
  it("shows the expectation of passed steps too, and a description for steps without one", () => {
    const steps = section(htmlReport(sampleDocument(), {}), "Steps", "Metrics");
    expect(steps).toContain("relayer01 stopped");
    expect(steps).toContain("relayer01 started");
    expect(steps).toContain("controller01: executor01 via relayer02");
    expect(steps).toContain("observed: controller01: executor01 via relayer01 &amp; ");
  });
});

describe("report.html of a run on a starved host", () => {
  const reason = "host CPU ≥ 95% for 5.0 s of this step's 5.0 s: a timing verdict on a starved machine says nothing (it would have passed: held after 4800 ms)";
  const document = frozenDocument({
    verdict: "inconclusive",
    steps: [{ index: 0, kind: "expect", target: "controller01", line: 13, verdict: "inconclusive", startedAt: 1_000, durationMs: 5_000, detail: { message: reason, wouldHave: "passed" } }],
    events: [1, 1, 1, 0.97, 1, 1, 0.4, 0.2].map((busy, index) => ({ t: (index + 1) * 1_000, node: null, kind: "host-cpu" as const, data: { busy, ms: 1_000 } })),
    metrics: { bringUpMs: 800, faults: [], workConvergenceMs: {}, hostCpu: { maxBusy: 1, saturatedMs: 6_000 } },
  });
  const html = htmlReport(document, {});

  it("draws the host's CPU as a lane, its saturated stretch shaded, with a legend entry", () => {
    const svg = timeline(html);
    expect(svg).toContain(">host CPU</text>");
    expect(svg).toContain("<title>host CPU (all cores): at most 100%, ≥ 95% for 6.0 s in all</title>");
    expect(svg).toContain("<title>host CPU ≥ 95% 0.0–6.0 s</title>");
    expect(section(html, "Timeline", "Steps")).toContain("host CPU busy; red where ≥ 95%");
  });

  it("gives the reason in the steps table", () => {
    expect(section(html, "Steps", "Metrics")).toContain(escapeXml(reason));
  });

  it("has no host CPU lane for a run that was not sampled", () => {
    expect(timeline(htmlReport(frozenDocument(), {}))).not.toContain("host CPU");
  });
});
