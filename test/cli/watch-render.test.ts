import chalk from "chalk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventLine, watchFrame } from "../../harness/cli/watch-render.js";
import { LiveModel, type LiveView, type NodeSnapshot } from "../../harness/scenario/live-view.js";
import { loadBuiltin } from "../topology/builtin.js";

const visible = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, "");
const running = (id: string, routes: Record<string, string>, connections: Record<string, number>): NodeSnapshot => ({ id, container: "running", status: { routes, connections } });

let view: LiveView;
const level = chalk.level;
beforeAll(async () => {
  chalk.level = 1;
  const model = new LiveModel(await loadBuiltin("redundant"), "20261201-101500-abcdef");
  const controller = (executorVia: string) => running("controller01", { executor01: executorVia, relayer01: "relayer01", relayer02: "relayer02" }, { relayer01: 1, relayer02: 2 });
  const others = [running("relayer02", { controller01: "controller01" }, { controller01: 2 }), running("executor01", { controller01: "relayer01" }, { relayer01: 1 })];
  model.update({ at: 1_000, faults: [], nodes: [controller("relayer01"), running("relayer01", { controller01: "controller01" }, { controller01: 1 }), ...others] });
  for (let at = 1_100; at < 1_400; at += 100) model.update({ at, faults: [], nodes: [controller("relayer01"), running("relayer01", { controller01: "controller01" }, { controller01: 1 }), ...others] });
  view = model.update({
    at: 1_500,
    faults: [{ kind: "node", action: "stop", nodes: ["relayer01"] }],
    nodes: [running("controller01", { executor01: "relayer02", relayer02: "relayer02" }, { relayer02: 2 }), { id: "relayer01", container: "stopped" }, ...others],
  }).view;
});
afterAll(() => {
  chalk.level = level;
});

describe("the terminal frame of watch", () => {
  it("shows each node's state, connections and routes, highlights what changed and strikes out what is gone", () => {
    const lines = watchFrame(view, { columns: 120, rows: 60 }, 500);
    const text = lines.map(visible).join("\n");
    expect(text).toContain("lab 20261201-101500-abcdef (redundant)");
    expect(text).toContain("faults in effect: down: relayer01");
    expect(text).toMatch(/relayer01 \(node02\)\s+DOWN/);
    expect(text).toMatch(/routes\s+executor01→relayer02 {2}relayer01→relayer01 {2}relayer02→relayer02/);
    const routes = lines.find((line) => visible(line).includes("executor01→relayer02"))!;
    expect(routes).toContain(chalk.black.bgYellow("executor01→relayer02"));
    expect(routes).toContain(chalk.red.strikethrough("relayer01→relayer01"));
    expect(routes).toContain("  relayer02→relayer02");
    expect(text).toMatch(/── events ──\n\d\d:\d\d:\d\d\.\d{3} fault stop relayer01\n.* node {2}relayer01 down \(container stopped\)\n.* route controller01: /);
  });

  it("fits the terminal: no line wider than it, never more lines than its rows", () => {
    const lines = watchFrame(view, { columns: 44, rows: 20 }, 500);
    expect(lines.length).toBeLessThanOrEqual(19);
    for (const line of lines) expect(visible(line).length).toBeLessThanOrEqual(44);
    const wrapped = watchFrame(view, { columns: 44, rows: 80 }, 500).map(visible);
    const at = wrapped.findIndex((line) => line.startsWith("    routes"));
    expect(wrapped[at + 1]).toMatch(/^ {12}\S/);
  });

  it("keeps room for the latest events on a short terminal, cutting the nodes short instead", () => {
    const lines = watchFrame(view, { columns: 120, rows: 12 }, 500).map(visible);
    expect(lines).toHaveLength(11);
    expect(lines.at(-4)).toBe("── events ──");
    expect(lines.at(-1)).toMatch(/ route controller01: executor01 via relayer02/);
    expect(lines.at(-6)).toMatch(/^… \d+ more lines \(a taller terminal shows them\)$/);
  });

  it("prints an event as a plain line: time, kind, text", () => {
    expect(eventLine({ at: new Date(2026, 11, 1, 9, 5, 7, 42).getTime(), kind: "node", node: "relayer01", text: "relayer01 up" })).toBe("09:05:07.042 node  relayer01 up");
  });
});
