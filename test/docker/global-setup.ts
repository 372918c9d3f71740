import type Docker from "dockerode";
import type { TestProject } from "vitest/node";
import "./provided.js";
import { defaultCacheDir } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import { ensureDockerCompose } from "../../harness/runtime/compose-tool.js";
import { connectDocker } from "../../harness/runtime/docker-engine.js";
import { removeRun } from "../../harness/runtime/lab-removal.js";
import { labels } from "../../harness/runtime/labels.js";
import { CONTAINER_MODULE_LABEL } from "../../harness/runtime/receptor-container.js";
import { ensureNodeImage } from "../../harness/runtime/node-image.js";
import { imageBuildOptionsFrom } from "../../harness/runtime/image-options.js";
import { pinnedVersions } from "../../harness/runtime/node-versions.js";

/**
 * Before any Docker test: make sure an engine answers (starting one where we can), build the
 * node image if needed, find (or install) Docker Compose, and sweep labs an earlier run left.
 * After all of them: sweep again.
 */
export default async function setup(project: TestProject) {
  const say = (line: string) => process.stderr.write(`[docker tests] ${line}\n`);
  const progress = { ...silentProgress, step: say, warn: say };
  const docker = await connectDocker(progress);
  await sweep(docker);
  const image = await ensureNodeImage(docker, pinnedVersions(), progress, imageBuildOptionsFrom(process.env, defaultCacheDir(process.env)));
  project.provide("nodeImage", image.tag);
  project.provide("receptorVersion", image.receptorVersion);
  project.provide("compose", await ensureDockerCompose(progress));
  return async () => {
    await sweep(docker);
  };
}

/** Labs, and the containers of ReceptorContainer tests and of tool runs, that a crashed run left. */
async function sweep(docker: Docker): Promise<void> {
  await removeRun(docker);
  for (const label of [CONTAINER_MODULE_LABEL, labels.tool]) {
    for (const info of await docker.listContainers({ all: true, filters: { label: [label] } })) {
      await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => {});
    }
  }
}
