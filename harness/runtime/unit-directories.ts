import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { extract } from "tar-fs";
import type { Lab } from "./lab-runtime.js";

/** Copies each node's Receptor data directory (its work units) into `<dir>/units/<container>/`. */
export async function saveUnitDirectories(lab: Lab, dataDir: string, dir: string): Promise<void> {
  await Promise.all(
    lab.spec.nodes.map(async (node) => {
      const target = join(dir, "units", node.container);
      await mkdir(target, { recursive: true });
      try {
        const archive = await lab.archive(node.id, dataDir);
        await pipeline(archive, extract(target));
      } catch {
        // a node that never wrote a unit has no data directory: nothing to keep
      }
    }),
  );
}
