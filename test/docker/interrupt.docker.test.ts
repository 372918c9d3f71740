import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCli } from "../cli/run-cli.js";
import { leftovers } from "./lab-fixture.js";

/**
 * Starts `scenario redundancy --quick` and sends `signal` at a random moment after the run has
 * an id (or, with `afterFirstStep`, after its lab is up and a step has passed).
 */
async function interruptScenario(signal: NodeJS.Signals, reportDir: string, afterFirstStep = false) {
  const { child, stdout, exited } = startCli(["scenario", "redundancy", "--quick", "--report-dir", reportDir]);

  await expect.poll(() => /run (\S+-\w{6})\n/.exec(stdout())?.[1], { timeout: 30_000, interval: 100 }).toBeDefined();
  const runId = /run (\S+-\w{6})\n/.exec(stdout())![1]!;
  if (afterFirstStep) await expect.poll(() => / ✓ /.test(stdout()), { timeout: 60_000, interval: 100 }).toBe(true);
  const delay = 500 + Math.floor(Math.random() * 20_000);
  await new Promise((resolve) => setTimeout(resolve, delay));
  const stepsBefore = (stdout().match(/ [✓✗] /g) ?? []).length;
  child.kill(signal);
  return { runId, code: await exited, why: `interrupted after ${delay} ms, ${stepsBefore} steps done` };
}

/** Ctrl-C or a cancelled CI job at a random moment removes everything the run started and still writes its reports. */
describe("interrupting a scenario", () => {
  it.each([1, 2])("SIGINT at a random step (try %i) exits 130 and leaves nothing labelled", { timeout: 120_000 }, async () => {
    const { runId, code, why } = await interruptScenario("SIGINT", mkdtempSync(join(tmpdir(), "rlab-int-")));
    expect(code, why).toBe(130);
    expect(await leftovers(runId)).toBe(0);
  });

  it("SIGTERM (a cancelled or timed-out CI job) still writes report.json, junit.xml and the node logs", { timeout: 120_000 }, async () => {
    const reportDir = mkdtempSync(join(tmpdir(), "rlab-term-"));
    const { runId, code, why } = await interruptScenario("SIGTERM", reportDir, true);
    expect(code, why).toBe(130);
    expect(await leftovers(runId)).toBe(0);
    const dir = join(reportDir, runId);
    const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(report.verdict, why).toBe("inconclusive");
    expect(report.error).toMatch(/^interrupted by SIGTERM after \d+ of \d+ steps$/);
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain('<testsuite name="redundancy"');
    expect(existsSync(join(dir, "report.html"))).toBe(true);
    expect(readdirSync(join(dir, "logs")).sort()).toEqual(["node01.log", "node02.log", "node03.log", "node04.log"]);
  });
});
