import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { paths, projectRoot } from "../../paths.js";
import { imageRepository } from "../../runtime/node-image.js";
import { pinnedVersions } from "../../runtime/node-versions.js";
import { composeProject } from "../../topology/compose-project.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab compose";

/** The stable tag every node image build also gets, so committed compose files do not drift. */
export function composeImage(): string {
  return `${imageRepository}:${pinnedVersions().receptor}`;
}

/** Regenerates compose/<topology>/ for every built-in topology. */
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
    context.print(`${relative(process.cwd(), dir) || dir}/: docker-compose.yml and ${topology.nodes.length} node configs`);
  }
  return 0;
};
