import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { paths } from "../../harness/paths.js";

const run = promisify(execFile);
const dir = join(paths.compose, "simple");
const compose = (...args: string[]) => run("docker-compose", ["-f", join(dir, "docker-compose.yml"), ...args], { cwd: dir });

/** The exported compose projects work like the documented demos (Debian's docker-compose 1.29). */
describe("compose export", () => {
  afterAll(async () => {
    await compose("down", "--remove-orphans").catch(() => {});
  });

  it.each(["simple", "redundant", "complex"])("compose/%s validates with docker-compose config", async (name) => {
    const file = join(paths.compose, name, "docker-compose.yml");
    await expect(run("docker-compose", ["-f", file, "config", "-q"])).resolves.toBeDefined();
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

  it("stops a node like the demos ('stop node02') and goes down cleanly", async () => {
    await compose("stop", "node02");
    const { stdout } = await compose("ps", "-q", "node02");
    const state = await run("docker", ["inspect", "-f", "{{.State.Running}}", stdout.trim()]);
    expect(state.stdout.trim()).toBe("false");
    await compose("down");
    const left = await run("docker", ["ps", "-aq", "--filter", "label=receptor-lab.run=compose-simple"]);
    expect(left.stdout.trim()).toBe("");
  });
});
