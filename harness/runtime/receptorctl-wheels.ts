import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";
import { runCommand } from "./run-command.js";

const downloadTimeoutMs = 5 * 60_000;

/** The manylinux machine name for a GOARCH we build for. */
const wheelMachine: Record<string, string> = { amd64: "x86_64", arm64: "aarch64" };

/**
 * Downloads receptorctl and its dependencies from PyPI as wheels for the image's Python
 * (Debian bookworm: CPython 3.11) on linux/`goarch`, the node containers' platform (cached per
 * version and platform), so the image build itself needs no network.
 */
export async function ensureReceptorctlWheels(version: string, goarch: string, progress: Progress, cacheDir: string): Promise<string> {
  const machine = wheelMachine[goarch];
  if (!machine) throw new EnvironmentError(`no receptorctl wheels for linux/${goarch}`, "Use a Docker engine on x86_64 or aarch64.");
  const dir = join(cacheDir, "receptorctl", version, `linux-${goarch}`);
  if (existsSync(dir) && (await readdir(dir)).some((file) => file.startsWith("receptorctl-"))) return dir;
  progress.step(`Downloading receptorctl ${version} and its dependencies from PyPI …`);
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await runCommand(
    "python3",
    [
      "-m", "pip", "download", "--disable-pip-version-check", "--only-binary=:all:",
      "--platform", `manylinux2014_${machine}`, "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
      "-d", partial, `receptorctl==${version}`,
    ],
    { progress, timeoutMs: downloadTimeoutMs, hint: "Check that python3 with pip is installed and PyPI is reachable." },
  );
  await rename(partial, dir);
  return dir;
}
