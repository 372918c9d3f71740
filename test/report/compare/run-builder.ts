import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Side } from "../../../harness/report/compare/load-side.js";
import type { LogKinds } from "../../../harness/report/compare/log-kinds.js";
import type { RunDocument } from "../../../harness/report/run-document.js";
import type { StepDetail, StepResult } from "../../../harness/scenario/run-result.js";
import type { TimelineEvent } from "../../../harness/scenario/timeline.js";

let runs = 0;

/**
 * A passed run of a small redundancy scenario: relayer01 stops, controller01's route to
 * executor01 moves to relayer02, unit `job` (id prefixed by its submitter) succeeds.
 */
export function fixtureRun(overrides: Partial<RunDocument> = {}): RunDocument {
  runs++;
  return {
    runId: `20261201-000000-run${String(runs).padStart(3, "0")}`,
    scenario: "redundancy",
    title: "A relayer dies mid-job",
    reproduces: "",
    topology: "redundant",
    receptorVersion: "1.6.5",
    quick: true,
    verdict: "passed",
    startedAt: "2026-12-01T00:00:00.000Z",
    durationMs: 20_000,
    steps: [
      step(0, "expect", "all nodes", { observed: "all routing tables match" }),
      step(1, "submit", "controller01 → executor01", { unitId: "controller01p8UrPJf0" }),
      step(2, "stop", "relayer01", {}),
      step(3, "expect", "job (controller)", { expected: "job (controller): state Succeeded", observed: 'controller01 controller01p8UrPJf0: Succeeded "exit status 0", StdoutSize 44' }),
    ],
    events: [
      { t: 900, node: null, kind: "bring-up", data: { ms: 900, nodes: 4 } },
      unitState(1_150, "controller01", "job", "controller", "controller01p8UrPJf0", "Running"),
      fault(2_100, "relayer01", "stop"),
      routeChange(2_150, "controller01", "executor01", "relayer01", "relayer02"),
      unitState(5_000, "controller01", "job", "controller", "controller01p8UrPJf0", "Succeeded"),
    ],
    metrics: { bringUpMs: 900, faults: [{ action: "stop", target: "relayer01", nodes: ["relayer01"], routeChangeMs: 50, convergedMs: 400 }], workConvergenceMs: { job: 3_000 } },
    graph: {
      nodes: ["controller01", "relayer01", "relayer02", "executor01"].map((id, index) => ({ id, container: `node0${index + 1}`, hostname: `node0${index + 1}.example.internal` })),
      links: [],
    },
    finalStatus: {},
    ...overrides,
  };
}

function step(index: number, kind: string, target: string, detail: StepDetail): StepResult {
  return { index, kind, target, line: index + 5, verdict: "passed", startedAt: 1_000 * (index + 1), durationMs: 100, detail };
}

export function unitState(t: number, node: string, unit: string, role: string, unitId: string, to: string): TimelineEvent {
  return { t, node, kind: "unit-state", data: { unit, role, unitId, from: null, to, detail: "" } };
}

export function fault(t: number, node: string, action: string): TimelineEvent {
  return { t, node, kind: "fault", data: { action, tookEffect: true } };
}

export function routeChange(t: number, node: string, destination: string, from: string | null, to: string | null): TimelineEvent {
  return { t, node, kind: "route-change", data: { destination, from, to } };
}

/** A side made of documents, as if read from `/fixtures/<label>`. */
export function fixtureSide(label: string, documents: RunDocument[], errorKinds: LogKinds[] = []): Side {
  return {
    label,
    source: `/fixtures/${label}`,
    runs: documents.map((document, index) => ({ dir: `/fixtures/${label}/${document.runId}`, build: document.receptorVersion, document, errorKinds: errorKinds[index] ?? {} })),
    builds: [...new Set(documents.map((document) => document.receptorVersion))],
    notes: [],
  };
}

/** Writes `<root>/<runId>/report.json` and `logs/<container>.log`; returns the run directory. */
export async function writeRun(root: string, document: RunDocument, logs: Record<string, string> = {}): Promise<string> {
  const dir = join(root, document.runId);
  await mkdir(join(dir, "logs"), { recursive: true });
  await writeFile(join(dir, "report.json"), JSON.stringify(document));
  for (const [container, text] of Object.entries(logs)) await writeFile(join(dir, "logs", `${container}.log`), text);
  return dir;
}
