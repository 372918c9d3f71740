import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "bad", "topologies");

describe("receptor-lab CLI input handling (no Docker needed)", () => {
  it("rejects a bad topology file with file:line, exit 2, before touching Docker", async () => {
    const file = join(fixtures, "missing-cost.yaml");
    const run = await runCli(["up", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Error: ${file}:7:`);
    expect(run.stderr).toContain("missing cost");
    expect(run.stderr).toContain("Try this:");
    expect(run.stderr).not.toContain("Creating lab");
  });

  it("names the built-in topologies for an unknown one", async () => {
    const run = await runCli(["up", "nosuch"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown topology 'nosuch'");
    expect(run.stderr).toContain("awx, complex, reconfig, redundant, redundant-udp, redundant-ws, secure, simple, sites, tls-broken");
  });

  it("answers an unknown command or option with usage and exit 2", async () => {
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badOption = await runCli(["up", "redundant", "--bogus"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("Usage: receptor-lab up");
  });

  it("stops with exit 3 and says how to start Docker when no engine answers and none can be started", async () => {
    const run = await runCli(["status"], 60_000, { DOCKER_HOST: "tcp://127.0.0.1:1" });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("no Docker engine answers at tcp://127.0.0.1:1");
    expect(run.stderr).toContain("Try this: Start a Docker engine");
  });

  it("lists the built-in topologies", async () => {
    const run = await runCli(["list"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/redundant\s+controller01/);
  });
});

describe("receptor-lab scenario input handling (no Docker needed)", () => {
  it("rejects a bad scenario file with file:line and exit 2 before starting anything", async () => {
    const file = join(import.meta.dirname, "..", "fixtures", "bad", "scenarios", "unknown-step-kind.yaml");
    const run = await runCli(["scenario", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:6:`);
    expect(run.stderr).toContain("unknown step kind 'shutdown'");
    expect(run.stderr).not.toContain("Creating lab");
  });

  it("validates every scenario before running any", async () => {
    const bad = join(import.meta.dirname, "..", "fixtures", "bad", "scenarios", "unknown-node.yaml");
    const run = await runCli(["scenario", "normal", bad]);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toContain("▶ normal");
  });

  it("names the built-in scenarios for an unknown one", async () => {
    const run = await runCli(["scenario", "redundnacy"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown scenario 'redundnacy'");
    expect(run.stderr).toContain("redundancy");
  });

  it("refuses a --receptor path that is not a Receptor source tree, before any engine is asked", async () => {
    const run = await runCli(["scenario", "normal", "--receptor", import.meta.dirname], 60_000, { DOCKER_HOST: "tcp://127.0.0.1:1" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`'${import.meta.dirname}' is not a Receptor source tree (no go.mod`);
    expect(run.stderr).not.toContain("no Docker engine");
  });

  it("refuses a bad --repeat", async () => {
    const run = await runCli(["scenario", "normal", "--repeat", "0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--repeat must be a whole number");
  });

  it("refuses --bugs with --all, --readme without --bugs or without its markers, and an issue with no bug scenario", async () => {
    const both = await runCli(["scenario", "--bugs", "--all"]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining("--all runs the scenarios, --bugs the bug atlas")]);
    const readme = await runCli(["scenario", "normal", "--readme", "README.md"]);
    expect([readme.code, readme.stderr]).toEqual([2, expect.stringContaining("--readme writes the bug atlas: it goes with --bugs")]);
    const markers = await runCli(["scenario", "--bugs", "--readme", "package.json"]);
    expect([markers.code, markers.stderr]).toEqual([2, expect.stringContaining("has no single '<!-- bug-atlas:start -->'")]);
    const unknown = await runCli(["scenario", "--bugs", "99999"]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining("no bug scenario for '99999'")]);
    expect(unknown.stderr).toContain("bug-711");
  });

  it("lists the bug scenarios with what the tracker says", async () => {
    const run = await runCli(["list"]);
    expect(run.stdout).toContain("Receptor's reported bugs");
    expect(run.stdout).toMatch(/bug-1227 +A 1\.4\.4 controller loses every job/);
  });
});
