import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../harness/cli/cli-context.js";
import { commandUsage, helpText } from "../../harness/cli/command-table.js";
import { compareCommand } from "../../harness/cli/commands/compare.js";
import { UsageError } from "../../harness/errors.js";
import { silentProgress } from "../../harness/progress.js";
import { fixtureRun, writeRun } from "../report/compare/run-builder.js";

let root: string;
let printed: string[];
let context: CliContext;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "compare-cli-"));
  printed = [];
  // compare reads no lab, topology or scenario: only where reports go and where to print
  context = { print: (text: string) => void printed.push(text), progress: silentProgress, reportDir: join(root, "reports") } as unknown as CliContext;
});

describe("receptor-lab compare", () => {
  it("is in the command table with its usage", () => {
    expect(helpText()).toMatch(/compare\s+what changed between two runs or suites/);
    expect(commandUsage("compare")).toContain("Usage: receptor-lab compare <A> <B> | <two-build-suite> [--report-dir DIR] [--json]");
  });

  it("prints a table, writes compare.json and compare.html under the reports dir and exits 1 when a verdict got worse", async () => {
    const [a, b] = [await writeRun(root, fixtureRun()), await writeRun(root, fixtureRun({ verdict: "failed" }))];
    expect(await compareCommand([a, b], context)).toBe(1);
    const text = printed.join("\n");
    expect(text).toContain("redundancy  passed → failed  worse");
    expect(text).toContain("Regressed: redundancy");
    const where = /Comparison: (\S+compare\.json) and (\S+compare\.html)/.exec(text);
    expect(where?.[1]).toMatch(/reports\/\d{8}-\d{6}-[a-z0-9]{6}-compare\/compare\.json$/);
    expect(existsSync(where![2]!)).toBe(true);
  });

  it("exits 0 with nothing regressed, writes to --report-dir, and prints only JSON with --json", async () => {
    const [a, b] = [await writeRun(root, fixtureRun()), await writeRun(root, fixtureRun())];
    const out = join(root, "out");
    expect(await compareCommand([a, b, "--json", "--report-dir", out], context)).toBe(0);
    expect(JSON.parse(printed.join("\n"))).toMatchObject({ regressed: false, onlyInA: [], onlyInB: [] });
    expect(existsSync(join(out, "compare.json"))).toBe(true);
  });

  it("is a usage error without a directory, with three, or with an unknown option", async () => {
    await expect(compareCommand([], context)).rejects.toThrowError(UsageError);
    await expect(compareCommand(["a", "b", "c"], context)).rejects.toThrowError("say which two report directories to compare");
    await expect(compareCommand(["a", "b", "--bogus"], context)).rejects.toThrowError(UsageError);
  });
});
