import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { EnvironmentError } from "../errors.js";
import type { ImageBuildOptions } from "./image-options.js";
import type { Progress } from "../progress.js";
import { installDebianPackages } from "./debian-packages.js";
import { hasCommand, runCommand, startCommand } from "./run-command.js";

/** Debian packages the node image needs; a debootstrapped base holds them all. */
export const basePackages = ["bash", "coreutils", "grep", "iproute2", "iptables", "procps", "tini", "python3", "python3-venv"];

export interface BaseImage {
  ref: string;
  id: string;
  origin: "override" | "stock" | "pulled" | "debootstrap";
}

const pullTimeoutMs = 30_000;
const debootstrapTimeoutMs = 20 * 60_000;
const tarTimeoutMs = 10 * 60_000;

/**
 * Finds a Debian base image, in this order: RECEPTOR_LAB_BASE_IMAGE; a stock `debian:<suite>-slim`
 * already here; our own debootstrapped base already here; a pull of the stock image (skipped with
 * RECEPTOR_LAB_OFFLINE=1); else a base made here with debootstrap and `docker import`.
 */
export async function ensureBaseImage(docker: Docker, suite: string, progress: Progress, options: ImageBuildOptions): Promise<BaseImage> {
  const override = options.baseImage;
  if (override) {
    const id = await imageId(docker, override);
    if (!id) throw new EnvironmentError(`RECEPTOR_LAB_BASE_IMAGE names '${override}', which is not a local image`, "Build or load that image first, or unset the variable.");
    return { ref: override, id, origin: "override" };
  }
  const stock = `debian:${suite}-slim`;
  const local = `receptor-lab-base:${suite}-${createHash("sha256").update(basePackages.join(",")).digest("hex").slice(0, 12)}`;
  for (const [ref, origin] of [[stock, "stock"], [local, "debootstrap"]] as const) {
    const id = await imageId(docker, ref);
    if (id) return { ref, id, origin };
  }
  if (!options.offline && (await tryPull(docker, stock, progress))) {
    return { ref: stock, id: (await imageId(docker, stock))!, origin: "pulled" };
  }
  await debootstrapBase(docker, suite, local, progress, options);
  return { ref: local, id: (await imageId(docker, local))!, origin: "debootstrap" };
}

export async function imageId(docker: Docker, ref: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch {
    return undefined;
  }
}

async function tryPull(docker: Docker, ref: string, progress: Progress): Promise<boolean> {
  progress.step(`Trying to pull ${ref} (up to ${pullTimeoutMs / 1000} s; set RECEPTOR_LAB_OFFLINE=1 to skip) …`);
  const pulled = new Promise<boolean>((resolve) => {
    docker.pull(ref, (error: Error | null, stream?: NodeJS.ReadableStream) => {
      if (error || !stream) return resolve(false);
      docker.modem.followProgress(stream, (done: Error | null) => resolve(!done));
    });
  });
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), pullTimeoutMs).unref());
  const ok = await Promise.race([pulled, timeout]);
  if (!ok) progress.detail(`no registry answered for ${ref}; building a Debian base locally instead`);
  return ok;
}

async function debootstrapBase(docker: Docker, suite: string, tag: string, progress: Progress, options: ImageBuildOptions): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new EnvironmentError(
      "no Debian base image is available and making one with debootstrap needs root",
      `Run this once as root, or load a Debian image ('docker load') and set RECEPTOR_LAB_BASE_IMAGE to it.`,
    );
  }
  if (!(await hasCommand("debootstrap"))) {
    progress.step("Installing debootstrap with apt-get …");
    await installDebianPackages(["debootstrap"], progress, "Install debootstrap by hand ('apt-get install debootstrap') and run the command again.");
  }
  const mirror = options.debianMirror ?? "http://deb.debian.org/debian";
  const rootfs = join(options.cacheDir, `rootfs-${suite}`);
  await rm(rootfs, { recursive: true, force: true });
  progress.step(`Making a Debian ${suite} base with debootstrap from ${mirror} (first time only, about 1–2 minutes) …`);
  try {
    await runCommand("debootstrap", ["--variant=minbase", `--include=${basePackages.join(",")}`, suite, rootfs, mirror], {
      timeoutMs: debootstrapTimeoutMs,
      progress,
      hint: "Check that the Debian mirror is reachable (RECEPTOR_LAB_DEBIAN_MIRROR overrides it).",
    });
    await rm(join(rootfs, "var/cache/apt/archives"), { recursive: true, force: true });
    await rm(join(rootfs, "var/lib/apt/lists"), { recursive: true, force: true });
    progress.step(`Importing the root filesystem as ${tag} …`);
    await importRootfs(docker, rootfs, tag, progress);
  } finally {
    if (existsSync(rootfs)) await rm(rootfs, { recursive: true, force: true });
  }
}

/**
 * Streams `tar -c` of the root filesystem into `docker import`. tar's own exit matters: a tar that
 * fails part-way still ends its stdout, and docker would tag the truncated archive as our base.
 */
export async function importRootfs(docker: Docker, rootfs: string, tag: string, progress: Progress): Promise<void> {
  const tar = startCommand("tar", ["-C", rootfs, "--numeric-owner", "-c", "."], {
    timeoutMs: tarTimeoutMs,
    progress,
    pipeStdout: true,
    hint: `Check that ${rootfs} is readable and the disk is not full, then run the command again.`,
  });
  const [repo, version] = tag.split(":");
  let stoppedTar = false;
  const imported = new Promise<void>((resolve, reject) => {
    docker.importImage(tar.subprocess.stdout!, { repo, tag: version }, (error: Error | null, stream?: NodeJS.ReadableStream) => {
      if (error || !stream) return reject(new EnvironmentError(`docker import of ${tag} failed: ${error?.message}`, undefined, { cause: error }));
      docker.modem.followProgress(stream, (done: Error | null) =>
        done ? reject(new EnvironmentError(`docker import of ${tag} failed: ${done.message}`, undefined, { cause: done })) : resolve(),
      );
    });
  }).catch((error: unknown) => {
    // Nobody reads tar's output any more: stop it rather than let it block until its timeout.
    if (tar.subprocess.exitCode === null && tar.subprocess.signalCode === null) {
      stoppedTar = true;
      tar.subprocess.kill();
    }
    throw error;
  });
  const [tarOutcome, importOutcome] = await Promise.allSettled([tar.finished, imported]);
  if (tarOutcome.status === "rejected" && !stoppedTar) {
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => {});
    throw tarOutcome.reason;
  }
  if (importOutcome.status === "rejected") throw importOutcome.reason;
}
