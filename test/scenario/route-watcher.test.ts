import { describe, expect, it } from "vitest";
import { RouteWatcher } from "../../harness/scenario/route-watcher.js";
import { Timeline } from "../../harness/scenario/timeline.js";
import type { NodeId } from "../../harness/topology/model.js";
import { everythingUp, withNodesDown, type MeshState } from "../../harness/topology/routing-oracle.js";
import { FakeClock } from "../fake-clock.js";
import { loadBuiltin } from "../topology/builtin.js";

/** Reports the given route changes (node → at which poll) on the timeline, as MeshObserver would. */
function fakeObserver(timeline: Timeline, changes: Array<{ node: NodeId; poll: number }>) {
  const observer = {
    polls: 0,
    async observeRoutes(nodes: Iterable<NodeId>): Promise<Map<NodeId, Record<string, string>>> {
      observer.polls++;
      for (const change of changes) if (change.poll === observer.polls) timeline.record("route-change", change.node, {});
      return new Map([...nodes].map((node) => [node, {}]));
    },
  };
  return observer;
}

/** The watcher's loop only awaits promises under a fake clock: let it poll `count` times. */
async function pollsDone(observer: { polls: number }, count: number): Promise<void> {
  while (observer.polls < count) await Promise.resolve();
}

describe("RouteWatcher fault metrics", () => {
  it("ignores the faulted nodes' own tables for a group fault", async () => {
    const topology = await loadBuiltin("redundant");
    const clock = new FakeClock();
    const timeline = new Timeline(clock);
    let state: MeshState = everythingUp(topology);
    const observer = fakeObserver(timeline, [{ node: "relayer01", poll: 2 }, { node: "relayer02", poll: 3 }]);
    const watcher = new RouteWatcher(topology, observer, timeline, clock, () => state);
    state = withNodesDown(state, ["relayer01", "relayer02"]);
    watcher.faultApplied({ action: "stop", target: "relayer01, relayer02", nodes: ["relayer01", "relayer02"] }, timeline.now());
    watcher.start();
    await pollsDone(observer, 5);
    await watcher.stop();
    expect(watcher.faults).toHaveLength(1);
    expect(watcher.faults[0]!.nodes).toEqual(["relayer01", "relayer02"]);
    expect(watcher.faults[0]!.routeChangeMs).toBeNull();
  });

  it("counts another node's route change", async () => {
    const topology = await loadBuiltin("redundant");
    const clock = new FakeClock();
    const timeline = new Timeline(clock);
    const state = withNodesDown(everythingUp(topology), ["relayer01"]);
    const observer = fakeObserver(timeline, [{ node: "relayer01", poll: 1 }, { node: "controller01", poll: 3 }]);
    const watcher = new RouteWatcher(topology, observer, timeline, clock, () => state);
    watcher.faultApplied({ action: "isolate", target: "relayer01", nodes: ["relayer01"] }, timeline.now());
    watcher.start();
    await pollsDone(observer, 5);
    await watcher.stop();
    expect(watcher.faults[0]!.routeChangeMs).toBe(400);
  });
});
