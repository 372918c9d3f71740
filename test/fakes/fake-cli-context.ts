import { openLab } from "../../harness/api/open-lab.js";
import type { CliContext } from "../../harness/cli/cli-context.js";
import { Interrupts } from "../../harness/cli/interrupts.js";
import { paths } from "../../harness/paths.js";
import { silentProgress } from "../../harness/progress.js";
import type { LabRuntime } from "../../harness/runtime/lab-runtime.js";
import type { MeshClientFactory } from "../../harness/scenario/lab-session.js";
import { ScenarioCatalog } from "../../harness/scenario/scenario-catalog.js";
import { TopologyCatalog } from "../../harness/topology/topology-catalog.js";

/** What a command gets from main.ts, on a fake runtime; what it prints is kept in `printed`. */
export function fakeCliContext(runtime: LabRuntime, meshClients: MeshClientFactory): { context: CliContext; printed: string[] } {
  const printed: string[] = [];
  const topologies = new TopologyCatalog(paths.topologies);
  const context: CliContext = {
    progress: silentProgress,
    interrupts: new Interrupts(() => {}),
    print: (text) => printed.push(text),
    runtime: async () => runtime,
    openLab: (runId) => openLab(runId, { runtime, meshClients }),
    reportDir: "/nonexistent",
    cacheDir: "/nonexistent",
    topologies,
    scenarios: new ScenarioCatalog(paths.scenarios, topologies),
  };
  return { context, printed };
}

/** A context whose engine must never be asked for: bad input stops before anything starts. `asked` records it if it is. */
export function untouchedCliContext(asked: string[]): CliContext {
  const topologies = new TopologyCatalog(paths.topologies);
  return {
    progress: silentProgress,
    interrupts: new Interrupts(() => {}),
    print: () => {},
    runtime: async () => {
      asked.push("runtime");
      throw new Error("the engine was asked for");
    },
    openLab: async () => {
      asked.push("openLab");
      throw new Error("a lab was asked for");
    },
    reportDir: "/nonexistent",
    cacheDir: "/nonexistent",
    topologies,
    scenarios: new ScenarioCatalog(paths.scenarios, topologies),
  };
}
