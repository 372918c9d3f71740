import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabSession } from "../../harness/scenario/lab-session.js";
import { startLab } from "./lab-fixture.js";

/** Demo 04's east/west topology against real Receptor nodes. */
describe("complex topology (demo 04) on real Receptor", () => {
  let session: LabSession;

  beforeAll(async () => {
    session = await startLab("complex");
  });

  afterAll(async () => {
    await session?.lab.destroy();
  });

  it("routes everything from west-controller01 via west-relayer03", async () => {
    const status = await session.client("west-controller01").status();
    expect(status.Connections).toEqual([{ NodeID: "west-relayer03", Cost: 1 }]);
    expect(Object.keys(status.RoutingTable)).toHaveLength(9);
    expect(new Set(Object.values(status.RoutingTable))).toEqual(new Set(["west-relayer03"]));
    expect(Object.keys(status.KnownConnectionCosts)).toHaveLength(10);
    expect(status.KnownConnectionCosts["west-relayer03"]).toEqual({
      "west-controller01": 1,
      "west-executor01": 1,
      "west-relayer01": 1,
      "west-relayer02": 1,
    });
  });

  it("traces west-controller01 → east-executor01 across the hub (6 hops, either tied relayer)", async () => {
    const path = (await session.client("west-controller01").traceroute("east-executor01")).map((hop) => hop.from);
    expect(path).toHaveLength(6);
    expect(path.slice(0, 2)).toEqual(["west-controller01", "west-relayer03"]);
    expect(["west-relayer01", "west-relayer02"]).toContain(path[2]);
    expect(path[3]).toBe("controller01");
    expect(["east-relayer01", "east-relayer02"]).toContain(path[4]);
    expect(path[5]).toBe("east-executor01");
  });

  it("runs gather-hostname on east-executor01 from west-controller01", async () => {
    const client = session.client("west-controller01");
    const { unitId } = await client.submit({ node: "east-executor01", workType: "gather-hostname" });
    expect((await client.results(unitId, { timeoutMs: 60_000 })).toString()).toBe("ee01.example.internal\n");
    await client.unitAction("release", unitId);
  });
});
