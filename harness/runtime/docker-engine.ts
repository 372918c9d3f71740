import { spawn } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import Docker from "dockerode";
import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";
import { hasCommand, runCommand } from "./run-command.js";

const dockerdLog = "/var/log/receptor-lab-dockerd.log";
const startupTimeoutMs = 60_000;

const howToStart =
  "Start a Docker engine (e.g. 'sudo systemctl start docker', or Docker Desktop) or point DOCKER_HOST at one, then run the command again.";

/**
 * Returns a client for a Docker engine that answers. When none does and this is a Debian
 * machine where we are root, installs Debian's docker.io if needed and starts dockerd in the
 * background; anywhere else it stops with exit 3 and says how to start Docker.
 */
export async function connectDocker(progress: Progress): Promise<Docker> {
  const docker = new Docker();
  if (await answers(docker)) return docker;

  const where = process.env.DOCKER_HOST ?? "/var/run/docker.sock";
  const canProvision =
    process.platform === "linux" &&
    process.getuid?.() === 0 &&
    existsSync("/etc/debian_version") &&
    (process.env.DOCKER_HOST === undefined || process.env.DOCKER_HOST.startsWith("unix://"));
  if (!canProvision) throw new EnvironmentError(`no Docker engine answers at ${where}`, howToStart);

  if (!(await hasCommand("dockerd"))) {
    progress.step("No Docker engine here: installing Debian's docker.io with apt-get …");
    await installDockerIo(progress);
  }
  if (!(await dockerdRunning())) {
    progress.step(`Starting dockerd in the background (log: ${dockerdLog}) …`);
    const log = openSync(dockerdLog, "a");
    spawn("dockerd", [], { detached: true, stdio: ["ignore", log, log] }).unref();
  } else {
    progress.step("dockerd is already starting; waiting for it to answer …");
  }
  const deadline = Date.now() + startupTimeoutMs;
  while (Date.now() < deadline) {
    if (await answers(docker)) {
      progress.step("Docker engine is up.");
      return docker;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new EnvironmentError(
    `dockerd did not answer within ${startupTimeoutMs / 1000} s at ${where}`,
    `Read ${dockerdLog} for the reason, fix it, and run the command again.`,
  );
}

async function answers(docker: Docker): Promise<boolean> {
  try {
    await docker.ping();
    return true;
  } catch {
    return false;
  }
}

async function dockerdRunning(): Promise<boolean> {
  try {
    await runCommand("pgrep", ["-x", "dockerd"]);
    return true;
  } catch {
    return false;
  }
}

async function installDockerIo(progress: Progress): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const hint = "Install Docker by hand ('apt-get install docker.io') and start it, then run the command again.";
  try {
    await runCommand("apt-get", ["install", "-y", "docker.io"], { env, progress, hint });
  } catch {
    progress.detail("apt-get install failed; refreshing the package lists and trying once more …");
    await runCommand("apt-get", ["update"], { env, progress, hint });
    await runCommand("apt-get", ["install", "-y", "docker.io"], { env, progress, hint });
  }
}
