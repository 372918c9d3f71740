import type Docker from "dockerode";
import { demultiplex } from "./docker-streams.js";

/** A container's stdout and stderr as one text (Receptor logs to stdout): all, the last `tail` lines, or from `since` on. */
export async function readContainerLogs(docker: Docker, containerName: string, options: { tail?: number; since?: Date } = {}): Promise<string> {
  const raw = (await docker.getContainer(containerName).logs({
    stdout: true,
    stderr: true,
    follow: false,
    ...(options.tail ? { tail: options.tail } : {}),
    // seconds with a fraction: the engine parses "1764579368.123000000"
    ...(options.since ? { since: (options.since.getTime() / 1000).toFixed(9) as unknown as number } : {}),
  })) as unknown as Buffer;
  const { stdout, stderr } = demultiplex(raw);
  return Buffer.concat([stdout, stderr]).toString("utf8");
}
