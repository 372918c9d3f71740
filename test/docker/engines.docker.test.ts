import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import "./provided.js";
import Docker from "dockerode";
import { runCli } from "../cli/run-cli.js";
import { docker } from "./lab-fixture.js";

const namespaces = () => execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
const links = () => execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" });

describe("extra Docker engines in network namespaces", () => {
  afterAll(async () => {
    await runCli(["engines", "down"], 120_000);
  });

  it("engines up 2 starts two engines joined to the host's swarm, and engines down removes every trace", { timeout: 300_000 }, async () => {
    const up = await runCli(["engines", "up", "2"], 240_000);
    expect(up.code, `${up.stdout}\n${up.stderr.slice(-3000)}`).toBe(0);
    expect(up.stdout).toMatch(/engine-1\s+10\.213\.213\.11\s+DOCKER_HOST=unix:\/\/\/run\/receptor-lab\/engine-1\/docker\.sock/);
    const again = await runCli(["engines", "up", "1"], 60_000);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("extra engines are already up");

    const nodes = (await docker.listNodes()) as Array<{ Status: { State: string; Addr: string }; Spec: { Role: string } }>;
    expect(nodes.map((node) => [node.Spec.Role, node.Status.Addr]).sort()).toEqual([
      ["manager", "10.213.213.1"],
      ["worker", "10.213.213.11"],
      ["worker", "10.213.213.12"],
    ]);
    await expect.poll(async () => ((await docker.listNodes()) as typeof nodes).every((node) => node.Status.State === "ready"), { timeout: 30_000 }).toBe(true);
    const second = new Docker({ socketPath: "/run/receptor-lab/engine-2/docker.sock" });
    const info = (await second.info()) as { Swarm: { LocalNodeState: string }; DockerRootDir: string };
    expect(info.Swarm.LocalNodeState).toBe("active");
    expect(info.DockerRootDir).toMatch(/engines\/engine-2$/);
    const listed = await runCli(["engines"], 60_000);
    expect(listed.stdout).toMatch(/engine-2 .* answers/);

    const down = await runCli(["engines", "down"], 120_000);
    expect(down.code, down.stderr).toBe(0);
    expect(namespaces()).not.toContain("rlab-engine");
    expect(links()).not.toContain("rlab-e");
    expect(((await docker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState).toBe("inactive");
    expect((await runCli(["engines"], 60_000)).stdout).toContain("No extra engines are up");
  });
});
