import { describe, expect, it } from "vitest";
import type { ChaosRound, ChaosSchedule } from "../../harness/chaos/fault-schedule.js";
import { shrinkSchedule } from "../../harness/chaos/shrink.js";
import { FakeClock } from "../fake-clock.js";

const round = (index: number, holdMs = 20_000): ChaosRound => ({
  index,
  jobs: [{ alias: `r${index}-c-e-1`, on: "c", node: "e", workType: "w", payload: "p" }],
  leadMs: 4_000,
  fault: { kind: "kill", nodes: [`n${index}`] },
  holdMs,
  quietMs: 3_000,
});
const schedule = (count: number): ChaosSchedule => ({ seed: 1, rounds: Array.from({ length: count }, (_, i) => round(i + 1)) });

describe("shrinking a failing schedule", () => {
  it("finds the two rounds that together fail, however far apart", async () => {
    const clock = new FakeClock();
    const result = await shrinkSchedule(
      schedule(8),
      async (candidate) => {
        clock.advance(60_000);
        const kept = candidate.rounds.map((r) => r.index);
        return kept.includes(3) && kept.includes(7);
      },
      { budgetMs: 3_600_000, clock },
    );
    expect(result.schedule.rounds.map((r) => r.index)).toEqual([3, 7]);
    expect(result.exhausted).toBe(false);
    expect(result.attempts.every((attempt) => attempt.durationMs === 60_000)).toBe(true);
  });

  it("tries the finding's own round first, then drops other work and halves the hold while it still fails", async () => {
    const clock = new FakeClock();
    const tried: string[] = [];
    const result = await shrinkSchedule(
      schedule(6),
      async (candidate, description) => {
        tried.push(description);
        const fifth = candidate.rounds.find((r) => r.index === 5);
        return fifth !== undefined && fifth.holdMs >= 5_000;
      },
      { budgetMs: 3_600_000, clock, round: 5, unit: "r5-c-e-1" },
    );
    expect(tried[0]).toBe("only round 5 (kill n5)");
    expect(result.schedule.rounds).toEqual([{ ...round(5), leadMs: 2_000, quietMs: 0, holdMs: 5_000 }]);
    expect(result.attempts.filter((attempt) => attempt.stillFails).length).toBeGreaterThanOrEqual(3);
  });

  it("drops the nodes of a fault on several that the failure does not need", async () => {
    const clock = new FakeClock();
    const three: ChaosSchedule = { seed: 1, rounds: [{ ...round(1, 2_000), fault: { kind: "restart", nodes: ["a", "e", "r"] } }] };
    const result = await shrinkSchedule(three, async (candidate) => candidate.rounds[0]!.fault.kind === "restart" && "nodes" in candidate.rounds[0]!.fault && candidate.rounds[0]!.fault.nodes.includes("e"), { budgetMs: 3_600_000, clock });
    expect(result.schedule.rounds[0]!.fault).toEqual({ kind: "restart", nodes: ["e"] });
    expect(result.attempts.map((attempt) => attempt.description)).toContain("round 1 without a: restart e, r");
  });

  it("stops when the budget is spent and keeps the smallest schedule found so far", async () => {
    const clock = new FakeClock();
    const result = await shrinkSchedule(
      schedule(8),
      async (candidate) => {
        clock.advance(60_000);
        return candidate.rounds.some((r) => r.index === 8);
      },
      { budgetMs: 120_000, clock },
    );
    expect(result.exhausted).toBe(true);
    expect(result.attempts).toHaveLength(2);
    expect(result.schedule.rounds.map((r) => r.index)).toEqual([5, 6, 7, 8]);
  });
});
