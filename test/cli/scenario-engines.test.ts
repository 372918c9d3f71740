import { describe, expect, it } from "vitest";
import { scenarioCommand } from "../../harness/cli/commands/scenario.js";
import { untouchedCliContext } from "../fakes/fake-cli-context.js";

describe("scenario --engines", () => {
  it.each([
    [["redundancy", "--engines"], /none are up/],
    [["redundancy", "--engines", "--keep"], /--keep with --engines/],
  ])("%j exits 2 before any engine is asked for", async (args, message) => {
    const asked: string[] = [];
    await expect(scenarioCommand(args, untouchedCliContext(asked))).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    expect(asked).toEqual([]);
  });
});
