import { describe, expect, it } from "vitest";
import type { ChaosCheck } from "../../harness/chaos/chaos-document.js";
import { judgeChaosRun, primaryFinding, sameFinding } from "../../harness/chaos/chaos-invariants.js";
import type { RunDocument } from "../../harness/report/run-document.js";
import type { ScenarioRun, StepDetail, StepResult, StepVerdict } from "../../harness/scenario/run-result.js";

const step = (index: number, verdict: StepVerdict, detail: StepDetail = {}): StepResult => ({ index, kind: "expect", target: "all", line: index + 8, verdict, startedAt: 0, durationMs: 10, detail });
const run = (steps: StepResult[], error?: string) => ({ steps, verdict: steps.some((s) => s.verdict === "failed") ? "failed" : "passed", ...(error ? { error } : {}) }) as unknown as ScenarioRun;
const document = (extra: Partial<RunDocument> = {}) => ({ finalStatus: { controller01: {}, executor01: {} }, logCensus: {}, ...extra }) as unknown as RunDocument;

const checks: ChaosCheck[] = [
  { step: 0, invariant: "routes-after-heal", round: 0 },
  { step: 3, invariant: "routes-after-heal", round: 1 },
  { step: 4, invariant: "units-final", round: 1, unit: "r1-a", issue: 711 },
  { step: 5, invariant: "units-final", round: 1, unit: "r1-b", issue: 711 },
];

describe("judging a chaos run", () => {
  it("holds every invariant when every check passed, the baseline's ERROR kinds aside", () => {
    const census = { controller01: { lines: 1, levels: {}, kinds: [{ level: "ERROR", kind: "old kind", count: 1, example: "ERROR old" }] } };
    const judgement = judgeChaosRun(run([0, 1, 2, 3, 4, 5].map((i) => step(i, "passed"))), document({ logCensus: census }), checks, { baselineErrorKinds: new Set(["old kind"]) });
    expect(judgement.verdict).toBe("passed");
    expect(judgement.findings).toEqual([]);
    expect(Object.fromEntries(judgement.invariants.map((result) => [result.invariant, result.verdict]))).toEqual({
      "routes-after-heal": "held",
      "no-route-to-down-node": "not reached",
      "units-final": "held",
      "no-crash": "held",
      "no-unexpected-exit": "held",
      "no-new-error-kinds": "held",
    });
  });

  it("reports a known bug's signature as known, never as held; --fail-on-known makes it a violation", () => {
    const steps = [0, 1, 2, 3, 5].map((i) => step(i, "passed"));
    steps.splice(4, 0, step(4, "passed", { bug: "reproduced", expected: "r1-a Running, runner stale", observed: "Running, PID 22 gone" }));
    const judgement = judgeChaosRun(run(steps), document(), checks);
    expect(judgement.verdict).toBe("known");
    expect(judgement.findings).toEqual([expect.objectContaining({ invariant: "units-final", kind: "known", issue: 711, unit: "r1-a", round: 1 })]);
    expect(judgement.invariants.find((result) => result.invariant === "units-final")!.verdict).toBe("known");
    expect(judgeChaosRun(run(steps), document(), checks, { failOnKnown: true }).verdict).toBe("violated");
  });

  it("names the invariant a failed check broke; later invariants are not reached", () => {
    const steps = [step(0, "passed"), step(1, "passed"), step(2, "passed"), step(3, "failed", { expected: "converged", observed: "executor01: no route" }), step(4, "skipped"), step(5, "skipped")];
    const judgement = judgeChaosRun(run(steps), document(), checks);
    expect(judgement.verdict).toBe("violated");
    expect(primaryFinding(judgement)).toMatchObject({ invariant: "routes-after-heal", kind: "violation", round: 1, step: 3, observed: "executor01: no route" });
    expect(judgement.invariants.find((result) => result.invariant === "units-final")!.verdict).toBe("not reached");
    expect(judgement.invariants.find((result) => result.invariant === "no-unexpected-exit")!.verdict).toBe("not reached");
  });

  it("is inconclusive when a step that is no check failed, or a check failed on a starved host", () => {
    const faultFailed = judgeChaosRun(run([step(0, "passed"), step(1, "failed", { message: "docker said no" }), step(2, "skipped")]), document(), checks);
    expect(faultFailed.verdict).toBe("inconclusive");
    expect(faultFailed.inconclusive).toContain("docker said no");
    const starved = judgeChaosRun(run([step(0, "inconclusive", { hostSaturatedMs: 5_000, wouldHave: "failed", message: "host CPU ≥ 95%" })]), document(), checks);
    expect(starved.verdict).toBe("inconclusive");
    expect(starved.findings).toEqual([]);
    expect(starved.invariants.find((result) => result.invariant === "routes-after-heal")).toMatchObject({ verdict: "not checked", note: expect.stringContaining("starved") });
  });

  it("finds a crash in any node's log, a node gone at the end and ERROR kinds the baseline never logged", () => {
    const census = {
      executor01: { lines: 3, levels: {}, kinds: [{ level: "ERROR", kind: "new kind", count: 2, example: "ERROR new thing" }], crashes: ["panic: runtime error: invalid memory address"] },
    };
    const judgement = judgeChaosRun(run([0, 1, 2, 3, 4, 5].map((i) => step(i, "passed"))), document({ logCensus: census, finalStatus: { controller01: null } as never }), checks, { baselineErrorKinds: new Set() });
    expect(judgement.findings.map((finding) => finding.invariant)).toEqual(["no-crash", "no-unexpected-exit", "no-new-error-kinds"]);
    expect(primaryFinding(judgement)!.invariant).toBe("no-crash");
    expect(judgement.findings[2]!.observed).toContain("ERROR new thing");
  });

  it("lists the ERROR kinds faults cause by design, and only the others break no-new-error-kinds", () => {
    const kinds = [
      { level: "ERROR", kind: "Error handling message data: no connection to next hop", count: 4, example: "ERROR … no connection to next hop" },
      { level: "ERROR", kind: "something new", count: 1, example: "ERROR something new happened" },
    ];
    const steps = [0, 1, 2, 3, 4, 5].map((i) => step(i, "passed"));
    const faultErrorKinds = new Map([["Error handling message data: no connection to next hop", "a relay forwards to a closed peer"]]);
    const judge = (census: typeof kinds) => judgeChaosRun(run(steps), document({ logCensus: { relayer01: { lines: 5, levels: {}, kinds: census } } }), checks, { baselineErrorKinds: new Set(), faultErrorKinds });
    const onlyExpected = judge(kinds.slice(0, 1));
    expect(onlyExpected.verdict).toBe("passed");
    expect(onlyExpected.invariants.find((result) => result.invariant === "no-new-error-kinds")).toMatchObject({ verdict: "held", note: 'expected under faults: "Error handling message data: no connection to next hop"' });
    const both = judge(kinds);
    expect(both.verdict).toBe("violated");
    expect(both.findings[0]!.observed).toBe('1 more: "something new" (e.g. ERROR something new happened)');
  });

  it("without a baseline says the ERROR kinds were not checked", () => {
    const judgement = judgeChaosRun(run([0, 1, 2, 3, 4, 5].map((i) => step(i, "passed"))), document(), checks);
    expect(judgement.invariants.find((result) => result.invariant === "no-new-error-kinds")).toMatchObject({ verdict: "not checked", note: "no fault-free baseline run" });
  });

  it("tells the same finding by invariant, kind and known bug", () => {
    const known = { invariant: "units-final", kind: "known", issue: 711, expected: "", observed: "" } as const;
    const judgement = judgeChaosRun(run([0, 1, 2, 3, 5].map((i) => step(i, "passed")).concat(step(4, "passed", { bug: "reproduced" }))), document(), checks);
    expect(sameFinding(known, judgement)).toBe(true);
    expect(sameFinding({ ...known, kind: "violation", issue: undefined as never }, judgement)).toBe(false);
  });
});
