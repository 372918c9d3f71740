import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { UsageError } from "../errors.js";
import { loadTopologyFile } from "./load-topology.js";
import type { Topology } from "./model.js";

/** Built-in topologies are the YAML files of one folder; a user's own is any file path. */
export class TopologyCatalog {
  constructor(private readonly folder: string) {}

  async names(): Promise<string[]> {
    const files = await readdir(this.folder);
    return files.filter((file) => file.endsWith(".yaml")).map((file) => basename(file, ".yaml")).sort();
  }

  /** `redundant` → the built-in file; anything with a slash or a .yaml/.yml suffix → that file. */
  async load(nameOrFile: string): Promise<Topology> {
    if (/[\\/]|\.ya?ml$/.test(nameOrFile)) {
      if (!existsSync(nameOrFile)) throw new UsageError(`topology file '${nameOrFile}' does not exist`, "Check the path.");
      return loadTopologyFile(nameOrFile);
    }
    const file = join(this.folder, `${nameOrFile}.yaml`);
    if (!existsSync(file)) {
      const names = await this.names();
      throw new UsageError(
        `unknown topology '${nameOrFile}'`,
        `Built-in topologies: ${names.join(", ")}. Or pass the path of your own topology file.`,
      );
    }
    return loadTopologyFile(file);
  }
}
