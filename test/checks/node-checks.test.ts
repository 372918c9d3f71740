import { describe, expect, it } from "vitest";
import { checkExited, checkLog, checkSecureWork, checkServices } from "../../harness/checks/node-checks.js";
import { checkPing } from "../../harness/checks/route-checks.js";
import type { NodeStatus } from "../../harness/mesh/control-types.js";

const status = (adverts: NodeStatus["Advertisements"]): NodeStatus => ({
  NodeID: "controller01", Version: "1.6.5", SystemCPUCount: 2, SystemMemoryMiB: 1, Connections: [], RoutingTable: {}, KnownConnectionCosts: {}, Advertisements: adverts,
});
const advert = (node: string, connType: number, commands: Array<{ WorkType: string; Secure: boolean }> | null) => ({ NodeID: node, Service: "control", Time: "", ConnType: connType, Tags: null, WorkCommands: commands });

describe("node checks", () => {
  it("finds a log line by text or /regex/ and says what it saw", () => {
    const log = "INFO a\nERROR rejected connection with node c04 because it is not in the allowed peers list\n";
    expect(checkLog("r01", "not in the allowed peers list", log)).toMatchObject({ ok: true, observed: expect.stringContaining("rejected connection") });
    expect(checkLog("r01", "/node c0[0-9] because/", log).ok).toBe(true);
    expect(checkLog("r01", "expired", log)).toMatchObject({ ok: false, observed: expect.stringContaining("no such line in 3 lines") });
  });

  it("counts matching log lines against exactly, at least and at most", () => {
    const log = "ERROR no route to node\nINFO ok\nERROR no route to node\n";
    expect(checkLog("c01", "/^ERROR/", log, { atLeast: 0, atMost: 0 })).toMatchObject({
      ok: false,
      expected: "c01's log has exactly 0 line(s) matching /^ERROR/",
      observed: "2 such line(s); the first: ERROR no route to node",
    });
    expect(checkLog("c01", "no route", log, { atLeast: 2, atMost: 2 }).ok).toBe(true);
    expect(checkLog("c01", "no route", log, { atLeast: 3 })).toMatchObject({ ok: false, expected: "c01's log has at least 3 line(s) containing no route" });
    expect(checkLog("c01", "no route", log, { atLeast: 0, atMost: 1 })).toMatchObject({ ok: false, expected: "c01's log has at most 1 line(s) containing no route" });
    expect(checkLog("c01", "panic", log, { atLeast: 0, atMost: 0 }).ok).toBe(true);
  });

  it("tells an exited node from a running one", () => {
    expect(checkExited("e02", { running: false }).ok).toBe(true);
    expect(checkExited("e02", { running: true })).toMatchObject({ ok: false, observed: "e02 is running" });
  });

  it("names service types as receptorctl does (ConnType 1 Stream, 2 StreamTLS)", () => {
    const seen = status([advert("executor01", 1, null), advert("executor03", 2, null)]);
    expect(checkServices("controller01", { executor01: "Stream", executor03: "StreamTLS" }, seen).ok).toBe(true);
    expect(checkServices("controller01", { executor02: "Stream" }, seen)).toMatchObject({ ok: false, observed: "controller01 sees executor02: not advertised" });
    expect(checkServices("controller01", { executor02: "none" }, seen)).toMatchObject({ ok: true, expected: "controller01 sees no control service of executor02" });
    expect(checkServices("controller01", { executor01: "none" }, seen).ok).toBe(false);
  });

  it("compares the secure work types a node advertises", () => {
    const seen = status([advert("executor01", 1, [{ WorkType: "echo-reply", Secure: false }, { WorkType: "echo-verified-reply", Secure: true }]), advert("executor02", 1, null)]);
    expect(checkSecureWork("controller01", { executor01: ["echo-verified-reply"], executor02: [] }, seen).ok).toBe(true);
    expect(checkSecureWork("controller01", { executor02: ["echo-verified-reply"] }, seen)).toMatchObject({ ok: false, observed: "controller01 sees executor02: (none)" });
  });

  it("expects a ping to fail with the given error", () => {
    expect(checkPing("c03", "e01", { fails: "blocked by firewall" }, { Success: false, Error: "blocked by firewall" }).ok).toBe(true);
    expect(checkPing("c03", "e01", { fails: "blocked by firewall" }, { Success: true, From: "e01", TimeStr: "1ms" })).toMatchObject({ ok: false, observed: "reply from e01 in 1ms" });
    expect(checkPing("c03", "e01", { fails: "blocked by firewall" }, undefined, "timeout").ok).toBe(false);
  });
});

describe("a failing traceroute", () => {
  it("holds when the hops that answered start like the path and an error says why", async () => {
    const { checkTraceroute } = await import("../../harness/checks/route-checks.js");
    const hops = [
      { hop: 0, from: "controller03", timeNs: 1, timeStr: "1µs" },
      { hop: 1, from: "relayer01", timeNs: 2, timeStr: "2µs", error: "blocked by firewall" },
    ];
    expect(checkTraceroute("controller03", "executor01", [["controller03"]], hops, undefined, "blocked by firewall").ok).toBe(true);
    expect(checkTraceroute("controller03", "executor01", [["controller01"]], hops, undefined, "blocked by firewall").ok).toBe(false);
    expect(checkTraceroute("controller03", "executor01", [["controller03"]], hops.slice(0, 1), undefined, "blocked by firewall")).toMatchObject({ ok: false, observed: "controller03" });
  });
});
