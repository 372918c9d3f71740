import type { StartedLab } from "../api/started-lab.js";
import type { Progress } from "../progress.js";
import type { LabRuntime } from "../runtime/lab-runtime.js";
import type { ScenarioCatalog } from "../scenario/scenario-catalog.js";
import type { TopologyCatalog } from "../topology/topology-catalog.js";
import type { Interrupts } from "./interrupts.js";

/** What every command gets from the composition root (main.ts). */
export interface CliContext {
  progress: Progress;
  interrupts: Interrupts;
  /** Writes to stdout: results, tables, JSON. Progress goes to stderr. */
  print(text: string): void;
  /** The lab runtime (Docker); starts (or installs) the engine on first use where we can. */
  runtime(): Promise<LabRuntime>;
  /** A running lab to drive by hand: `runId`, or the only one (UsageError otherwise). */
  openLab(runId?: string): Promise<StartedLab>;
  /** Where reports and saved logs go unless a command is told otherwise (./reports). */
  reportDir: string;
  /** Downloads and build outputs (receptor binaries, wheels, the base rootfs). */
  cacheDir: string;
  topologies: TopologyCatalog;
  scenarios: ScenarioCatalog;
}

export type Command = (args: string[], context: CliContext) => Promise<number>;
