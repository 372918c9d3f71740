import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import "./provided.js";
import type { Comparison } from "../../harness/index.js";
import type { SuiteSummary } from "../../harness/report/suite-summary.js";
import { runCli } from "../cli/run-cli.js";
import { docker } from "./lab-fixture.js";

const root = mkdtempSync(join(tmpdir(), "rlab-matrix-"));
const older = "1.4.11";

function suiteIn(dir: string): string {
  const suites = readdirSync(dir).filter((name) => name.endsWith("-suite"));
  expect(suites).toHaveLength(1);
  return join(dir, suites[0]!);
}

/** Regression runs across Receptor builds: demo 03's normal and executor-down on 1.4.11 and the pinned release. */
describe("a version matrix, compare and --baseline", () => {
  const pinned = inject("receptorVersion");
  let suite = "";
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("refuses a version the Go module proxy does not serve, before anything starts", async () => {
    const run = await runCli(["scenario", "normal", "--receptor", "9.9.9", "--report-dir", root]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("the Go module proxy does not serve github.com/ansible/receptor@v9.9.9");
    expect(readdirSync(root)).toEqual([]);
    expect(await docker.listContainers({ all: true, filters: { label: ["receptor-lab.run"] } })).toEqual([]);
  });

  it("runs the scenarios on both builds as one suite, laid out scenario × build", { timeout: 900_000 }, async () => {
    const run = await runCli(["scenario", "normal", "executor-down", "--quick", "--receptor", `${older},${pinned}`, "--report-dir", join(root, "matrix")], 900_000);
    expect(run.code, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`).toBe(0);
    expect(run.stdout).toContain(`═══ Receptor ${older} ═══`);
    suite = suiteIn(join(root, "matrix"));
    const summary = JSON.parse(readFileSync(join(suite, "summary.json"), "utf8")) as SuiteSummary;
    expect(summary.builds).toEqual([older, pinned]);
    expect(summary.cells.map((cell) => `${cell.scenario}@${cell.build} ${cell.passed}/${cell.runs}`)).toEqual([
      `normal@${older} 1/1`,
      `normal@${pinned} 1/1`,
      `executor-down@${older} 1/1`,
      `executor-down@${pinned} 1/1`,
    ]);
    const index = readFileSync(join(suite, "index.html"), "utf8");
    expect(index).toContain(`<th>Receptor ${older}</th><th>Receptor ${pinned}</th>`);
    for (const entry of summary.runs) expect(existsSync(join(suite, entry.report))).toBe(true);
  });

  it("compares the two builds from the suite's data: same verdicts, no regression, differences as data", async () => {
    const run = await runCli(["compare", suite, "--json", "--report-dir", join(root, "compare")]);
    expect(run.code, run.stderr).toBe(0);
    const comparison = JSON.parse(run.stdout) as Comparison;
    expect(comparison.regressed).toBe(false);
    expect(comparison.sides.a.builds).toEqual([older]);
    expect(comparison.sides.b.builds).toEqual([pinned]);
    expect(comparison.scenarios.map((scenario) => `${scenario.scenario} ${scenario.change}`)).toEqual(["normal same", "executor-down same"]);
    for (const scenario of comparison.scenarios) {
      expect(scenario.verdicts.a).toMatchObject({ passed: 1, runs: 1 });
      expect(scenario.verdicts.b).toMatchObject({ passed: 1, runs: 1 });
      process.stderr.write(`[matrix] ${scenario.scenario} ${older} → ${pinned}: ${JSON.stringify(scenario.behaviour.map(({ kind, subject, a, b }) => `${kind}: ${subject}: ${a} | ${b}`))}\n`);
    }
    // both builds name units <node id> + 8 letters and digits: compare must not invent a difference
    expect(comparison.scenarios.flatMap((scenario) => scenario.behaviour.map((difference) => difference.kind))).not.toContain("unit id format");
    expect(existsSync(join(root, "compare", "compare.html"))).toBe(true);
  });

  it("--baseline compares a new run of the same build with the suite's: the noise bands hold, nothing regressed", { timeout: 300_000 }, async () => {
    const run = await runCli(["scenario", "normal", "--quick", "--baseline", `${suite}@${pinned}`, "--report-dir", join(root, "again")], 300_000);
    expect(run.code, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`).toBe(0);
    expect(run.stdout).toContain("Nothing regressed.");
    const runDir = readdirSync(join(root, "again")).find((name) => name !== "latest")!;
    const comparison = JSON.parse(readFileSync(join(root, "again", runDir, "compare", "compare.json"), "utf8")) as Comparison;
    expect(comparison.regressed).toBe(false);
    const changed = comparison.scenarios[0]!.metrics.filter((metric) => metric.changed);
    process.stderr.write(`[matrix] same build twice: ${changed.length} metric(s) beyond the noise band ${JSON.stringify(changed.map((metric) => metric.name))}\n`);
  });

  it("refuses a baseline of other scenarios before anything starts", async () => {
    const run = await runCli(["scenario", "payload", "--baseline", `${suite}@${pinned}`, "--report-dir", join(root, "refused")]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/the baseline .* holds normal, executor-down, none of payload/);
    expect(existsSync(join(root, "refused"))).toBe(false);
  });
});
