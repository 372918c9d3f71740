import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Lab } from "./lab-runtime.js";

/** Writes `<dir>/logs/<name>.log` for each entry; a log that cannot be read says why. */
export async function writeLogFiles(dir: string, logs: Array<{ name: string; read: () => Promise<string> }>): Promise<void> {
  await mkdir(join(dir, "logs"), { recursive: true });
  await Promise.all(
    logs.map(async ({ name, read }) => {
      const text = await read().catch((error: Error) => `(logs unavailable: ${error.message})\n`);
      await writeFile(join(dir, "logs", `${name}.log`), text);
    }),
  );
}

/** Writes `<dir>/logs/<container>.log` for each node of `lab`. */
export function saveNodeLogs(lab: Lab, dir: string): Promise<void> {
  return writeLogFiles(dir, lab.spec.nodes.map((node) => ({ name: node.container, read: () => lab.logs(node.id) })));
}

/** Every node's log now, by node id (a log that cannot be read says why). */
export async function readNodeLogs(lab: Lab): Promise<Record<string, string>> {
  const entries = await Promise.all(lab.nodeIds().map(async (id) => [id, await lab.logs(id).catch((error: Error) => `(logs unavailable: ${error.message})\n`)] as const));
  return Object.fromEntries(entries);
}
