import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import "./provided.js";
import type { RunDocument } from "../../harness/index.js";
import { paths } from "../../harness/paths.js";
import { runCli } from "../cli/run-cli.js";
import { docker } from "./lab-fixture.js";

const root = mkdtempSync(join(tmpdir(), "rlab-mixed-"));
const older = "1.4.11";

/** Demo 03's mesh with both relayers on 1.4.11, rolled to the pinned release while a job runs. */
function writeScenario(pinned: string): string {
  const topology = readFileSync(join(paths.topologies, "redundant.yaml"), "utf8")
    .replace("name: redundant", "name: redundant-mixed")
    .replace(/(  - id: relayer0[12]\n    container: node0[23]\n)/g, `$1    receptor: ${older}\n`);
  writeFileSync(join(root, "redundant-mixed.yaml"), topology);
  const scenario = join(root, "rolling-relayers.yaml");
  writeFileSync(
    scenario,
    `name: rolling-relayers
title: "Both relayers upgraded one at a time while a job runs"
topology: ${join(root, "redundant-mixed.yaml")}
steps:
  - expect: { routes: converged, within: 15s }
  - submit: { as: job, on: controller01, node: executor01, worktype: echo-sleep }
  - wait: { unit: job, stdout-lines: 2, within: 30s }
  - rolling-upgrade: { nodes: [relayer01, relayer02], to: ${pinned}, pause: 2s }
  - expect: { routes: converged, within: 45s }
  - expect: { unit: job, state: Succeeded, converged: true, stdout-lines: 12, within: 120s }
  - expect: { on: controller01, log: "/panic|fatal error/", count: 0 }
`,
  );
  return scenario;
}

describe("a mixed-version lab and a rolling upgrade", () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("runs relayers on their own Receptor, upgrades them one at a time keeping the job, and reports every node's version and log census", { timeout: 600_000 }, async () => {
    const pinned = inject("receptorVersion");
    const scenario = writeScenario(pinned);
    const run = await runCli(["scenario", scenario, "--quick", "--report-dir", join(root, "reports")], 600_000);
    expect(run.code, `${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`).toBe(0);
    const document = JSON.parse(readFileSync(join(root, "reports", "latest", "report.json"), "utf8")) as RunDocument;
    expect(document.nodeVersions).toEqual({ controller01: pinned, relayer01: older, relayer02: older, executor01: pinned });
    const upgrades = document.events.filter((event) => event.kind === "fault");
    expect(upgrades.map((event) => [event.node, event.data.action, event.data.from, event.data.to, event.data.tookEffect])).toEqual([
      ["relayer01", "upgrade", older, pinned, true],
      ["relayer02", "upgrade", older, pinned, true],
    ]);
    expect(Object.keys(document.logCensus ?? {}).sort()).toEqual(["controller01", "executor01", "relayer01", "relayer02"]);
    expect(document.logCensus!.relayer01!.lines).toBeGreaterThan(0);
    // the observer reads unit states from `work list`: asking a gone unit's status would log this
    for (const census of Object.values(document.logCensus!)) expect(census.kinds.map((kind) => kind.kind).join("\n")).not.toMatch(/unknown work unit/);
    expect(await docker.listContainers({ all: true, filters: { label: ["receptor-lab.run"] } })).toEqual([]);
  });
});
