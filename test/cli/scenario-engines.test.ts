import { describe, expect, it } from "vitest";
import { scenarioCommand } from "../../harness/cli/commands/scenario.js";
import { upCommand } from "../../harness/cli/commands/up.js";
import { untouchedCliContext } from "../fakes/fake-cli-context.js";

const pinned = "test/fixtures/engines/pinned-unknown.yaml";

describe("--engines", () => {
  it.each([
    [["redundancy", "--engines", "local"], /none are up/],
    [["redundancy", "--engines"], /argument missing/],
    [["redundancy", "--engines", "b=http://x"], /not a Docker endpoint/],
    [[pinned, "--engines", "edge-1=tcp://127.0.0.1:2375"], /pinned-topology.yaml:10:\d+: 'b' is pinned to engine 'edge-9', and the lab's engines are host, edge-1/],
  ])("scenario %j exits 2 before any engine is asked for", async (args, message) => {
    const asked: string[] = [];
    await expect(scenarioCommand(args, untouchedCliContext(asked))).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    expect(asked).toEqual([]);
  });

  it("up refuses a pin to an unknown engine the same way", async () => {
    const asked: string[] = [];
    const context = untouchedCliContext(asked);
    await expect(upCommand(["test/fixtures/engines/pinned-topology.yaml", "--engines", "edge-1=tcp://127.0.0.1:2375"], context)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/pinned-topology.yaml:10:\d+: .b. is pinned to engine .edge-9./) });
    expect(asked).toEqual([]);
  });
});
