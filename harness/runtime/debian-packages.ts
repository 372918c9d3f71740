import { existsSync } from "node:fs";
import type { Progress } from "../progress.js";
import { runCommand } from "./run-command.js";

const installTimeoutMs = 10 * 60_000;
const updateTimeoutMs = 5 * 60_000;

/** Whether we may install Debian packages here: Linux, root, and a Debian (or derived) system. */
export function canInstallDebianPackages(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0 && existsSync("/etc/debian_version");
}

/**
 * Installs Debian packages with apt-get, streaming its output to `progress`. When the install
 * fails (most often: stale package lists), refreshes the lists and tries once more; a second
 * failure is an EnvironmentError carrying `hint`.
 */
export async function installDebianPackages(names: string[], progress: Progress, hint: string): Promise<void> {
  const options = { env: { DEBIAN_FRONTEND: "noninteractive" }, progress, hint };
  const install = () => runCommand("apt-get", ["install", "-y", ...names], { ...options, timeoutMs: installTimeoutMs });
  try {
    await install();
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    progress.detail(first ?? "apt-get install failed");
    progress.detail("apt-get install failed; refreshing the package lists and trying once more …");
    await runCommand("apt-get", ["update"], { ...options, timeoutMs: updateTimeoutMs });
    await install();
  }
}
