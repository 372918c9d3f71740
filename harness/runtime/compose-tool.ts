import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";
import { canInstallDebianPackages, installDebianPackages } from "./debian-packages.js";
import { runCommand } from "./run-command.js";

/** How to run Docker Compose here: `command ...args <compose arguments>`. */
export interface ComposeInvocation {
  command: string;
  args: string[];
}

/** In order of preference: Debian's docker-compose (1.29, what the demos document), then the v2 plugin. */
export const composeCandidates: readonly ComposeInvocation[] = [
  { command: "docker-compose", args: [] },
  { command: "docker", args: ["compose"] },
];

const probeTimeoutMs = 20_000;

const howToInstall =
  "Install Docker Compose, then run the command again: on Debian/Ubuntu 'sudo apt-get install docker-compose' " +
  "(or the docker-compose-plugin package from Docker's repository); Docker Desktop ships 'docker compose'.";

/**
 * Finds a working Docker Compose (`docker-compose`, else `docker compose`). When there is none
 * and this is a Debian machine where we are root, installs Debian's docker-compose with apt-get;
 * anywhere else it stops with an EnvironmentError (exit 3) saying how to install it.
 */
export async function ensureDockerCompose(progress: Progress): Promise<ComposeInvocation> {
  const found = await findCompose();
  if (found) return found;
  if (!canInstallDebianPackages()) {
    throw new EnvironmentError("neither 'docker-compose' nor 'docker compose' works here", howToInstall);
  }
  progress.step("docker-compose not found: installing Debian's docker-compose with apt-get …");
  await installDebianPackages(["docker-compose"], progress, howToInstall);
  const installed = await findCompose();
  if (!installed) {
    throw new EnvironmentError("Debian's docker-compose was installed but 'docker-compose version' still fails", howToInstall);
  }
  progress.detail(`using '${[installed.command, ...installed.args].join(" ")}'`);
  return installed;
}

/** The first candidate whose `version` subcommand succeeds. */
export async function findCompose(candidates: readonly ComposeInvocation[] = composeCandidates): Promise<ComposeInvocation | undefined> {
  for (const candidate of candidates) {
    try {
      await runCommand(candidate.command, [...candidate.args, "version"], { timeoutMs: probeTimeoutMs });
      return { command: candidate.command, args: [...candidate.args] };
    } catch {
      // Not installed or not working: try the next one.
    }
  }
  return undefined;
}
