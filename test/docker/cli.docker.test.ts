import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../harness/paths.js";
import { runCli } from "../cli/run-cli.js";
import { leftovers } from "./lab-fixture.js";

/** The by-hand workflow of the quick start: up, status, ctl, down. */
describe("receptor-lab up / status / ctl / down", () => {
  let runId = "";

  afterAll(async () => {
    if (runId) await runCli(["down", "--lab", runId]);
  });

  it("brings the simple topology up and reports where each node is", async () => {
    const up = await runCli(["up", "simple"]);
    expect(up.code, up.stderr).toBe(0);
    runId = /Lab (\S+) is up/.exec(up.stdout)![1]!;
    expect(up.stdout).toMatch(/controller01\s+rlab-\w+-node01\s+control 127\.0\.0\.1:\d+/);
  });

  it("prints every node's status as JSON", async () => {
    const status = await runCli(["status", "--json", "--lab", runId]);
    expect(status.code, status.stderr).toBe(0);
    const parsed = JSON.parse(status.stdout);
    expect(Object.keys(parsed.nodes).sort()).toEqual(["controller01", "executor01", "relayer01"]);
    expect(parsed.nodes.controller01.RoutingTable).toEqual({ executor01: "relayer01", relayer01: "relayer01" });
  });

  it("prints receptorctl-like tables", async () => {
    const status = await runCli(["status", "controller01", "--lab", runId]);
    expect(status.stdout).toContain("Node ID: controller01");
    expect(status.stdout).toMatch(/Route\s+Via\nexecutor01\s+relayer01\nrelayer01\s+relayer01/);
  });

  it("runs the real receptorctl inside a node, by node id or container name", async () => {
    const traceroute = await runCli(["ctl", "node01", "--lab", runId, "--", "traceroute", "executor01"]);
    expect(traceroute.code, traceroute.stderr).toBe(0);
    expect(traceroute.stdout).toMatch(/^0: controller01 in .+\n1: relayer01 in .+\n2: executor01 in .+\n$/);
    const work = await runCli(["ctl", "controller01", "--lab", runId, "--", "work", "submit", "--node", "executor01", "--no-payload", "--rm", "--follow", "gather-hostname"]);
    expect(work.code, work.stderr).toBe(0);
    expect(work.stdout).toMatch(/^node03\.example\.internal\n\(\w+, released\)\n$/);
  });

  it("says which node a typo meant to name", async () => {
    const run = await runCli(["ctl", "node09", "--lab", runId, "--", "status"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no node 'node09'");
  });

  it("removes the lab, keeping its logs", async () => {
    const down = await runCli(["down", "--lab", runId]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain("logs saved");
    expect(await leftovers(runId)).toBe(0);
    runId = "";
  });

  it("answers 'down' with no lab running like 'down --all': exit 0", async () => {
    const down = await runCli(["down"]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain("No lab was running.");
  });
});

describe("npm run scenario", () => {
  it("runs a scenario, prints its steps and a PASSED summary, keeps the logs, exits 0", async () => {
    const run = await runCli(["scenario", "normal", "--quick"], 300_000);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("▶ normal");
    expect(run.stdout).toMatch(/✓ submit controller01 → executor01 — unit controller01\w+: Job Started/);
    expect(run.stdout).toMatch(/■ PASSED normal: 12 passed, 0 failed, 0 inconclusive, 0 skipped/);
    const report = /report: (\S+)\/report\.html\n$/.exec(run.stdout);
    expect(report, "the last line names the report").not.toBeNull();
    const dir = join(projectRoot, report![1]!);
    const runId = dir.split("/").pop()!;
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8"))).toMatchObject({ scenario: "normal", verdict: "passed", receptorVersion: "1.6.5" });
    expect(readdirSync(join(dir, "logs")).sort()).toEqual(["node01.log", "node02.log", "node03.log", "node04.log"]);
    expect(await leftovers(runId)).toBe(0);
  });
});
