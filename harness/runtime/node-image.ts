import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { pack } from "tar-fs";
import { EnvironmentError } from "../errors.js";
import { paths } from "../paths.js";
import type { Progress } from "../progress.js";
import { ensureBaseImage, imageId } from "./base-image.js";
import type { ImageBuildOptions } from "./image-options.js";
import type { NodeImage } from "./lab-runtime.js";
import type { NodeVersions } from "./node-versions.js";
import { ensureReceptorBinary, goArchOf } from "./receptor-binary.js";
import { ensureReceptorctlWheels } from "./receptorctl-wheels.js";

export const imageRepository = "receptor-lab-node";

const contextFiles = ["Dockerfile", "receptor.conf", "delay-proxy.py", join("receptor-build", "tools.go")];

/**
 * The node image for `versions`, built only when no image with the same inputs exists. Its tag
 * encodes the Receptor version and a hash of every input (Dockerfile, files, versions, base
 * image, the engine's architecture), so a warm call costs one image lookup.
 */
export async function ensureNodeImage(docker: Docker, versions: NodeVersions, progress: Progress, options: ImageBuildOptions): Promise<NodeImage> {
  const goarch = await engineGoArch(docker);
  const base = await ensureBaseImage(docker, versions.debianSuite, progress, options);
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ versions, base: base.id, arch: goarch }));
  for (const file of contextFiles) hash.update(await readFile(join(paths.nodeImage, file)));
  const tag = `${imageRepository}:${versions.receptor}-${hash.digest("hex").slice(0, 12)}`;
  if (!options.rebuild && (await imageId(docker, tag))) {
    await tagStable(docker, tag, versions.receptor);
    return { tag, receptorVersion: versions.receptor, built: false };
  }

  const binary = await ensureReceptorBinary(versions, goarch, progress, options.cacheDir);
  const wheels = await ensureReceptorctlWheels(versions.receptorctl, goarch, progress, options.cacheDir);
  const context = join(options.cacheDir, "image-context");
  await rm(context, { recursive: true, force: true });
  await mkdir(join(context, "wheels"), { recursive: true });
  await cp(join(paths.nodeImage, "Dockerfile"), join(context, "Dockerfile"));
  for (const file of ["receptor.conf", "delay-proxy.py"]) await cp(join(paths.nodeImage, file), join(context, file));
  await cp(binary, join(context, "receptor"));
  for (const wheel of await readdir(wheels)) await cp(join(wheels, wheel), join(context, "wheels", wheel));

  progress.step(`Building the node image ${tag} on ${base.ref} (${base.origin}) …`);
  await buildImage(docker, context, tag, { BASE_IMAGE: base.ref, RECEPTORCTL_VERSION: versions.receptorctl }, progress);
  await rm(context, { recursive: true, force: true });
  await tagStable(docker, tag, versions.receptor);
  return { tag, receptorVersion: versions.receptor, built: true };
}

/** The GOARCH of the engine's machine: the containers run there, not necessarily on this host. */
async function engineGoArch(docker: Docker): Promise<string> {
  const { Architecture } = (await docker.info()) as { Architecture?: string };
  const goarch = goArchOf(Architecture ?? "");
  if (!goarch) {
    throw new EnvironmentError(
      `the Docker engine runs on '${Architecture ?? "an unknown architecture"}', for which receptor-lab does not build node images`,
      "Use a Docker engine on x86_64 or aarch64.",
    );
  }
  return goarch;
}

/** Also tags the image `receptor-lab-node:<version>`, the name the compose projects use. */
async function tagStable(docker: Docker, tag: string, version: string): Promise<void> {
  await docker.getImage(tag).tag({ repo: imageRepository, tag: version });
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

async function buildImage(docker: Docker, context: string, tag: string, buildargs: Record<string, string>, progress: Progress): Promise<void> {
  const tarball = pack(context) as unknown as NodeJS.ReadableStream;
  const stream: NodeJS.ReadableStream = await docker.buildImage(tarball, {
    t: tag,
    buildargs,
    labels: { "receptor-lab.image": "node" },
    rm: true,
    forcerm: true,
  });
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: BuildEvent[]) => {
        const failed = error?.message ?? events.find((event) => event.error)?.error;
        if (!failed) return resolve();
        reject(
          new EnvironmentError(`the node image build failed: ${failed}\n${tail.slice(-15).join("\n")}`, "Read the build output above; 'receptor-lab image --rebuild' retries from scratch."),
        );
      },
      (event: BuildEvent) => {
        for (const line of (event.stream ?? "").split("\n")) {
          if (!line.trim()) continue;
          tail.push(line);
          progress.detail(line);
        }
      },
    );
  });
}
