import type { RunDocument } from "../../harness/report/run-document.js";

/** A small failed run of the redundancy scenario, as the engine would record it. */
export function sampleDocument(overrides: Partial<RunDocument> = {}): RunDocument {
  return {
    runId: "20261122-101500-abcdef",
    scenario: "redundancy",
    title: "A relayer dies mid-job",
    reproduces: "Demo 03, case 02",
    topology: "redundant",
    receptorVersion: "1.6.5",
    quick: true,
    verdict: "failed",
    startedAt: "2026-11-22T10:15:00.000Z",
    durationMs: 20_000,
    steps: [
      { index: 0, kind: "expect", target: "all nodes", line: 9, verdict: "passed", startedAt: 1_000, durationMs: 100, detail: { message: "held" } },
      { index: 1, kind: "stop", target: "relayer01", line: 10, verdict: "passed", startedAt: 2_000, durationMs: 120, detail: {} },
      {
        index: 2,
        kind: "expect",
        target: "controller01",
        line: 11,
        verdict: "failed",
        startedAt: 2_200,
        durationMs: 5_000,
        detail: { message: "did not hold <in time>", expected: "controller01: executor01 via relayer02", observed: "controller01: executor01 via relayer01 & \u0001" },
      },
      { index: 3, kind: "start", target: "relayer01", line: 12, verdict: "skipped", startedAt: 7_200, durationMs: 0, detail: { message: "not run" } },
    ],
    events: [
      { t: 900, node: null, kind: "bring-up", data: { ms: 900, nodes: 4 } },
      { t: 2_100, node: "relayer01", kind: "fault", data: { action: "stop", tookEffect: true } },
      { t: 2_150, node: "controller01", kind: "route-change", data: { destination: "executor01", from: "relayer01", to: "relayer02" } },
      { t: 3_000, node: "controller01", kind: "unit-state", data: { unit: "job", role: "controller", from: "Pending", to: "Running" } },
      { t: 9_000, node: "relayer01", kind: "fault", data: { action: "start", tookEffect: true } },
    ],
    metrics: { bringUpMs: 900, faults: [{ action: "stop", target: "relayer01", nodes: ["relayer01"], routeChangeMs: 50, convergedMs: 230 }], workConvergenceMs: {} },
    graph: {
      nodes: [
        { id: "controller01", container: "node01", hostname: "node01.example.internal" },
        { id: "relayer01", container: "node02", hostname: "node02.example.internal" },
        { id: "relayer02", container: "node03", hostname: "node03.example.internal" },
        { id: "executor01", container: "node04", hostname: "node04.example.internal" },
      ],
      links: [
        { dialer: "controller01", listener: "relayer01", cost: 1 },
        { dialer: "controller01", listener: "relayer02", cost: 2 },
        { dialer: "executor01", listener: "relayer01", cost: 1 },
        { dialer: "executor01", listener: "relayer02", cost: 2 },
      ],
    },
    finalStatus: { controller01: null },
    ...overrides,
  };
}

/** A passed run of the relayer-freeze scenario: narration, a pause, the reroute, the unpause. */
export function frozenDocument(overrides: Partial<RunDocument> = {}): RunDocument {
  const step = (index: number, kind: string, target: string, startedAt: number, durationMs: number, detail: RunDocument["steps"][number]["detail"] = {}) =>
    ({ index, kind, target, line: 13 + index, verdict: "passed" as const, startedAt, durationMs, detail });
  return sampleDocument({
    scenario: "relayer-freeze",
    title: "relayer01 freezes (docker pause) mid-job",
    verdict: "passed",
    durationMs: 60_000,
    steps: [
      step(0, "say", "", 1_000, 0),
      step(1, "pause", "relayer01", 1_000, 300, { message: "relayer01 paused" }),
      step(2, "expect", "controller01", 1_300, 10_000, { message: "held and for 10000 ms after", expected: "controller01: executor01 via relayer01", observed: "controller01: executor01 via relayer01" }),
      step(3, "expect", "controller01", 11_300, 15_000, { message: "held after 14000 ms", expected: "controller01: executor01 via relayer02", observed: "controller01: executor01 via relayer02" }),
      step(4, "expect", "job (controller)", 26_300, 1_000, { message: "held", expected: `job (controller): state Succeeded, ${"12 stdout lines, ".repeat(8)}147 bytes` }),
      step(5, "unpause", "relayer01", 40_000, 200, { message: "relayer01 unpaused" }),
    ],
    events: [
      { t: 800, node: null, kind: "bring-up", data: { ms: 800, nodes: 4 } },
      { t: 1_000, node: null, kind: "say", data: { text: "Freezing relayer01 <docker pause>: nothing answers." } },
      { t: 1_300, node: "relayer01", kind: "fault", data: { action: "pause", tookEffect: true } },
      { t: 25_300, node: "controller01", kind: "route-change", data: { destination: "executor01", from: "relayer01", to: "relayer02" } },
      { t: 25_900, node: null, kind: "routes-converged", data: { after: "pause relayer01", ms: 24_600 } },
      { t: 40_200, node: "relayer01", kind: "fault", data: { action: "unpause", tookEffect: true } },
    ],
    metrics: { bringUpMs: 800, faults: [{ action: "pause", target: "relayer01", nodes: ["relayer01"], routeChangeMs: 24_000, convergedMs: 24_600 }], workConvergenceMs: {} },
    ...overrides,
  });
}
