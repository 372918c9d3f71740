import { describe, expect, it } from "vitest";
import { askAgain, StillRefused } from "../../harness/scenario/ask-again.js";
import { FakeClock } from "../fake-clock.js";

class Refused extends Error {}

/** Refuses `times` times with "no route to node", then answers "released". */
function refusing(times: number) {
  let asked = 0;
  const ask = async () => {
    asked++;
    if (asked <= times) throw new Refused("no route to node");
    return "released";
  };
  return { ask, asked: () => asked };
}

const refusal = (error: unknown) => (error instanceof Refused ? error.message : undefined);

describe("askAgain", () => {
  it("answers at once when the first ask is answered", async () => {
    const clock = new FakeClock();
    const node = refusing(0);
    expect(await askAgain(clock, node.ask, { withinMs: 15_000, intervalMs: 1_000, refusal })).toEqual({ answer: "released", refusals: [] });
    expect(clock.now()).toBe(0);
  });

  it("asks again after each refusal and returns every refusal with the answer", async () => {
    const clock = new FakeClock();
    const node = refusing(3);
    const seen: string[] = [];
    const outcome = await askAgain(clock, node.ask, { withinMs: 15_000, intervalMs: 1_000, refusal, onRefused: (text) => seen.push(text) });
    expect(outcome).toEqual({ answer: "released", refusals: ["no route to node", "no route to node", "no route to node"] });
    expect(seen).toHaveLength(3);
    expect(node.asked()).toBe(4);
    expect(clock.now()).toBe(3_000);
  });

  it("gives up when the time is out and names how often it asked", async () => {
    const clock = new FakeClock();
    const node = refusing(100);
    const error = await askAgain(clock, node.ask, { withinMs: 2_500, intervalMs: 1_000, refusal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StillRefused);
    expect((error as StillRefused).refusals).toHaveLength(4);
    expect((error as Error).message).toBe("no route to node (asked 4 times)");
    expect(clock.now()).toBe(2_500);
  });

  it("asks once and passes the refusal on unchanged without a window", async () => {
    const clock = new FakeClock();
    const node = refusing(1);
    const error = await askAgain(clock, node.ask, { withinMs: 0, intervalMs: 1_000, refusal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Refused);
    expect(node.asked()).toBe(1);
  });

  it("does not ask again after an error that is not a refusal", async () => {
    const clock = new FakeClock();
    let asked = 0;
    const ask = async () => {
      asked++;
      throw new TypeError("socket closed");
    };
    await expect(askAgain(clock, ask, { withinMs: 15_000, intervalMs: 1_000, refusal })).rejects.toBeInstanceOf(TypeError);
    expect(asked).toBe(1);
  });
});
