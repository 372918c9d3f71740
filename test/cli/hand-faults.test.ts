import { describe, expect, it } from "vitest";
import { startLab } from "../../harness/api/start-lab.js";
import { commands } from "../../harness/cli/command-table.js";
import { UsageError } from "../../harness/errors.js";
import { fakeCliContext } from "../fakes/fake-cli-context.js";
import { fakeMesh } from "../fakes/fake-mesh.js";
import { FakeRuntime } from "../fakes/fake-runtime.js";
import { loadBuiltin } from "../topology/builtin.js";

/** The redundant topology up on a fake runtime, and a CLI context whose output is kept. */
async function redundantLab() {
  const topology = await loadBuiltin("redundant");
  const runtime = new FakeRuntime();
  const meshClients = fakeMesh(topology);
  await startLab(topology, { runtime, meshClients, runId: "by-hand" });
  const { context, printed } = fakeCliContext(runtime, meshClients);
  const run = async (...args: string[]) => {
    printed.length = 0;
    const code = await commands[args[0]!]!.run(args.slice(1), context);
    return { code, out: printed.join("\n") };
  };
  return { run, runtime, lab: runtime.labs[0]! };
}

describe("faults by hand from the CLI", () => {
  it("stop says what it stopped and how controller01's route to executor01 moved", async () => {
    const { run, lab } = await redundantLab();
    const { code, out } = await run("stop", "node02");
    expect(code).toBe(0);
    expect(out).toContain("stopped relayer01 (fake-relayer01)");
    expect(out).toMatch(/\+\d+ ms {2}controller01 → executor01: relayer01 → relayer02/);
    expect(out).toContain("controller01 → relayer01: relayer01 → (none)");
    expect(out).toContain("Routes match the oracle");
    expect(lab.calls).toContain("stop relayer01");
  });

  it("says a node is already stopped, exits 0 and leaves it alone", async () => {
    const { run, lab } = await redundantLab();
    await run("stop", "relayer01");
    const calls = lab.calls.length;
    const again = await run("stop", "relayer01", "--wait", "0");
    expect(again).toEqual({ code: 0, out: "relayer01 is already stopped; nothing done." });
    expect((await run("kill", "relayer01")).out).toBe("relayer01 is already stopped; nothing done.");
    expect(lab.calls.length).toBe(calls);
    const started = await run("start", "relayer01");
    expect(started.out).toContain("started relayer01 (fake-relayer01)");
    expect(started.out).toContain("controller01 → executor01: relayer02 → relayer01");
  });

  it("refuses an action the node's state rules out, naming the command that helps", async () => {
    const { run } = await redundantLab();
    await run("pause", "relayer01", "--wait", "0");
    const error = await run("start", "relayer01").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe("relayer01 is paused; start does not apply");
    expect((error as UsageError).hint).toBe("Run 'receptor-lab unpause relayer01'.");
  });

  it("answers an unknown node with exit 2 and the lab's nodes, before touching anything", async () => {
    const { run, lab } = await redundantLab();
    const calls = lab.calls.length;
    const error = await run("stop", "nosuch").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe("lab by-hand has no node 'nosuch'");
    expect((error as UsageError).hint).toContain("controller01 (node01), relayer01 (node02), relayer02 (node03), executor01 (node04)");
    expect(lab.calls.length).toBe(calls);
  });

  it("cuts a link, shows what the oracle expects while the routes have not moved, and heals", async () => {
    const { run, lab, runtime } = await redundantLab();
    const cut = await run("partition", "cut", "controller01", "node02", "--wait", "300ms");
    expect(cut.code).toBe(0);
    expect(cut.out).toContain("cut controller01 (fake-controller01) ↮ relayer01 (fake-relayer01): silent drop; iptables rules on 2 node(s)");
    // the fake mesh ignores iptables, so its routes stay where they were
    expect(cut.out).toContain("No route changed yet");
    expect(cut.out).toContain("controller01 → executor01 via relayer02 (now via relayer01)");
    expect(runtime.faultLog.get("by-hand")).toEqual([{ kind: "partition", spec: { kind: "cut", a: "controller01", b: "relayer01" }, mode: "drop" }]);
    expect(lab.rules.get("controller01")).toBeGreaterThan(0);

    const healed = await run("heal");
    expect(healed.out).toContain("healed: removed every partition, loss and delay on 4 nodes");
    expect(healed.out).toContain("No route changed: the routes already match the oracle.");
    expect(lab.rules.get("controller01")).toBe(0);
  });

  it.each([
    [["loss", "controller01", "relayer01", "0"], "the percent of packets to drop is a number above 0 and at most 100, got '0'"],
    [["loss", "controller01", "relayer01", "150%"], "the percent of packets to drop is a number above 0 and at most 100, got '150%'"],
    [["loss", "controller01", "relayer01", "lots"], "the percent of packets to drop is a number above 0 and at most 100, got 'lots'"],
    [["delay", "controller01", "relayer01", "2.5"], "the delay is a whole number of milliseconds from 1 to 10000, got '2.5'"],
    [["delay", "controller01", "executor01", "200"], "there is no link between controller01 and executor01"],
    [["partition", "cut", "controller01", "relayer01", "--mode", "reject"], "--mode is drop or reset, got 'reject'"],
    [["partition", "split", "controller01,relayer01", "relayer01,executor01"], "relayer01 is on two sides of the split"],
    [["partition", "wedge", "controller01"], "say isolate <node>, cut <a> <b> or split <a,b,…> <c,d,…>"],
    [["stop", "relayer01", "--wait", "soon"], "--wait takes a duration like 10s or 500ms, got 'soon'"],
  ])("%j is a usage error (exit 2) with the usage", async (args, message) => {
    const { run, runtime } = await redundantLab();
    const error = await run(...args).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
    expect((error as UsageError).hint).toMatch(new RegExp(`^Usage: receptor-lab ${args[0]} `));
    expect(runtime.faultLog.get("by-hand")).toBeUndefined();
  });

  it("says how to start a lab when none runs", async () => {
    const { run, runtime } = await redundantLab();
    await runtime.removeLabs();
    const error = await run("heal").catch((caught: unknown) => caught);
    expect((error as UsageError).message).toBe("no lab is running");
    expect((error as UsageError).hint).toContain("receptor-lab up <topology>");
  });

  it("prints a node's log", async () => {
    const { run } = await redundantLab();
    expect(await run("logs", "node04", "--tail", "5")).toEqual({ code: 0, out: "fake log of executor01" });
  });
});
