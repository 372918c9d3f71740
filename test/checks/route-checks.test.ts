import { describe, expect, it } from "vitest";
import { checkConnections, checkKnown, checkRoute, checkTraceroute } from "../../harness/checks/route-checks.js";
import type { NodeStatus } from "../../harness/mesh/control-types.js";
import { everythingUp, expectedRoutes } from "../../harness/topology/routing-oracle.js";
import { loadBuiltin } from "../topology/builtin.js";

const status = (partial: Partial<NodeStatus>): NodeStatus => ({
  NodeID: "controller01",
  Version: "1.6.5",
  SystemCPUCount: 2,
  SystemMemoryMiB: 1,
  Connections: [],
  RoutingTable: {},
  KnownConnectionCosts: {},
  Advertisements: [],
  ...partial,
});

describe("route checks", () => {
  it("accepts any tied next hop for 'any' and only the named one otherwise", async () => {
    const complex = await loadBuiltin("complex");
    const oracle = expectedRoutes(complex, everythingUp(complex));
    const seen = status({ RoutingTable: { "east-executor01": "east-relayer02" } });
    expect(checkRoute("controller01", { "east-executor01": "any" }, seen, oracle).ok).toBe(true);
    expect(checkRoute("controller01", { "east-executor01": "east-relayer01" }, seen, oracle).ok).toBe(false);
    expect(checkRoute("controller01", { "east-executor01": null }, seen, oracle).ok).toBe(false);
    expect(checkRoute("controller01", { "west-executor01": null }, seen, oracle).ok).toBe(true);
  });

  it("treats a node that did not answer as a failed expectation", async () => {
    const redundant = await loadBuiltin("redundant");
    const judged = checkRoute("controller01", { executor01: "relayer01" }, undefined, expectedRoutes(redundant, everythingUp(redundant)));
    expect(judged).toMatchObject({ ok: false, observed: "controller01 did not answer" });
  });

  it("compares direct connections as an exact set with costs", () => {
    const seen = status({ Connections: [{ NodeID: "relayer02", Cost: 2 }, { NodeID: "relayer01", Cost: 1 }] });
    expect(checkConnections("controller01", { relayer01: 1, relayer02: 2 }, seen).ok).toBe(true);
    expect(checkConnections("controller01", { relayer02: 2 }, seen).ok).toBe(false);
    expect(checkConnections("controller01", { relayer01: 2, relayer02: 2 }, seen).ok).toBe(false);
    expect(checkConnections("controller01", {}, status({})).ok).toBe(true);
  });

  it("compares the listed entries of the link-state database exactly", () => {
    const seen = status({ KnownConnectionCosts: { relayer01: {}, executor01: { relayer02: 2 } } });
    expect(checkKnown("controller01", { relayer01: {}, executor01: { relayer02: 2 } }, seen).ok).toBe(true);
    expect(checkKnown("controller01", { executor01: { relayer01: 1, relayer02: 2 } }, seen).ok).toBe(false);
  });

  it("matches traceroute hops position by position, with alternatives", () => {
    const path = [["a"], ["b", "c"], ["d"]];
    const hops = (...from: string[]) => from.map((node, hop) => ({ hop, from: node, timeNs: 1, timeStr: "1ns" }));
    expect(checkTraceroute("a", "d", path, hops("a", "c", "d")).ok).toBe(true);
    expect(checkTraceroute("a", "d", path, hops("a", "x", "d")).ok).toBe(false);
    expect(checkTraceroute("a", "d", path, hops("a", "b")).ok).toBe(false);
    expect(checkTraceroute("a", "d", path, [...hops("a", "b"), { hop: 2, from: "b", timeNs: 1, timeStr: "1ns", error: "no route" }]).ok).toBe(false);
    expect(checkTraceroute("a", "d", path, undefined, "timeout").observed).toContain("timeout");
  });
});
