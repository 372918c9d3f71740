import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, inject, it } from "vitest";
import "./provided.js";
import { paths } from "../../harness/paths.js";
import { connectDocker } from "../../harness/runtime/docker-engine.js";
import { removeRun } from "../../harness/runtime/lab-removal.js";
import { listLabs } from "../../harness/runtime/lab-registry.js";
import { silentProgress } from "../../harness/progress.js";

/** Every call has a deadline inside the test's own, so a hung command fails with its name; output is kept as printed. */
const run = (command: string, args: string[], cwd?: string) => execa(command, args, { cwd, stdin: "ignore", timeout: 120_000, stripFinalNewline: false });
const tool = inject("compose");
const composeFile = (file: string, ...args: string[]) => run(tool.command, [...tool.args, "-f", file, ...args], dirname(file));
const dir = join(paths.compose, "simple");
const compose = (...args: string[]) => composeFile(join(dir, "docker-compose.yml"), ...args);

/** The exported compose projects work like the documented demos (Debian's docker-compose 1.29, or the v2 plugin). */
describe("compose export", () => {
  afterAll(async () => {
    await compose("down", "--remove-orphans").catch(() => {});
  });

  it.each(["simple", "redundant", "complex"])("compose/%s validates with docker-compose config", async (name) => {
    await expect(composeFile(join(paths.compose, name, "docker-compose.yml"), "config", "-q")).resolves.toBeDefined();
  });

  it("comes up with 'up -d' and answers 'exec node01 receptorctl status' with the demo's routes", async () => {
    await compose("up", "-d");
    let status = "";
    await expect
      .poll(
        async () => {
          status = (await compose("exec", "-T", "node01", "receptorctl", "status", "--json").catch((error) => ({ stdout: String(error) }))).stdout;
          try {
            return JSON.parse(status).RoutingTable;
          } catch {
            return undefined;
          }
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual({ executor01: "relayer01", relayer01: "relayer01" });
    const work = await compose("exec", "-T", "node01", "receptorctl", "work", "submit", "--node", "executor01", "--no-payload", "--rm", "--follow", "gather-hostname");
    expect(work.stdout).toMatch(/^node03\.example\.internal\n/);
  });

  it("is neither listed as a lab nor swept by prune or the test suite's sweeps", async () => {
    const docker = await connectDocker(silentProgress);
    expect((await listLabs(docker)).map((lab) => lab.topology)).not.toContain("simple");
    await removeRun(docker);
    const running = await run("docker", ["ps", "-q", "--filter", "label=receptor-lab.compose=simple"]);
    expect(running.stdout.trim().split("\n")).toHaveLength(3);
  });

  it("stops a node like the demos ('stop node02') and goes down cleanly", async () => {
    await compose("stop", "node02");
    // -a: v2's 'ps' leaves stopped containers out unless asked (1.29 lists them either way).
    const { stdout } = await compose("ps", "-a", "-q", "node02");
    const state = await run("docker", ["inspect", "-f", "{{.State.Running}}", stdout.trim()]);
    expect(state.stdout.trim()).toBe("false");
    await compose("down");
    const left = await run("docker", ["ps", "-aq", "--filter", "label=receptor-lab.compose=simple"]);
    expect(left.stdout.trim()).toBe("");
  });
});
