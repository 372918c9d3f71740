import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";

/** The pinned versions, recorded once in node/versions.json. */
export interface NodeVersions {
  receptor: string;
  receptorctl: string;
  debianSuite: string;
}

export function pinnedVersions(): NodeVersions {
  return JSON.parse(readFileSync(join(paths.nodeImage, "versions.json"), "utf8")) as NodeVersions;
}

/** The versions for `--receptor <version>`: receptorctl follows receptor. */
export function versionsFor(receptor: string | undefined): NodeVersions {
  const pinned = pinnedVersions();
  if (!receptor) return pinned;
  const bare = receptor.replace(/^v/, "");
  return { ...pinned, receptor: bare, receptorctl: bare };
}
