import { describe, expect, it } from "vitest";
import { engineBridge, planEngines } from "../../harness/runtime/engines/engine-plan.js";
import { enginesCommand } from "../../harness/cli/commands/engines.js";
import type { CliContext } from "../../harness/cli/cli-context.js";

describe("extra engines", () => {
  it("each get a namespace, a veth pair, an address on the engines' bridge and short unix paths", () => {
    const engines = planEngines(3, "/home/me/.cache/receptor-lab");
    expect(engines.map((engine) => [engine.name, engine.netns, engine.address])).toEqual([
      ["engine-1", "rlab-engine-1", "10.213.213.11"],
      ["engine-2", "rlab-engine-2", "10.213.213.12"],
      ["engine-3", "rlab-engine-3", "10.213.213.13"],
    ]);
    for (const engine of engines) {
      expect(engine.address.startsWith(engineBridge.hostAddress.replace(/\.1$/, "."))).toBe(true);
      // interface names are at most 15 bytes, unix socket paths at most 107
      expect(engine.hostVeth.length).toBeLessThanOrEqual(15);
      expect(engine.nsVeth.length).toBeLessThanOrEqual(15);
      expect(`${engine.execRoot}/containerd/containerd.sock.ttrpc`.length).toBeLessThan(108);
      expect(engine.dataRoot).toBe(`/home/me/.cache/receptor-lab/engines/${engine.name}`);
    }
  });

  it.each([[["up"]], [["up", "two"]], [["sideways"]], [["down", "2"]], [["up", "1", "2"]]])("'engines %j' is refused with the usage, before any engine is touched", async (args) => {
    const context = { runtime: () => Promise.reject(new Error("touched")) } as unknown as CliContext;
    await expect(enginesCommand(args, context)).rejects.toMatchObject({ exitCode: 2 });
  });
});
