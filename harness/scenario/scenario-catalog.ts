import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { TopologyCatalog } from "../topology/topology-catalog.js";
import { loadScenarioFile } from "./load-scenario.js";
import type { Scenario } from "./scenario-model.js";

const looksLikePath = (reference: string) => /[\\/]|\.ya?ml$/.test(reference);

/** Built-in scenarios are the YAML files of one folder; a user's own is any file path. */
export class ScenarioCatalog {
  constructor(
    private readonly folder: string,
    private readonly topologies: TopologyCatalog,
  ) {}

  async names(): Promise<string[]> {
    const files = await readdir(this.folder);
    return files.filter((file) => file.endsWith(".yaml")).map((file) => basename(file, ".yaml")).sort();
  }

  async load(nameOrFile: string): Promise<Scenario> {
    const file = looksLikePath(nameOrFile) ? nameOrFile : join(this.folder, `${nameOrFile}.yaml`);
    if (!existsSync(file)) {
      if (looksLikePath(nameOrFile)) throw new UsageError(`scenario file '${nameOrFile}' does not exist`, "Check the path.");
      throw new UsageError(`unknown scenario '${nameOrFile}'`, `Built-in scenarios: ${(await this.names()).join(", ")}. Or pass the path of your own scenario file.`);
    }
    return loadScenarioFile(file, (reference, dir) => this.topologies.load(looksLikePath(reference) ? resolve(dir, reference) : reference));
  }
}
