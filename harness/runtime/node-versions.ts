import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";
import { localReceptorSource, looksLikePath, type LocalReceptorSource } from "./receptor-source.js";

/** The pinned versions, recorded once in node/versions.json. */
export interface NodeVersions {
  /** A release (1.6.5), or `local-<commit or content hash>` for a source tree. */
  receptor: string;
  receptorctl: string;
  debianSuite: string;
  /** The Receptor source tree `receptor` is built from, when it is not a release. */
  source?: LocalReceptorSource;
}

export function pinnedVersions(): NodeVersions {
  return JSON.parse(readFileSync(join(paths.nodeImage, "versions.json"), "utf8")) as NodeVersions;
}

/**
 * The versions for `--receptor <version | path>`: receptorctl follows a release, and stays at the
 * pinned one for a source tree (PyPI has no receptorctl for it); `receptorctl` overrides both.
 */
export async function versionsFor(receptor: string | undefined, receptorctl?: string): Promise<NodeVersions> {
  const pinned = pinnedVersions();
  const client = receptorctl?.replace(/^v/, "");
  if (!receptor) return { ...pinned, ...(client ? { receptorctl: client } : {}) };
  if (looksLikePath(receptor)) {
    const { label, ...source } = await localReceptorSource(receptor);
    return { ...pinned, receptor: label, receptorctl: client ?? pinned.receptorctl, source };
  }
  const bare = receptor.replace(/^v/, "");
  return { ...pinned, receptor: bare, receptorctl: client ?? bare };
}
