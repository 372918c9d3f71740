import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { UsageError } from "../errors.js";
import { paths } from "../paths.js";
import type { Progress } from "../progress.js";
import { CONFIG_PATH, CONTROL_SOCKET } from "../topology/receptor-config.js";
import { imageId } from "./base-image.js";
import { missingToolsWarning, parseProbe, probeScript, probeStartFailure, readyImageFacts, readyImageLabel, type ReadyImageFacts } from "./image-probe.js";
import type { ImageBuildOptions } from "./image-options.js";
import type { ExecResult, NodeImage } from "./lab-runtime.js";
import { imageRepository } from "./node-image.js";

/** Runs `sh -c script` in a throwaway container of `image` (DockerRuntime.runScript). */
export type ProbeRunner = (image: string, script: string) => Promise<ExecResult>;

/**
 * A ready image (`--image`): found on the engine or pulled once, then checked in one throwaway
 * container (receptor and receptorctl run, which node tools are missing). The check is cached
 * under `cacheDir/image-probes/` by image id, so a warm call costs one image lookup; `rebuild`
 * checks again.
 */
export async function ensureReadyImage(docker: Docker, ref: string, progress: Progress, options: ImageBuildOptions, run: ProbeRunner): Promise<NodeImage> {
  const id = (await imageId(docker, ref)) ?? (await pulled(docker, ref, progress, options));
  const script = probeScript();
  const cache = join(options.cacheDir, "image-probes", `${createHash("sha256").update(JSON.stringify({ id, script })).digest("hex").slice(0, 16)}.json`);
  let facts = options.rebuild ? undefined : await readFile(cache, "utf8").then((text) => JSON.parse(text) as ReadyImageFacts, () => undefined);
  if (!facts) {
    progress.step(`Checking the image ${ref} for receptor, receptorctl and the tools faults use …`);
    const result = await run(id, script).catch((error: Error) => {
      throw probeStartFailure(ref, error);
    });
    facts = readyImageFacts(ref, parseProbe(result.stdout));
    await mkdir(join(options.cacheDir, "image-probes"), { recursive: true });
    await writeFile(cache, JSON.stringify(facts));
  }
  progress.detail(`${ref} (${id.replace(/^sha256:/, "").slice(0, 12)}): receptor ${facts.receptorVersion}, receptorctl ${facts.receptorctlVersion}`);
  const warning = missingToolsWarning(ref, facts.missingTools);
  if (warning) progress.warn(warning);
  return { tag: ref, receptorVersion: readyImageLabel(facts.receptorVersion, ref), built: false, missingTools: facts.missingTools };
}

/** Pulls `ref` (once; skipped offline) and returns its id, or says why it cannot be had. */
async function pulled(docker: Docker, ref: string, progress: Progress, options: ImageBuildOptions): Promise<string> {
  const failure = options.offline ? "RECEPTOR_LAB_OFFLINE=1 says not to try" : await pull(docker, ref, progress);
  const id = failure ? undefined : await imageId(docker, ref);
  if (id) return id;
  throw new UsageError(
    `no image ${ref} on the Docker engine, and pulling it failed: ${failure ?? "the pull ended without the image"}`,
    "Build it or load it ('docker load -i <file>') on this engine, or check the name ('docker images').",
  );
}

/** The pull's error message, or undefined when it worked. */
function pull(docker: Docker, ref: string, progress: Progress): Promise<string | undefined> {
  progress.step(`No image ${ref} here; pulling it …`);
  return new Promise((resolve) => {
    docker.pull(ref, (error: Error | null, stream?: NodeJS.ReadableStream) => {
      if (error || !stream) return resolve(error?.message ?? "no answer from the engine");
      docker.modem.followProgress(
        stream,
        (done: Error | null) => resolve(done?.message),
        // the ticks of a layer's download carry a progress bar: only its changes of status are worth a line
        (event: { status?: string; id?: string; progress?: string }) => event.progress || progress.detail(`${event.id ? `${event.id}: ` : ""}${event.status ?? ""}`),
      );
    });
  });
}

/** Where traffic-delay.ts runs the delay proxy from; a ready image gets our copy there. */
const delayProxyPath = "/opt/receptor-lab/delay-proxy.py";

/** How a lab container of a ready image starts, whatever the image's ENTRYPOINT, CMD and USER say. */
export interface ReadyImageLaunch {
  entrypoint: string[];
  cmd: string[];
  /** root: iptables needs it, and the node's 0600 keys are root's. */
  user: string;
  env: string[];
  /** Put into the container next to the node's config. */
  files: Record<string, string>;
}

/**
 * undefined for the images the harness builds (receptor-lab-node:*): their tini entrypoint runs
 * `receptor -c CONFIG_PATH` already. Every other image is a ready one and runs the lab's command
 * under Docker's own init (HostConfig.Init), so `docker stop` ends receptor at once.
 */
export function readyImageLaunch(image: string): ReadyImageLaunch | undefined {
  if (image.startsWith(`${imageRepository}:`)) return undefined;
  return {
    entrypoint: ["receptor"],
    cmd: ["-c", CONFIG_PATH],
    user: "0",
    env: [`RECEPTORCTL_SOCKET=${CONTROL_SOCKET}`],
    files: { [delayProxyPath]: readFileSync(join(paths.nodeImage, "delay-proxy.py"), "utf8") },
  };
}
