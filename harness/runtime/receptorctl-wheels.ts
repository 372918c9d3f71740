import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { paths } from "../paths.js";
import type { Progress } from "../progress.js";
import { runCommand } from "./run-command.js";

/**
 * Downloads receptorctl and its dependencies from PyPI as wheels for the image's Python
 * (Debian bookworm: CPython 3.11), so the image build itself needs no network.
 */
export async function ensureReceptorctlWheels(version: string, progress: Progress): Promise<string> {
  const dir = join(paths.cache, "receptorctl", version);
  if (existsSync(dir) && (await readdir(dir)).some((file) => file.startsWith("receptorctl-"))) return dir;
  progress.step(`Downloading receptorctl ${version} and its dependencies from PyPI …`);
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const machine = process.arch === "arm64" ? "aarch64" : "x86_64";
  await runCommand(
    "python3",
    [
      "-m", "pip", "download", "--disable-pip-version-check", "--only-binary=:all:",
      "--platform", `manylinux2014_${machine}`, "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
      "-d", partial, `receptorctl==${version}`,
    ],
    { progress, hint: "Check that python3 with pip is installed and PyPI is reachable." },
  );
  await rename(partial, dir);
  return dir;
}
