import { Network, type StartedNetwork } from "testcontainers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./provided.js";
import { WorkState } from "../../harness/mesh/control-types.js";
import { defaultCacheDir } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { connectDocker } from "../../harness/runtime/docker-engine.js";
import { imageBuildOptionsFrom } from "../../harness/runtime/image-options.js";
import { ensureNodeImage } from "../../harness/runtime/node-image.js";
import { pinnedVersions } from "../../harness/runtime/node-versions.js";
import { CONTAINER_MODULE_LABEL, ReceptorContainer, type StartedReceptorContainer } from "../../harness/runtime/receptor-container.js";

// Nothing can be pulled here (environment.md): no Ryuk, no alpine to find the host. A caller's
// own settings win, so a machine with a registry can still use Ryuk.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= "localhost";

/** The docker project's global setup provides the image; run on its own, this file finds (or builds) it. */
async function nodeImage(): Promise<string> {
  const provided = inject("nodeImage") as string | undefined;
  if (provided) return provided;
  const docker = await connectDocker(silentProgress);
  const image = await ensureNodeImage(docker, pinnedVersions(), silentProgress, imageBuildOptionsFrom(process.env, defaultCacheDir(process.env)));
  return image.tag;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ""}`);
}

describe("ReceptorContainer: two real nodes, a peers to b", () => {
  let image: string;
  let network: StartedNetwork | undefined;
  let a: StartedReceptorContainer | undefined;
  let b: StartedReceptorContainer | undefined;

  beforeAll(async () => {
    image = await nodeImage();
    network = await new Network().start();
    a = await new ReceptorContainer(image).withNodeId("a").withListener(7323).withNetwork(network).withNetworkAliases("node-a").start();
    b = await new ReceptorContainer(image)
      .withNodeId("b")
      .withPeer("node-a:7323")
      .withWorkCommand("echo", "bash", { params: "-c cat" })
      .withNetwork(network)
      .start();
  }, 600_000);

  afterAll(async () => {
    // Each stop is independent: one failing must not leave the others behind.
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await network?.stop();
  });

  it("labels the containers as module containers, not as a lab", () => {
    expect(a!.getLabels()).toMatchObject({ [CONTAINER_MODULE_LABEL]: "true", "receptor-lab.node": "a" });
    expect(a!.getLabels()).not.toHaveProperty("receptor-lab.run");
    expect(a!.controlAddress()).toEqual({ host: a!.getHost(), port: a!.getMappedPort(7399) });
  });

  it("routes from a to b and answers ping and traceroute", async () => {
    const client = a!.client();
    const status = await eventually("b in a's routing table", async () => {
      const current = await client.status();
      return current.RoutingTable.b ? current : undefined;
    });
    expect(status.NodeID).toBe("a");
    expect(status.RoutingTable.b).toBe("b");

    const ping = await client.ping("b");
    expect(ping).toMatchObject({ Success: true, From: "b" });
    const hops = await client.traceroute("b");
    expect(hops.map((hop) => hop.from)).toEqual(["a", "b"]);
  });

  it("runs an echo work unit submitted on a on b and streams back the payload", async () => {
    const client = a!.client();
    await eventually("b's echo work type advertised to a", async () => {
      const ads = (await client.status()).Advertisements;
      return ads.some((ad) => ad.NodeID === "b" && ad.WorkCommands?.some((work) => work.WorkType === "echo")) || undefined;
    });
    const payload = "hello from the host\nsecond line\n";
    const submitted = await client.submit({ node: "b", workType: "echo", payload });
    const output = await client.results(submitted.unitId, { timeoutMs: 60_000 });
    expect(output.toString("utf8")).toBe(payload);
    const unit = await eventually("the unit to succeed", async () => {
      const status = await client.workStatus(submitted.unitId);
      return status.State === WorkState.Succeeded ? status : undefined;
    });
    expect(unit.StateName).toBe("Succeeded");
  });

  it("runs the real receptorctl inside, which lists both nodes", async () => {
    const result = await a!.receptorctl(["status"]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Node ID: a\b/);
    expect(result.stdout).toMatch(/^b\s/m);
  });
});

describe("ReceptorContainer start failures", () => {
  it("says why when receptor exits at once (exit code, log tail), and removes the container", async () => {
    const image = await nodeImage();
    const broken = new ReceptorContainer(image).withNodeId("broken").withCommand(["bash", "-c", "echo no receptor today >&2; exit 3"]);
    await expect(broken.start()).rejects.toThrow(/Receptor node "broken" exited \(code 3\)[\s\S]*no receptor today/);
    const docker = await connectDocker(silentProgress);
    const left = await docker.listContainers({ all: true, filters: { label: [`${CONTAINER_MODULE_LABEL}=true`, "receptor-lab.node=broken"] } });
    expect(left).toEqual([]);
  }, 120_000);
});
