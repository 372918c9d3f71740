import type { FaultPlan } from "../faults/fault-plan.js";
import type { Progress } from "../progress.js";
import type { Topology } from "../topology/model.js";
import type { Material, MaterialPlan } from "../topology/lab-material.js";
import type { LabSpec } from "./lab-spec.js";
import type { NodeVersions } from "./node-versions.js";
import type { EngineTarget } from "./engines/engine-endpoints.js";

export interface HostAddress {
  host: string;
  port: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface NodeState {
  running: boolean;
  paused: boolean;
}

/**
 * One lab's nodes, whatever runs them: the container faults, exec, logs and files of each node,
 * where its control service answers, and teardown. `destroy()` is safe at any point, repeatedly.
 */
export interface Lab {
  readonly spec: LabSpec;
  nodeIds(): string[];
  /** How a person reaches node `id` by hand (a container name). */
  containerOf(id: string): string;
  /**
   * Gets the given nodes' containers running with receptor held back, where the runtime can
   * (cheaper for the engine before a mesh loads the host); `startNodes` then lets receptor run.
   * Elsewhere it does nothing and `startNodes` starts them.
   */
  prestart(ids: string[]): Promise<void>;
  /** Starts the given nodes together (releases them, when prestarted). */
  startNodes(ids: string[]): Promise<void>;
  /** Where the harness reaches node `id`'s control service (known once it has started). */
  controlAddress(id: string): HostAddress;
  start(id: string): Promise<void>;
  /** Graceful stop: SIGTERM; the node's files survive for a later start. */
  stop(id: string): Promise<void>;
  restart(id: string): Promise<void>;
  kill(id: string): Promise<void>;
  /** Freezes every process of the node: TCP stays open, nothing answers. */
  pause(id: string): Promise<void>;
  unpause(id: string): Promise<void>;
  /** Takes the node off the lab network (and puts it back, with every name it had). */
  disconnect(id: string): Promise<void>;
  connect(id: string): Promise<void>;
  state(id: string): Promise<NodeState>;
  /** The node's address on the lab network (it can change when the node restarts). */
  address(id: string): Promise<string>;
  exec(id: string, command: string[]): Promise<ExecResult>;
  /** A tar stream of `path` inside the node (works on a stopped node too). */
  archive(id: string, path: string): Promise<NodeJS.ReadableStream>;
  logs(id: string, tail?: number): Promise<string>;
  /** What the node logged from `since` on. */
  logsSince(id: string, since: Date): Promise<string>;
  /** The Receptor node `id` runs now (its own, the lab's, or what an upgrade put there). */
  receptorVersionOf(id: string): string;
  /**
   * Upgrade or downgrade: stops the node, replaces its image keeping its data directory (unit
   * directories and their state) and config, as a package upgrade on a host would, and starts it.
   */
  replaceImage(id: string, image: { tag: string; receptorVersion: string }): Promise<void>;
  /** Removes everything of this lab; problems are returned, not thrown. */
  destroy(): Promise<string[]>;
}

/** A lab found running (any process may have started it). */
export interface RunningLab {
  runId: string;
  topology: string;
  receptorVersion: string;
  /** `engine`: the engine other than the harness's own that the node runs on (a lab spread over several). */
  nodes: Array<{ id: string; container: string; containerName: string; state: string; receptorVersion: string; control?: HostAddress; engine?: { name: string; endpoint: string } }>;
}

export interface NodeImage {
  tag: string;
  receptorVersion: string;
  /** Whether this call built it (false: it was already there). */
  built: boolean;
  /** Tools the lab runs inside nodes that a ready image (`--image`) lacks; the faults needing them fail. */
  missingTools?: string[];
}

/** A running lab reopened by another process than the one that started it. */
export interface OpenedLab {
  lab: Lab;
  topology: Topology;
  image: string;
  receptorVersion: string;
}

/** What runs labs: builds the node image, creates labs, finds and removes them. */
export interface LabRuntime {
  /** Labs from now on spread over these engines, this runtime's own first (runtimes that can). */
  spreadOver?(engines: EngineTarget[]): LabRuntime;
  nodeImage(versions: NodeVersions, progress: Progress, options?: { rebuild?: boolean }): Promise<NodeImage>;
  /** Makes (or finds cached) the certificates and keys a lab's plan asks for, with the node image's receptor. */
  labMaterial(plan: MaterialPlan, image: NodeImage, progress: Progress): Promise<Material>;
  createLab(spec: LabSpec): Promise<Lab>;
  /** Every lab this runtime knows of, started by this process or another. */
  listLabs(): Promise<RunningLab[]>;
  /** A running lab, to drive by hand (faults, logs, exec); a UsageError naming the running labs when there is none such. */
  openLab(runId: string): Promise<OpenedLab>;
  /** Faults applied to a running lab by hand, in order, so the next process knows them too. */
  recordFault(runId: string, plan: FaultPlan): Promise<void>;
  recordedFaults(runId: string): Promise<FaultPlan[]>;
  /** Removes the lab `runId`, or every lab; problems are returned, not thrown. */
  removeLabs(runId?: string): Promise<string[]>;
  /** Writes `<dir>/logs/<container>.log` for each node of a running lab. */
  saveLogs(lab: RunningLab, dir: string): Promise<void>;
  /** Runs a command in a node with the terminal attached (e.g. receptorctl); resolves with its exit code. */
  attach(node: RunningLab["nodes"][number], command: string[]): Promise<number>;
  /** Streams the node's log (its last `tail` lines first) to the terminal until interrupted; resolves with an exit code. Runtimes that cannot stream leave it out. */
  followLogs(node: RunningLab["nodes"][number], options?: { tail?: number }): Promise<number>;
}
