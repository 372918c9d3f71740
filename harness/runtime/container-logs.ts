import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
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

/** Writes `<dir>/logs/<short>.log` for each container; a log that cannot be read says why. */
export async function saveContainerLogs(
  docker: Docker,
  containers: Array<{ short: string; containerName: string }>,
  dir: string,
): Promise<void> {
  await mkdir(join(dir, "logs"), { recursive: true });
  await Promise.all(
    containers.map(async ({ short, containerName }) => {
      const text = await readContainerLogs(docker, containerName).catch((error: Error) => `(logs unavailable: ${error.message})\n`);
      await writeFile(join(dir, "logs", `${short}.log`), text);
    }),
  );
}
