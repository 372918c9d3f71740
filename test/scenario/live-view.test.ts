import { beforeAll, describe, expect, it } from "vitest";
import type { FaultPlan } from "../../harness/faults/fault-plan.js";
import { LiveModel, type LabSnapshot, type LiveNode, type NodeSnapshot } from "../../harness/scenario/live-view.js";
import type { Topology } from "../../harness/topology/model.js";
import { loadBuiltin } from "../topology/builtin.js";

let topology: Topology;
beforeAll(async () => {
  topology = await loadBuiltin("redundant");
});

const up = (id: string, routes: Record<string, string>, connections: Record<string, number>, units?: NodeSnapshot["units"]): NodeSnapshot => ({
  id,
  container: "running",
  status: { routes, connections },
  ...(units ? { units } : {}),
});

/** The redundant mesh converged: everything to executor01 goes through relayer01. */
function converged(overrides: Partial<Record<string, NodeSnapshot>> = {}): NodeSnapshot[] {
  const nodes: Record<string, NodeSnapshot> = {
    controller01: up("controller01", { relayer01: "relayer01", relayer02: "relayer02", executor01: "relayer01" }, { relayer01: 1, relayer02: 2 }),
    relayer01: up("relayer01", { controller01: "controller01", executor01: "executor01", relayer02: "controller01" }, { controller01: 1, executor01: 1 }),
    relayer02: up("relayer02", { controller01: "controller01", executor01: "executor01", relayer01: "controller01" }, { controller01: 2, executor01: 2 }),
    executor01: up("executor01", { relayer01: "relayer01", relayer02: "relayer02", controller01: "relayer01" }, { relayer01: 1, relayer02: 2 }),
  };
  return Object.values({ ...nodes, ...overrides }) as NodeSnapshot[];
}

const poll = (at: number, nodes: NodeSnapshot[], faults: FaultPlan[] = []): LabSnapshot => ({ at, nodes, faults });
const node = (nodes: LiveNode[], id: string) => nodes.find((candidate) => candidate.id === id)!;
const stopRelayer01: FaultPlan = { kind: "node", action: "stop", nodes: ["relayer01"] };

describe("the live view of a running lab", () => {
  it("starts quiet: no events and nothing highlighted for a converged mesh", () => {
    const model = new LiveModel(topology, "run-1");
    const { view, events } = model.update(poll(1_000, converged()));
    expect(events).toEqual([]);
    expect(view.runId).toBe("run-1");
    expect(view.nodes.map((n) => [n.id, n.state])).toEqual([
      ["controller01", "up"],
      ["relayer01", "up"],
      ["relayer02", "up"],
      ["executor01", "up"],
    ]);
    expect(node(view.nodes, "controller01").routes).toEqual([
      { key: "executor01", value: "relayer01", changed: false, removed: false },
      { key: "relayer01", value: "relayer01", changed: false, removed: false },
      { key: "relayer02", value: "relayer02", changed: false, removed: false },
    ]);
    expect(view.links.every((link) => link.state === "up" && link.connected === true)).toBe(true);
  });

  it("follows a stopped relayer: a fault event, the node down, the reroute, links down, highlights that fade", () => {
    const model = new LiveModel(topology, "run-1", { highlightMs: 3_000 });
    model.update(poll(1_000, converged()));

    const stopped = model.update(poll(1_500, converged({ relayer01: { id: "relayer01", container: "stopped" } }), [stopRelayer01]));
    expect(stopped.events.map((event) => [event.kind, event.text])).toEqual([
      ["fault", "stop relayer01"],
      ["node", "relayer01 down (container stopped)"],
    ]);
    const relayer = node(stopped.view.nodes, "relayer01");
    expect(relayer).toMatchObject({ state: "down", stateChanged: true });
    expect(relayer.routes.every((entry) => entry.removed && entry.changed)).toBe(true);
    expect(stopped.view.faults.down).toEqual(["relayer01"]);
    const linkStates = Object.fromEntries(stopped.view.links.map((link) => [`${link.dialer}>${link.listener}`, link.state]));
    expect(linkStates).toEqual({ "controller01>relayer01": "down", "controller01>relayer02": "up", "executor01>relayer01": "down", "executor01>relayer02": "up" });

    const rerouted = model.update(
      poll(
        2_000,
        converged({
          relayer01: { id: "relayer01", container: "stopped" },
          controller01: up("controller01", { relayer02: "relayer02", executor01: "relayer02" }, { relayer02: 2 }),
        }),
        [stopRelayer01],
      ),
    );
    expect(rerouted.events).toEqual([{ at: 2_000, kind: "route", node: "controller01", text: "controller01: executor01 via relayer02 (was relayer01), relayer01 gone (was via relayer01)" }]);
    const controller = node(rerouted.view.nodes, "controller01");
    expect(controller.routes).toEqual([
      { key: "executor01", value: "relayer02", changed: true, removed: false },
      { key: "relayer01", value: "relayer01", changed: true, removed: true },
      { key: "relayer02", value: "relayer02", changed: false, removed: false },
    ]);
    expect(controller.connections.find((entry) => entry.key === "relayer01")).toMatchObject({ removed: true });

    const later = model.update(poll(6_000, converged({ relayer01: { id: "relayer01", container: "stopped" }, controller01: up("controller01", { relayer02: "relayer02", executor01: "relayer02" }, { relayer02: 2 }) }), [stopRelayer01]));
    expect(later.events).toEqual([]);
    expect(node(later.view.nodes, "controller01").routes).toEqual([
      { key: "executor01", value: "relayer02", changed: false, removed: false },
      { key: "relayer02", value: "relayer02", changed: false, removed: false },
    ]);
    expect(node(later.view.nodes, "relayer01")).toMatchObject({ state: "down", stateChanged: false, routes: [], connections: [] });
    expect(later.view.events.map((event) => event.kind)).toEqual(["fault", "node", "route"]);
  });

  it("shows a restarted node's routes as new, and says it is up again", () => {
    const model = new LiveModel(topology, "run-1");
    model.update(poll(0, converged()));
    model.update(poll(500, converged({ relayer02: { id: "relayer02", container: "stopped" } })));
    const back = model.update(poll(1_000, converged({ relayer02: up("relayer02", { controller01: "controller01" }, { controller01: 2 }) })));
    expect(back.events.map((event) => event.text)).toEqual(["relayer02 up", "relayer02: controller01 via controller01 (new)"]);
    const routes = node(back.view.nodes, "relayer02").routes;
    expect(routes.filter((entry) => !entry.removed)).toEqual([{ key: "controller01", value: "controller01", changed: true, removed: false }]);
    expect(routes.filter((entry) => entry.removed).map((entry) => entry.key)).toEqual(["executor01", "relayer01"]);
  });

  it("tells paused, unresponsive and removed nodes apart, and marks a link paused or not connected", () => {
    const model = new LiveModel(topology, "run-1");
    const { view, events } = model.update(
      poll(0, [
        { id: "controller01", container: "running" },
        { id: "relayer01", container: "paused" },
        up("relayer02", { controller01: "controller01" }, {}),
      ]),
    );
    expect(view.nodes.map((n) => n.state)).toEqual(["unresponsive", "paused", "up", "gone"]);
    expect(events.map((event) => event.text)).toEqual([
      "controller01 not answering (container running)",
      "relayer01 paused (frozen)",
      "executor01 gone (container removed)",
    ]);
    const link = (dialer: string, listener: string) => view.links.find((l) => l.dialer === dialer && l.listener === listener)!;
    expect(link("controller01", "relayer01")).toMatchObject({ state: "paused", connected: null });
    expect(link("controller01", "relayer02")).toMatchObject({ state: "up", connected: false });
    expect(link("executor01", "relayer02").state).toBe("down");
  });

  it("cuts links a recorded partition breaks, and reports faults from before the watch as earlier", () => {
    const model = new LiveModel(topology, "run-1");
    const isolate: FaultPlan = { kind: "partition", spec: { kind: "isolate", node: "relayer01" }, mode: "drop" };
    const { view, events } = model.update(poll(0, converged(), [isolate]));
    expect(events).toEqual([{ at: 0, kind: "fault", text: "earlier: partition isolate relayer01" }]);
    expect(view.links.filter((link) => link.cut).map((link) => `${link.dialer}>${link.listener}`)).toEqual(["controller01>relayer01", "executor01>relayer01"]);
    expect(view.links.filter((link) => link.state === "down")).toHaveLength(2);
    const healed = model.update(poll(500, converged(), [isolate, { kind: "heal" }]));
    expect(healed.events.map((event) => event.text)).toEqual(["heal network"]);
    expect(healed.view.links.every((link) => link.state === "up")).toBe(true);
  });

  it("turns work unit states into events: new, changed, released", () => {
    const model = new LiveModel(topology, "run-1");
    const withUnits = (units: NodeSnapshot["units"]) => converged({ controller01: up("controller01", { executor01: "relayer01" }, { relayer01: 1 }, units) });
    model.update(poll(0, withUnits({})));
    const running = model.update(poll(500, withUnits({ abc: { state: "Running", workType: "remote" } })));
    expect(running.events.map((event) => event.text)).toEqual(["unit abc on controller01 (remote): Running"]);
    const done = model.update(poll(1_000, withUnits({ abc: { state: "Succeeded", workType: "remote" } })));
    expect(done.events.map((event) => event.text)).toEqual(["unit abc on controller01 (remote): Running → Succeeded"]);
    expect(node(done.view.nodes, "controller01").units).toEqual([{ key: "abc", value: "Succeeded", detail: "remote", changed: true, removed: false }]);
    const released = model.update(poll(1_500, withUnits({})));
    expect(released.events.map((event) => event.text)).toEqual(["unit abc on controller01 (remote) released (was Succeeded)"]);
  });

  it("keeps only the latest events", () => {
    const model = new LiveModel(topology, "run-1", { keepEvents: 2 });
    const faults: FaultPlan[] = [];
    for (let at = 0; at < 4; at++) {
      faults.push({ kind: "delay", between: ["controller01", "relayer01"], ms: at });
      model.update(poll(at, converged(), [...faults]));
    }
    expect(model.update(poll(9, converged(), faults)).view.events.map((event) => event.text)).toEqual(["delay controller01 ↔ relayer01 2 ms", "delay controller01 ↔ relayer01 3 ms"]);
  });
});
