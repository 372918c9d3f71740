import { describe, expect, it } from "vitest";
import { chaosCommand } from "../../harness/cli/commands/chaos.js";
import { UsageError } from "../../harness/errors.js";
import { paths } from "../../harness/paths.js";
import { join } from "node:path";
import { untouchedCliContext } from "../fakes/fake-cli-context.js";

describe("receptor-lab chaos, bad input", () => {
  it.each([
    [["redundant", "--faults", "kill,explode"], /unknown fault kind 'explode'/],
    [["redundant", "--seed", "4.5"], /--seed must be a whole number, got '4.5'/],
    [["redundant", "--seed", "abc"], /--seed must be a whole number, got 'abc'/],
    [["redundant", "--duration", "ten minutes"], /--duration must be a duration like 90s, 10m or 1h, got 'ten minutes'/],
    [["redundant", "--shrink-budget", "0s"], /--shrink-budget must be a duration/],
    [["redundant", "--steps", "0"], /`rounds` to be a whole number ≥ 1, got 0/],
    [["redundant", "--steps", "3", "--duration", "5m"], /--steps and --duration both say how long/],
    [["star-4"], /unknown topology 'star-4'/],
    [[join(paths.topologies, "..", "..", "test", "fixtures", "chaos", "relays-only.yaml")], /has no controller/],
    [[], /say which topology/],
  ])("%j exits 2 before any engine or lab starts", async (args, message) => {
    const started: string[] = [];
    const error = await chaosCommand(args, untouchedCliContext(started)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as UsageError).exitCode).toBe(2);
    expect(started).toEqual([]);
  });
});
