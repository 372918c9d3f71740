import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";
import { parseReceptorSpec } from "../receptor-spec.js";
import { receptorBuilt, resolveOnProxy } from "./receptor-query.js";
import { localReceptorSource, type LocalReceptorSource } from "./receptor-source.js";

/** The pinned versions, recorded once in node/versions.json. */
export interface NodeVersions {
  /** A release (1.6.5), a pseudo-version from the Go module proxy, or `local-<commit or content hash>` for a source tree. */
  receptor: string;
  receptorctl: string;
  debianSuite: string;
  /** The Receptor source tree `receptor` is built from, when it is not from the module proxy. */
  source?: LocalReceptorSource;
  /** A ready image holding receptor and receptorctl: used as it is, nothing is built. */
  image?: string;
}

export function pinnedVersions(): NodeVersions {
  return JSON.parse(readFileSync(join(paths.nodeImage, "versions.json"), "utf8")) as NodeVersions;
}

/** Which Receptor a lab runs: `--receptor`, `--receptorctl`, `--image`. */
export interface ReceptorChoice {
  /** A release, a commit or pseudo-version on the Go module proxy, or a source tree's path. */
  receptor?: string;
  receptorctl?: string;
  /** A ready image (exclusive with `receptor`). */
  image?: string;
  /** The build cache: a release built before needs no proxy. */
  cacheDir: string;
  /** Added to `go`'s environment when the proxy is asked. */
  goEnv?: NodeJS.ProcessEnv;
}

/**
 * The versions for a choice, checked before anything starts: a source tree must be a Receptor
 * tree, and a release or commit must be one the Go module proxy serves (asked only when it is not
 * built yet). receptorctl follows a release and stays at the pinned one otherwise (PyPI has no
 * receptorctl for a commit or a tree); `receptorctl` overrides both.
 */
export async function versionsFor(choice: ReceptorChoice): Promise<NodeVersions> {
  const pinned = pinnedVersions();
  const client = choice.receptorctl?.replace(/^v/, "");
  const withClient = (versions: NodeVersions): NodeVersions => (client ? { ...versions, receptorctl: client } : versions);
  if (choice.image) return withClient({ ...pinned, image: choice.image });
  if (!choice.receptor) return withClient(pinned);
  const spec = parseReceptorSpec(choice.receptor);
  const proxy = { cacheDir: choice.cacheDir, ...(choice.goEnv ? { env: choice.goEnv } : {}) };
  switch (spec.kind) {
    case "path": {
      const { label, ...source } = await localReceptorSource(spec.path);
      return withClient({ ...pinned, receptor: label, source });
    }
    case "release":
      if (!receptorBuilt(spec.version, choice.cacheDir)) await resolveOnProxy(`v${spec.version}`, { ...proxy, tolerateUnreachable: true });
      return withClient({ ...pinned, receptor: spec.version, receptorctl: spec.version });
    case "module-query": {
      const version = (await resolveOnProxy(spec.query, proxy))!;
      return withClient({ ...pinned, receptor: version });
    }
  }
}
