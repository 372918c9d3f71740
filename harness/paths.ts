import { homedir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: everything the project ships or builds is found from here. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const paths = {
  topologies: join(projectRoot, "scenarios", "topologies"),
  scenarios: join(projectRoot, "scenarios"),
  nodeImage: join(projectRoot, "node"),
  compose: join(projectRoot, "compose"),
};

/**
 * Build outputs the harness can always recreate: `.cache/` in a checkout (gitignored); in an
 * installed copy, the user's cache folder, never inside node_modules.
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (!projectRoot.split(sep).includes("node_modules")) return join(projectRoot, ".cache");
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "receptor-lab");
}
