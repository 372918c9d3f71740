import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { paths, projectRoot } from "../../paths.js";
import { imageRepository } from "../../runtime/node-image.js";
import { pinnedVersions } from "../../runtime/node-versions.js";
import { composeProject } from "../../topology/compose-project.js";
import { isEmpty, materialPlan, nodeFiles, type MaterialPlan } from "../../topology/lab-material.js";
import type { Topology } from "../../topology/model.js";
import type { CliContext, Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab compose";

/** The stable tag every node image build also gets, so committed compose files do not drift. */
export function composeImage(): string {
  return `${imageRepository}:${pinnedVersions().receptor}`;
}

/** Makes the lab's certificates and keys with the node image and writes them per container. */
async function writeMaterial(topology: Topology, plan: MaterialPlan, dir: string, context: CliContext): Promise<void> {
  const runtime = await context.runtime();
  const image = await runtime.nodeImage(pinnedVersions(), context.progress);
  const files = nodeFiles(topology, await runtime.labMaterial(plan, image, context.progress));
  for (const node of topology.nodes) {
    for (const [path, contents] of Object.entries(files.get(node.id) ?? {})) {
      const target = join(dir, node.container, basename(dirname(path)), basename(path));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, contents, { mode: /\.(key|pem)$/.test(path) ? 0o600 : 0o644 });
    }
  }
}

/** Regenerates compose/<topology>/ for every built-in topology (a TLS lab's material needs the node image). */
export const composeCommand: Command = async (args, context) => {
  parseOptions(args, {}, usage, false);
  for (const name of await context.topologies.names()) {
    const topology = await context.topologies.load(name);
    const dir = join(paths.compose, name);
    await rm(dir, { recursive: true, force: true });
    for (const [file, contents] of Object.entries(composeProject(topology, composeImage(), projectRoot))) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), contents);
    }
    const plan = materialPlan(topology);
    if (!isEmpty(plan)) await writeMaterial(topology, plan, join(dir, "material"), context);
    context.print(`${relative(process.cwd(), dir) || dir}/: docker-compose.yml and ${topology.nodes.length} node configs${isEmpty(plan) ? "" : ", certificates and keys under material/"}`);
  }
  return 0;
};
