import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: everything the project ships or builds is found from here. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const paths = {
  topologies: join(projectRoot, "scenarios", "topologies"),
  scenarios: join(projectRoot, "scenarios"),
  nodeImage: join(projectRoot, "node"),
  reports: join(projectRoot, "reports"),
  compose: join(projectRoot, "compose"),
  /** Build outputs the scripts can always recreate (gitignored). */
  cache: join(projectRoot, ".cache"),
};
