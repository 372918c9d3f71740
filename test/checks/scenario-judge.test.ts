import { describe, expect, it } from "vitest";
import { scenarioJudge } from "../../harness/checks/scenario-judge.js";
import type { NodeStatus } from "../../harness/mesh/control-types.js";
import type { Observation } from "../../harness/scenario/observations.js";
import type { Expectation } from "../../harness/scenario/scenario-model.js";

const either: Expectation = {
  what: "any",
  of: [
    { what: "units", on: "executor01", count: 0 },
    { what: "route", on: "controller01", routes: { executor01: null } },
  ],
};

const controllerStatus = (routingTable: Record<string, string>) => ({ NodeID: "controller01", RoutingTable: routingTable }) as unknown as NodeStatus;
const context = { expectedRoutes: new Map() };

function observed(executorUnits: Record<string, never> | undefined, routingTable: Record<string, string>): Observation {
  return { what: "any", observations: [{ what: "units", units: executorUnits }, { what: "route", status: controllerStatus(routingTable) }] };
}

describe("an 'any' expectation", () => {
  it("holds when the first alternative holds", () => {
    const judged = scenarioJudge.check(either, observed({}, { executor01: "relayer01" }), context);
    expect(judged).toMatchObject({ ok: true, heldAlternative: 0 });
    expect(judged.expected).toMatch(/^any of: executor01 work list holds 0 unit\(s\) \| /);
    expect(judged.observed).toMatch(/^✓ executor01 work list holds 0 \| ✗ /);
  });

  it("holds when only the second alternative holds", () => {
    const judged = scenarioJudge.check(either, observed(undefined, {}), context);
    expect(judged).toMatchObject({ ok: true, heldAlternative: 1 });
    expect(judged.observed).toMatch(/^✗ executor01 did not answer \| ✓ /);
  });

  it("fails when neither holds, showing what each saw", () => {
    const judged = scenarioJudge.check(either, observed(undefined, { executor01: "relayer01" }), context);
    expect(judged.ok).toBe(false);
    expect(judged.heldAlternative).toBeUndefined();
    expect(judged.observed.split(" | ")).toHaveLength(2);
    expect(judged.observed).not.toContain("✓");
  });
});
