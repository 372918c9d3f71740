import { describe, expect, it } from "vitest";
import { eachLimited } from "../harness/concurrency.js";
import { controlWaitMs } from "../harness/scenario/startup-timeouts.js";

describe("bounded parallelism", () => {
  it("never runs more than the limit at once, and runs every item", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      done.push(item);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("rethrows the first failure after the calls it started have settled", async () => {
    const settled: number[] = [];
    const failing = eachLimited([1, 2, 3], 2, async (item) => {
      if (item === 1) throw new Error("no 1");
      await new Promise((resolve) => setTimeout(resolve, 5));
      settled.push(item);
    });
    await expect(failing).rejects.toThrow("no 1");
    expect(settled).toEqual([2]);
  });
});

describe("how long a node may take to answer at bring-up", () => {
  it("grows with the lab and with an overloaded host, never below 20 s", () => {
    expect(controlWaitMs(4, 0.2)).toBe(20_400);
    expect(controlWaitMs(200, 0.5)).toBe(40_000);
    expect(controlWaitMs(200, 3)).toBe(120_000);
  });
});

describe("how often a starting wave is asked whether its control services answer", () => {
  it("every 50 ms for a few nodes, less often for many, never less than once a second", async () => {
    const { controlPollMs } = await import("../harness/scenario/startup-timeouts.js");
    expect(controlPollMs(1)).toBe(50);
    expect(controlPollMs(45)).toBe(450);
    expect(controlPollMs(250)).toBe(1_000);
  });
});
