import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths, projectRoot } from "../paths.js";
import { pinnedVersions } from "../runtime/node-versions.js";

/** `--version`: the harness, and the Receptor and receptorctl its node image pins. */
export function versionText(): string {
  const harness = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string }).version;
  const pinned = pinnedVersions();
  return [
    `receptor-lab ${harness}`,
    `receptor ${pinned.receptor} (node image default; --receptor <version> picks another)`,
    `receptorctl ${pinned.receptorctl}`,
    `node image base: Debian ${pinned.debianSuite} (${paths.nodeImage})`,
  ].join("\n");
}
