import { systemClock, type Clock } from "../clock.js";
import type { FaultPlan } from "../faults/fault-plan.js";
import type { LabRuntime } from "../runtime/lab-runtime.js";
import type { Topology } from "../topology/model.js";
import { readSnapshot, type RunningNode } from "./live-snapshot.js";
import { LiveModel, type LiveModelOptions, type LiveUpdate } from "./live-view.js";

/** The lab a watch follows (a StartedLab is one); nothing of it is changed. */
export interface WatchedLab {
  readonly runId: string;
  readonly topology: Topology;
}

/** What a watch reads from the runtime each poll (any process may fault the lab or remove it). */
export interface WatchSources {
  /** The lab's nodes as listed now; undefined once the lab is gone. */
  nodes(): Promise<RunningNode[] | undefined>;
  /** Every fault recorded with the lab so far, oldest first. */
  faults(): Promise<FaultPlan[]>;
}

export interface WatchOptions extends WatchSources, LiveModelOptions {
  intervalMs: number;
  onUpdate(update: LiveUpdate): void;
  clock?: Clock;
}

export interface Watching {
  /** Ends the watch after the poll under way. */
  stop(): void;
  /** "gone": the lab was removed; rejects when a poll fails for another reason (the engine went away). */
  ended: Promise<"stopped" | "gone">;
}

export function runtimeSources(runtime: LabRuntime, runId: string): WatchSources {
  return {
    nodes: async () => (await runtime.listLabs()).find((lab) => lab.runId === runId)?.nodes,
    faults: () => runtime.recordedFaults(runId),
  };
}

/** Polls `lab` every `intervalMs` and hands each update of its live view to `onUpdate`, until stopped or the lab is gone. */
export function watchLab(lab: WatchedLab, options: WatchOptions): Watching {
  const clock = options.clock ?? systemClock;
  const model = new LiveModel(lab.topology, lab.runId, options);
  let stopped = false;
  const loop = async (): Promise<"stopped" | "gone"> => {
    while (!stopped) {
      const [nodes, faults] = await Promise.all([options.nodes(), options.faults()]);
      if (!nodes) return "gone";
      const snapshot = await readSnapshot(lab.topology, nodes, faults, clock.now());
      if (stopped) break;
      options.onUpdate(model.update(snapshot));
      await clock.sleep(options.intervalMs);
    }
    return "stopped";
  };
  return {
    stop: () => {
      stopped = true;
    },
    ended: loop(),
  };
}
