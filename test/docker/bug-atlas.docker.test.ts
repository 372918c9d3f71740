import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import "./provided.js";
import type { SuiteSummary } from "../../harness/report/suite-summary.js";
import { runCli } from "../cli/run-cli.js";
import { docker } from "./lab-fixture.js";

const root = mkdtempSync(join(tmpdir(), "rlab-atlas-"));

describe("the bug atlas on real Receptor", () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reproduces #1227 with a 1.4.4 controller and a 1.4.11 worker, not with the pinned release, and writes the table into a README", { timeout: 600_000 }, async () => {
    const pinned = inject("receptorVersion");
    const readme = join(root, "README.md");
    writeFileSync(readme, "# atlas\n<!-- bug-atlas:start -->\n<!-- bug-atlas:end -->\n");
    const run = await runCli(["scenario", "--bugs", "1227", "--quick", "--receptor", `1.4.11,${pinned}`, "--report-dir", join(root, "reports"), "--readme", readme], 600_000);
    expect(run.code, `${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`).toBe(0);
    const summary = JSON.parse(readFileSync(join(root, "reports", "latest", "summary.json"), "utf8")) as SuiteSummary;
    const cells = summary.atlas!.cells.map((cell) => [cell.build, cell.outcome, cell.nodeVersions]);
    expect(cells).toEqual([
      ["1.4.11", "reproduced", { controller: "1.4.4" }],
      [pinned, "not-reproduced", { controller: "1.4.4" }],
    ]);
    expect(summary.atlas!.cells[0]!.restsOn).toContain('Failed "Remote work unit is gone"');
    expect(summary.atlas!.cells[1]!.restsOn).toContain("Succeeded");
    expect(readFileSync(readme, "utf8")).toMatch(/\| \[#1227\]\(https:\/\/github\.com\/ansible\/receptor\/issues\/1227\) .* \| reproduced \(controller on 1\.4\.4\) \| not reproduced \(controller on 1\.4\.4\) \|/);
    expect(run.stdout).toContain("#1227  1.4.11: reproduced");
    expect(await docker.listContainers({ all: true, filters: { label: ["receptor-lab.run"] } })).toEqual([]);
  });
});
