import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../harness/paths.js";

const work = mkdtempSync(join(tmpdir(), "rlab-consumer-"));
/** The child vitest must not think it runs inside this one. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST") && key !== "NODE_OPTIONS"));

/** examples/vitest-consumer, installed as a user would: from the packed package, in a folder of its own. */
describe("the example consumer (examples/vitest-consumer)", () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("installs the packed receptor-lab and passes its own test against real Receptor", { timeout: 900_000 }, async () => {
    const packed = await execa("npm", ["pack", "--silent", "--pack-destination", work], { cwd: projectRoot, env, timeout: 300_000 });
    const tarball = join(work, packed.stdout.trim().split("\n").at(-1)!);
    const consumer = join(work, "consumer");
    cpSync(join(projectRoot, "examples", "vitest-consumer"), consumer, { recursive: true, filter: (path) => !path.includes("node_modules") });
    await execa("npm", ["install", "--no-audit", "--no-fund", "--save-dev", tarball], { cwd: consumer, env, timeout: 600_000 });

    const started = Date.now();
    const run = await execa("npx", ["vitest", "run"], { cwd: consumer, env: { ...env, NO_COLOR: "1" }, reject: false, timeout: 600_000 });
    process.stderr.write(`[example consumer] its vitest run took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/1 passed/);
  });
});
