import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeImagesOf, resolveNodeBuilds, resolveUpgradeBuilds } from "../../harness/api/node-builds.js";
import { paths } from "../../harness/paths.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";
import { InputError } from "../../harness/errors.js";
import { parseTopology } from "../../harness/topology/load-topology.js";
import { FakeRuntime } from "../fakes/fake-runtime.js";

const topology = (builds: string[]) =>
  parseTopology(
    "mixed.yaml",
    `name: mixed
nodes:
  - id: controller
    container: c
    listen: [{ port: 7323 }]
${builds.map((build, index) => `  - id: e${index}\n    container: e${index}\n    dial: [{ to: controller }]\n    ${build}\n`).join("")}`,
  );

describe("resolving nodes' own Receptors", () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "rlab-builds-"));

  it("resolves each distinct build once and gives every node that names it the same image", async () => {
    const builds = await resolveNodeBuilds(topology(["image: a:1", "image: a:1", "image: b:2"]), { cacheDir });
    expect([...builds.values()].map(({ versions, nodes }) => [versions.image, nodes])).toEqual([
      ["a:1", ["e0", "e1"]],
      ["b:2", ["e2"]],
    ]);
    const images = await nodeImagesOf(builds, new FakeRuntime(), { step() {}, detail() {}, warn() {} });
    expect([...images].map(([node, image]) => [node, image.tag])).toEqual([
      ["e0", "fake-node:1.6.5"],
      ["e1", "fake-node:1.6.5"],
      ["e2", "fake-node:1.6.5"],
    ]);
  });

  it("turns a build that cannot be had into an error at the node's line (exit 2), before anything starts", async () => {
    const failure = resolveNodeBuilds(topology(["receptor: /nowhere/receptor-tree"]), { cacheDir });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(/^mixed\.yaml:9:15: node e0: /);
  });

  it("resolves the Receptor an upgrade step names before anything starts, and a bad one is an error at its `to:`", async () => {
    const file = join(cacheDir, "upgrade.yaml");
    writeFileSync(file, "name: up\ntitle: up\ntopology: redundant\nsteps:\n  - upgrade: { node: relayer01, to: ./no-such-tree }\n");
    const scenario = await new ScenarioCatalog(paths.scenarios, new TopologyCatalog(paths.topologies)).load(file);
    const failure = resolveUpgradeBuilds(scenario, { cacheDir });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5:\\d+: upgrade step: `));
  });
});
