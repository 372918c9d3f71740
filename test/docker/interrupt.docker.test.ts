import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../harness/paths.js";
import { leftovers } from "./lab-fixture.js";

/** Ctrl-C at a random moment of a running scenario removes everything the run started. */
describe("interrupting a scenario", () => {
  it.each([1, 2, 3])("SIGINT at a random step (try %i) exits 130 and leaves nothing labelled", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [join(projectRoot, "bin", "receptor-lab.js"), "scenario", "redundancy", "--quick"], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));

    // wait until the run has an id, then interrupt somewhere between bring-up and the end
    await expect.poll(() => /run (\S+-\w{6})\n/.exec(stdout)?.[1], { timeout: 30_000, interval: 100 }).toBeDefined();
    const runId = /run (\S+-\w{6})\n/.exec(stdout)![1]!;
    const delay = 500 + Math.floor(Math.random() * 20_000);
    await new Promise((resolve) => setTimeout(resolve, delay));
    const stepsBefore = (stdout.match(/ [✓✗] /g) ?? []).length;
    child.kill("SIGINT");

    expect(await exited, `interrupted after ${delay} ms, ${stepsBefore} steps done`).toBe(130);
    expect(await leftovers(runId)).toBe(0);
  });
});
