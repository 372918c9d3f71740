import { describe, expect, it } from "vitest";
import { describeExpectedRoute, describeRouteChange, routeChanges } from "../../harness/cli/route-changes.js";

describe("routeChanges: two snapshots of the mesh's routing tables → the routes that moved", () => {
  const before = {
    controller01: { executor01: "relayer01", relayer01: "relayer01", relayer02: "relayer02" },
    executor01: { controller01: "relayer01", relayer01: "relayer01", relayer02: "relayer02" },
    relayer01: { controller01: "controller01", executor01: "executor01" },
  };

  it("names each moved, lost and new route once, in node and destination order", () => {
    const after = {
      executor01: { controller01: "relayer02", relayer02: "relayer02", newcomer: "relayer02" },
      controller01: { executor01: "relayer02", relayer02: "relayer02" },
    };
    expect(routeChanges(before, after).map(describeRouteChange)).toEqual([
      "controller01 → executor01: relayer01 → relayer02",
      "controller01 → relayer01: relayer01 → (none)",
      "executor01 → controller01: relayer01 → relayer02",
      "executor01 → newcomer: (none) → relayer02",
      "executor01 → relayer01: relayer01 → (none)",
    ]);
  });

  it("compares only nodes in both snapshots: one that went silent or just came up is no change", () => {
    expect(routeChanges(before, { controller01: before.controller01, relayer02: { controller01: "controller01" } })).toEqual([]);
  });

  it("describes what the oracle still expects", () => {
    expect(describeExpectedRoute({ node: "controller01", destination: "executor01", expected: ["relayer02"], observed: "relayer01" })).toBe(
      "controller01 → executor01 via relayer02 (now via relayer01)",
    );
    expect(describeExpectedRoute({ node: "a", destination: "b", expected: [], observed: "c" })).toBe("a → b no route (now via c)");
    expect(describeExpectedRoute({ node: "a", destination: "b", expected: ["c", "d"], observed: null })).toBe("a → b via c or d (now no route)");
  });
});
