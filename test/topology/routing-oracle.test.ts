import { describe, expect, it } from "vitest";
import { linkKey } from "../../harness/topology/model.js";
import { loadBuiltin } from "./builtin.js";
import { describeMismatch, diffRoutes, everythingUp, expectedRoutes, withNodesDown, type RoutingTable } from "../../harness/topology/routing-oracle.js";

const topology = loadBuiltin;
const hops = (routes: ReturnType<typeof expectedRoutes>, node: string) =>
  Object.fromEntries([...routes.get(node)!].map(([destination, next]) => [destination, [...next].sort()]));

describe("routing oracle", () => {
  it("prefers the cheaper relayer in the redundant topology", async () => {
    const routes = expectedRoutes(await topology("redundant"), everythingUp(await topology("redundant")));
    expect(hops(routes, "controller01")).toEqual({ relayer01: ["relayer01"], relayer02: ["relayer02"], executor01: ["relayer01"] });
    // relayer01 → relayer02 costs 1+2 through either end: a tie
    expect(hops(routes, "relayer01").relayer02).toEqual(["controller01", "executor01"]);
  });

  it("allows every tied next hop in the complex topology", async () => {
    const complex = await topology("complex");
    const routes = expectedRoutes(complex, everythingUp(complex));
    const fromWest = hops(routes, "west-controller01");
    expect(Object.keys(fromWest)).toHaveLength(9);
    expect(new Set(Object.values(fromWest).flat())).toEqual(new Set(["west-relayer03"]));
    expect(hops(routes, "west-relayer03")["east-executor01"]).toEqual(["west-relayer01", "west-relayer02"]);
    expect(hops(routes, "controller01")["east-executor01"]).toEqual(["east-relayer01", "east-relayer02"]);
  });

  it("routes around a node that is down", async () => {
    const redundant = await topology("redundant");
    const routes = expectedRoutes(redundant, withNodesDown(everythingUp(redundant), ["relayer01"]));
    expect(routes.has("relayer01")).toBe(false);
    expect(hops(routes, "controller01")).toEqual({ relayer02: ["relayer02"], executor01: ["relayer02"] });
  });

  it("expects empty tables on both sides of a split mesh", async () => {
    const redundant = await topology("redundant");
    const routes = expectedRoutes(redundant, withNodesDown(everythingUp(redundant), ["relayer01", "relayer02"]));
    expect(hops(routes, "controller01")).toEqual({});
    expect(hops(routes, "executor01")).toEqual({});
  });

  it("treats a cut link as no path while both ends stay up", async () => {
    const redundant = await topology("redundant");
    const state = { ...everythingUp(redundant), cutLinks: new Set([linkKey("relayer01", "controller01")]) };
    const routes = expectedRoutes(redundant, state);
    expect(hops(routes, "controller01")).toEqual({ relayer02: ["relayer02"], executor01: ["relayer02"], relayer01: ["relayer02"] });
  });

  it("reports wrong hops, missing routes and routes that should be gone", async () => {
    const redundant = await topology("redundant");
    const expected = expectedRoutes(redundant, withNodesDown(everythingUp(redundant), ["relayer01"]));
    const observed = new Map<string, RoutingTable>([
      ["controller01", { executor01: "relayer01", relayer01: "relayer01" }],
      ["executor01", { controller01: "relayer02", relayer02: "relayer02" }],
    ]);
    const mismatches = diffRoutes(expected, observed);
    expect(mismatches.map(describeMismatch).sort()).toEqual([
      "controller01: executor01 expected via relayer02, observed via relayer01",
      "controller01: relayer01 expected no route, observed via relayer01",
      "controller01: relayer02 expected via relayer02, observed no route",
      "relayer02: controller01 expected via controller01, observed no route",
      "relayer02: executor01 expected via executor01, observed no route",
    ]);
  });
});
