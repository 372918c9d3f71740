import { closeSync, openSync } from "node:fs";
import Docker from "dockerode";
import { execa, ExecaError } from "execa";
import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";
import { canInstallDebianPackages, installDebianPackages } from "./debian-packages.js";
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
  const canProvision = canInstallDebianPackages() && (process.env.DOCKER_HOST === undefined || process.env.DOCKER_HOST.startsWith("unix://"));
  if (!canProvision) throw new EnvironmentError(`no Docker engine answers at ${where}`, howToStart);

  if (!(await hasCommand("dockerd"))) {
    progress.step("No Docker engine here: installing Debian's docker.io with apt-get …");
    await installDebianPackages(["docker.io"], progress, "Install Docker by hand ('apt-get install docker.io') and start it, then run the command again.");
  }
  const readLog = `Read ${dockerdLog} for the reason, fix it, and run the command again.`;
  let ended: string | undefined;
  if (!(await dockerdRunning())) {
    progress.step(`Starting dockerd in the background (log: ${dockerdLog}) …`);
    startDockerd((why) => (ended = why));
  } else {
    progress.step("dockerd is already starting; waiting for it to answer …");
  }
  const deadline = Date.now() + startupTimeoutMs;
  while (Date.now() < deadline) {
    if (await answers(docker)) {
      progress.step("Docker engine is up.");
      return docker;
    }
    if (ended) throw new EnvironmentError(`dockerd ${ended} before it answered at ${where}`, readLog);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new EnvironmentError(`dockerd did not answer within ${startupTimeoutMs / 1000} s at ${where}`, readLog);
}

/**
 * Starts dockerd detached in its own process group, its output appended to the log, and lets
 * this process exit without it (no timeout: it is meant to outlive us). `onEnd` hears if it
 * stops while we are still here.
 */
function startDockerd(onEnd: (why: string) => void): void {
  // execa passes a numeric descriptor straight to spawn (no pipe through us, so dockerd keeps
  // its log after we exit); its types only spell out descriptors 3–9, hence the cast.
  const log = openSync(dockerdLog, "a") as 3;
  try {
    const dockerd = execa("dockerd", [], { detached: true, cleanup: false, stdin: "ignore", stdout: log, stderr: log });
    dockerd.unref();
    dockerd.then(
      (result) => onEnd(`exited with code ${result.exitCode}`),
      (error: unknown) => onEnd(endReason(error)),
    );
  } finally {
    closeSync(log);
  }
}

function endReason(error: unknown): string {
  if (!(error instanceof ExecaError)) return `failed: ${String(error)}`;
  if (error.signal) return `was killed by ${error.signal}`;
  if (error.exitCode !== undefined) return `exited with code ${error.exitCode}`;
  return `could not start (${error.originalMessage})`;
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
    await runCommand("pgrep", ["-x", "dockerd"], { timeoutMs: 5_000 });
    return true;
  } catch {
    return false;
  }
}
