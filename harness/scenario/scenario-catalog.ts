import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { TopologyCatalog } from "../topology/topology-catalog.js";
import { loadScenarioFile } from "./load-scenario.js";
import type { Scenario } from "./scenario-model.js";

const looksLikePath = (reference: string) => /[\\/]|\.ya?ml$/.test(reference);
const bugName = /^bug-(\d+)$/;

/**
 * Built-in scenarios are the YAML files of one folder, and the bug atlas those of its `bugs/`
 * folder (`bugs/711.yaml` is `bug-711`); a user's own is any file path.
 */
export class ScenarioCatalog {
  constructor(
    private readonly folder: string,
    private readonly topologies: TopologyCatalog,
  ) {}

  async names(): Promise<string[]> {
    return yamlNames(this.folder);
  }

  /** The bug scenarios, as `bug-<issue>`, by issue number. */
  async bugNames(): Promise<string[]> {
    const issues = await yamlNames(join(this.folder, "bugs"));
    return issues.sort((a, b) => Number(a) - Number(b)).map((issue) => `bug-${issue}`);
  }

  async load(nameOrFile: string): Promise<Scenario> {
    const bug = bugName.exec(nameOrFile);
    const file = looksLikePath(nameOrFile) ? nameOrFile : bug ? join(this.folder, "bugs", `${bug[1]}.yaml`) : join(this.folder, `${nameOrFile}.yaml`);
    if (!existsSync(file)) {
      if (looksLikePath(nameOrFile)) throw new UsageError(`scenario file '${nameOrFile}' does not exist`, "Check the path.");
      if (bug) throw new UsageError(`no bug scenario for ansible/receptor#${bug[1]}`, `Bug scenarios: ${(await this.bugNames()).join(", ")}.`);
      throw new UsageError(`unknown scenario '${nameOrFile}'`, `Built-in scenarios: ${(await this.names()).join(", ")}; bug scenarios: ${(await this.bugNames()).join(", ")}. Or pass the path of your own scenario file.`);
    }
    return loadScenarioFile(file, (reference, dir) => this.topologies.load(looksLikePath(reference) ? resolve(dir, reference) : reference));
  }
}

async function yamlNames(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const files = await readdir(folder);
  return files.filter((file) => file.endsWith(".yaml")).map((file) => basename(file, ".yaml")).sort();
}
