import type Docker from "dockerode";
import { demultiplex } from "./docker-streams.js";

/** A container's stdout and stderr as one text (Receptor logs to stdout). */
export async function readContainerLogs(docker: Docker, containerName: string, tail?: number): Promise<string> {
  const raw = (await docker
    .getContainer(containerName)
    .logs({ stdout: true, stderr: true, follow: false, ...(tail ? { tail } : {}) })) as unknown as Buffer;
  const { stdout, stderr } = demultiplex(raw);
  return Buffer.concat([stdout, stderr]).toString("utf8");
}
