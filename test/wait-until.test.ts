import { describe, expect, it } from "vitest";
import { waitUntil } from "../harness/wait-until.js";
import { FakeClock } from "./fake-clock.js";

function sequence<T>(values: T[]): () => Promise<T> {
  let index = 0;
  return async () => values[Math.min(index++, values.length - 1)]!;
}

describe("waitUntil", () => {
  it("passes only after the condition held on consecutive polls", async () => {
    const clock = new FakeClock();
    const outcome = await waitUntil(clock, sequence([false, true, false, true, true, true]), (ok) => ok, {
      timeoutMs: 10_000,
      intervalMs: 100,
      consecutive: 2,
    });
    expect(outcome).toMatchObject({ ok: true, polls: 5, elapsedMs: 400, heldSinceMs: 300 });
  });

  it("times out with the last observation when the condition never settles", async () => {
    const clock = new FakeClock();
    const outcome = await waitUntil(clock, sequence(["a", "b", "a", "b"]), (value) => value === "ok", {
      timeoutMs: 1_000,
      intervalMs: 100,
      consecutive: 1,
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.elapsedMs).toBe(1_000);
    expect(outcome.polls).toBe(11);
    expect(outcome.last).toBe("b");
  });

  it("counts the time a slow poll took against the interval", async () => {
    const clock = new FakeClock();
    const observe = async () => {
      clock.advance(250);
      return false;
    };
    const outcome = await waitUntil(clock, observe, (ok) => ok, { timeoutMs: 1_000, intervalMs: 100, consecutive: 1 });
    expect(outcome.polls).toBe(4);
  });

  it("hands every observation and its time to the observer", async () => {
    const clock = new FakeClock();
    const seen: Array<[number, number]> = [];
    await waitUntil(clock, sequence([1, 2, 3]), (value) => value === 3, { timeoutMs: 5_000, intervalMs: 50, consecutive: 1 }, (value, at) =>
      seen.push([value, at]),
    );
    expect(seen).toEqual([
      [1, 0],
      [2, 50],
      [3, 100],
    ]);
  });
});
