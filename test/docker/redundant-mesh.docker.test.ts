import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RemoteExtraData } from "../../harness/mesh/control-types.js";
import { silentProgress } from "../../harness/progress.js";
import type { LabSession } from "../../harness/scenario/lab-session.js";
import { DATA_DIR } from "../../harness/topology/receptor-config.js";
import { everythingUp, withNodesDown } from "../../harness/topology/routing-oracle.js";
import { leftovers, startLab } from "./lab-fixture.js";

/** Demo 03's topology against real Receptor nodes. */
describe("redundant topology (demo 03) on real Receptor", () => {
  let session: LabSession;

  beforeAll(async () => {
    session = await startLab("redundant");
  });

  afterAll(async () => {
    await session?.lab.destroy();
  });

  it("comes up with every routing table matching the oracle", async () => {
    const observed = await session.observeRoutes(session.lab.nodeIds());
    expect(observed.get("controller01")).toEqual({ executor01: "relayer01", relayer01: "relayer01", relayer02: "relayer02" });
    expect(observed.get("executor01")).toEqual({ controller01: "relayer01", relayer01: "relayer01", relayer02: "relayer02" });
    expect(observed.get("relayer01")).toEqual({ controller01: "controller01", executor01: "executor01", relayer02: expect.any(String) });
    expect(["controller01", "executor01"]).toContain(observed.get("relayer01")!.relayer02);
  });

  it("reports the status fields receptorctl shows", async () => {
    const status = await session.client("controller01").status();
    expect(status.NodeID).toBe("controller01");
    expect(status.Version).toBe("1.6.5");
    expect(status.SystemCPUCount).toBeGreaterThan(0);
    expect([...status.Connections].sort((a, b) => a.NodeID.localeCompare(b.NodeID))).toEqual([
      { NodeID: "relayer01", Cost: 1 },
      { NodeID: "relayer02", Cost: 2 },
    ]);
    expect(status.KnownConnectionCosts.controller01).toEqual({ relayer01: 1, relayer02: 2 });
    expect(status.KnownConnectionCosts.relayer02).toEqual({ controller01: 2, executor01: 2 });
    const own = status.Advertisements.find((ad) => ad.NodeID === "controller01");
    expect(own).toMatchObject({ Service: "control", ConnType: 1, Tags: { type: "Control Service" } });
    // relayers have the harness's control service only, which is not advertised on the mesh
    expect(status.Advertisements.some((ad) => ad.NodeID.startsWith("relayer"))).toBe(false);
  });

  it("traces controller01 → executor01 through relayer01", async () => {
    const hops = await session.client("controller01").traceroute("executor01");
    expect(hops.map((hop) => hop.from)).toEqual(["controller01", "relayer01", "executor01"]);
    expect(hops.every((hop) => hop.error === undefined && hop.timeNs > 0)).toBe(true);
  });

  it("runs the real receptorctl inside a node against its socket", async () => {
    const result = await session.lab.exec("controller01", ["receptorctl", "--socket", "/tmp/receptor.sock", "status", "--json"]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).NodeID).toBe("controller01");
  });

  it("echo-reply from controller01 to executor01 answers on both nodes (52 bytes)", async () => {
    const controller = session.client("controller01");
    const submitted = await controller.submit({ node: "executor01", workType: "echo-reply", payload: "Hello Receptor!\n" });
    expect(submitted.result).toBe("Job Started");
    const expected = "Reply from node04.example.internal: HELLO RECEPTOR!\n";

    const stdout = await controller.results(submitted.unitId, { timeoutMs: 60_000 });
    expect(stdout.toString()).toBe(expected);
    expect(stdout.length).toBe(52);

    const local = await controller.workStatus(submitted.unitId);
    expect(local).toMatchObject({ State: 2, StateName: "Succeeded", StdoutSize: 52, WorkType: "remote" });
    const remoteId = (local.ExtraData as RemoteExtraData).RemoteUnitID;
    const executor = session.client("executor01");
    expect(await executor.workStatus(remoteId)).toMatchObject({ State: 2, StdoutSize: 52, WorkType: "echo-reply" });
    expect((await executor.results(remoteId)).toString()).toBe(expected);

    const onDisk = await session.lab.exec("executor01", ["cat", `${DATA_DIR}/executor01/${remoteId}/stdout`]);
    expect(onDisk.stdout).toBe(expected);
    expect(await controller.unitAction("release", submitted.unitId)).toEqual({ released: submitted.unitId });
  });

  it("pings executor01 from controller01", async () => {
    const ping = await session.client("controller01").ping("executor01");
    expect(ping).toMatchObject({ Success: true, From: "executor01" });
    expect(ping.Time).toBeGreaterThan(0);
    expect(await session.client("controller01").ping("nosuch")).toMatchObject({ Success: false });
  });

  it("cancels a running remote unit and force-releases it", async () => {
    const controller = session.client("controller01");
    const { unitId } = await controller.submit({ node: "executor01", workType: "echo-sleep" });
    await expect.poll(async () => (await controller.workStatus(unitId)).StateName, { timeout: 20_000, interval: 250 }).toBe("Running");
    expect(await controller.unitAction("cancel", unitId)).toEqual({ cancelled: unitId });
    await expect.poll(async () => (await controller.workStatus(unitId)).StateName, { timeout: 30_000, interval: 250 }).toBe("Canceled");
    expect(await controller.unitAction("force-release", unitId)).toEqual({ released: unitId });
    await expect.poll(async () => Object.keys(await controller.workList()), { timeout: 15_000, interval: 250 }).toEqual([]);
  });

  it("moves controller01's route to relayer02 when relayer01 stops, and back when it starts", async () => {
    await session.lab.stop("relayer01");
    await session.waitForRoutes(withNodesDown(everythingUp(session.topology), ["relayer01"]), 15_000, silentProgress);
    expect((await session.client("controller01").status()).RoutingTable.executor01).toBe("relayer02");
    const detour = await session.client("controller01").traceroute("executor01");
    expect(detour.map((hop) => hop.from)).toEqual(["controller01", "relayer02", "executor01"]);

    await session.lab.start("relayer01");
    // the dialers' redial backoff (5 s, then 7.5 s, …) decides when the cheap path returns
    await session.waitForRoutes(everythingUp(session.topology), 45_000, silentProgress);
    expect((await session.client("controller01").status()).RoutingTable.executor01).toBe("relayer01");
  });

  it("disconnects a node from the lab network and connects it back with its aliases", async () => {
    await session.lab.disconnect("relayer02");
    await expect(session.lab.address("relayer02")).rejects.toThrow("has no address");
    await session.lab.connect("relayer02");
    expect(await session.lab.address("relayer02")).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const lookup = await session.lab.exec("controller01", ["getent", "hosts", "node03.example.internal"]);
    expect(lookup.exitCode).toBe(0);
    expect(lookup.stdout).toContain(await session.lab.address("relayer02"));
  });

  it("leaves no container or network behind once destroyed", async () => {
    const problems = await session.lab.destroy();
    expect(problems).toEqual([]);
    expect(await leftovers(session.lab.spec.runId)).toBe(0);
  });
});
