import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import "./provided.js";
import { runCli, startCli } from "../cli/run-cli.js";
import { docker, leftovers } from "./lab-fixture.js";

const root = mkdtempSync(join(tmpdir(), "rlab-chaos-"));

describe("chaos on real Receptor", () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("seed 10 kills executor01 mid-job: #711 reported known, shrunk, and the reproducer replays as #711 reproduced", { timeout: 900_000 }, async () => {
    const reproducer = join(root, "reproducer.yaml");
    const chaos = await runCli(["chaos", "redundant", "--seed", "10", "--steps", "1", "--faults", "restart,kill", "--workload", "1", "--report-dir", join(root, "reports"), "--out", reproducer], 900_000);
    expect(chaos.code, `${chaos.stdout.slice(-4000)}\n${chaos.stderr.slice(-2000)}`).toBe(0);
    expect(chaos.stdout.split("\n")[0]).toMatch(/^seed 10 /);
    expect(chaos.stdout).toMatch(/chaos, seed 10: KNOWN/);
    expect(chaos.stdout).toMatch(/known\s+units-final/);
    expect(chaos.stdout).toMatch(/held\s+routes-after-heal/);
    expect(chaos.stdout).toContain("known #711 units-final (r1-controller01-executor01-1), round 1");
    const text = readFileSync(reproducer, "utf8");
    expect(text).toContain("issue: 711");
    expect(text).toContain("kill: [ executor01 ]");

    const replay = await runCli(["scenario", reproducer, "--report-dir", join(root, "replay")], 600_000);
    expect(replay.code, `${replay.stdout.slice(-4000)}\n${replay.stderr.slice(-2000)}`).toBe(0);
    expect(replay.stdout).toMatch(/ansible\/receptor#711 reproduced on Receptor/);
    expect(await docker.listContainers({ all: true, filters: { label: ["receptor-lab.run"] } })).toEqual([]);
  });

  it("Ctrl-C mid-round removes the lab it was running and exits 130", { timeout: 120_000 }, async () => {
    const { child, stdout, exited } = startCli(["chaos", "redundant", "--seed", "10", "--steps", "1", "--no-baseline", "--report-dir", join(root, "int")]);
    await expect.poll(() => /✓ submit/.test(stdout()), { timeout: 60_000, interval: 100 }).toBe(true);
    const runId = /run (\S+-\w{6})\n/.exec(stdout())![1]!;
    child.kill("SIGINT");
    expect(await exited, stdout().slice(-2000)).toBe(130);
    expect(await leftovers(runId)).toBe(0);
  });
});
