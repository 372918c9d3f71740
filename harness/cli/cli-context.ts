import type Docker from "dockerode";
import type { Progress } from "../progress.js";
import type { ScenarioCatalog } from "../scenario/scenario-catalog.js";
import type { TopologyCatalog } from "../topology/topology-catalog.js";
import type { Interrupts } from "./interrupts.js";

/** What every command gets from the composition root (main.ts). */
export interface CliContext {
  progress: Progress;
  interrupts: Interrupts;
  /** Writes to stdout: results, tables, JSON. Progress goes to stderr. */
  print(text: string): void;
  /** The Docker client; starts (or installs) the engine on first use where we can. */
  docker(): Promise<Docker>;
  topologies: TopologyCatalog;
  scenarios: ScenarioCatalog;
}

export type Command = (args: string[], context: CliContext) => Promise<number>;
