import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

/** Faults by hand on a lab 'up' started, each command a separate process, as a person runs them. */
describe("receptor-lab stop / start / partition / heal / logs / exec on a running lab", () => {
  let runId = "";
  const onLab = (...args: string[]) => runCli([...args, "--lab", runId]);
  const container = (name: string) => `rlab-${runId.split("-").pop()}-${name}`;

  afterAll(async () => {
    if (runId) await runCli(["down", "--lab", runId]);
  });

  it("brings the redundant topology up", async () => {
    const up = await runCli(["up", "redundant"]);
    expect(up.code, up.stderr).toBe(0);
    runId = /Lab (\S+) is up/.exec(up.stdout)![1]!;
  });

  it("stops relayer01 and shows controller01's route to executor01 moving to relayer02", async () => {
    const stop = await onLab("stop", "relayer01");
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain(`stopped relayer01 (${container("node02")})`);
    expect(stop.stdout).toMatch(/\+[\d.]+ m?s {2}controller01 → executor01: relayer01 → relayer02\n/);
    expect(stop.stdout).toContain("Routes match the oracle");
  });

  it("says relayer01 is already stopped, exit 0", async () => {
    const again = await onLab("stop", "relayer01");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe("relayer01 is already stopped; nothing done.\n");
  });

  it("starts relayer01 again", async () => {
    const start = await onLab("start", "node02", "--wait", "25s");
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toContain(`started relayer01 (${container("node02")})`);
    expect(start.stdout).toContain("controller01 → executor01: relayer02 → relayer01");
  });

  it("cuts controller01 ↔ relayer01, then heals", async () => {
    const cut = await onLab("partition", "cut", "controller01", "relayer01", "--mode", "reset", "--wait", "20s");
    expect(cut.code, cut.stderr).toBe(0);
    expect(cut.stdout).toContain(`cut controller01 (${container("node01")}) ↮ relayer01 (${container("node02")}): TCP reset`);
    expect(cut.stdout).toContain("controller01 → executor01: relayer01 → relayer02");
    const heal = await onLab("heal", "--wait", "30s");
    expect(heal.code, heal.stderr).toBe(0);
    expect(heal.stdout).toContain("healed: removed every partition, loss and delay on 4 nodes");
    expect(heal.stdout).toContain("controller01 → executor01: relayer02 → relayer01");
  });

  it("shows the last lines of a node's log", async () => {
    const logs = await onLab("logs", "relayer01", "--tail", "5");
    expect(logs.code, logs.stderr).toBe(0);
    const lines = logs.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(5);
  });

  it("runs a command inside a node", async () => {
    const exec = await runCli(["exec", "relayer01", "--lab", runId, "--", "receptorctl", "--socket", "/tmp/receptor.sock", "status"]);
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout).toContain("Node ID: relayer01");
  });

  it("answers an unknown node with exit 2 and the lab's nodes", async () => {
    const run = await onLab("stop", "nosuch");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`lab ${runId} has no node 'nosuch'`);
    expect(run.stderr).toContain("controller01 (node01), relayer01 (node02), relayer02 (node03), executor01 (node04)");
  });
});
