import { describe, expect, it } from "vitest";
import { startLab } from "../../harness/api/start-lab.js";
import "../../harness/vitest.js";
import { loadBuiltin } from "../topology/builtin.js";
import { fakeMesh } from "../fakes/fake-mesh.js";
import { FakeRuntime } from "../fakes/fake-runtime.js";

async function fakeLab() {
  const topology = await loadBuiltin("redundant");
  const runtime = new FakeRuntime();
  const lab = await startLab(topology, { runtime, meshClients: fakeMesh(topology), runId: "api-test" });
  return { lab, runtime, fake: runtime.labs[0]! };
}

describe("startLab on a fake runtime", () => {
  it("brings the topology up and reports routes the oracle expects", async () => {
    const { lab } = await fakeLab();
    expect(lab.runId).toBe("api-test");
    expect(lab.nodes()).toEqual(["controller01", "relayer01", "relayer02", "executor01"]);
    expect((await lab.routes()).controller01).toEqual({ executor01: "relayer01", relayer01: "relayer01", relayer02: "relayer02" });
    await expect(lab).toConvergeRoutes();
    await lab.destroy();
  });

  it("follows faults in the oracle: stop relayer01, the routes converge via relayer02", async () => {
    const { lab, fake } = await fakeLab();
    await lab.faults.stop("relayer01");
    expect(fake.calls).toContain("stop relayer01");
    expect(lab.faults.state.snapshot().down).toEqual(["relayer01"]);
    await expect(lab).toConvergeRoutes({ within: "1s" });
    expect((await lab.routes()).controller01?.executor01).toBe("relayer02");
    await lab.faults.start("relayer01");
    await expect(lab.expectConverged()).resolves.toMatchObject({ ok: true });
    await lab.destroy();
  });

  it("fails the matcher with expected versus observed when the mesh is not what the faults say", async () => {
    const { lab, fake } = await fakeLab();
    await fake.stop("relayer01"); // behind the harness's back: the oracle still expects relayer01
    await expect(expect(lab).toConvergeRoutes()).rejects.toThrow(
      /expected the routes to converge \(waited \d+ ms\)\nexpected: every live node's routing table matches the topology\nobserved: no status from relayer01; controller01: relayer01 expected via relayer01, observed no route/,
    );
    await expect(lab.expectConverged()).rejects.toThrow(/routes did not converge/);
    await lab.destroy();
  });

  it("rejects a fault that did not take effect", async () => {
    const topology = await loadBuiltin("redundant");
    const runtime = new FakeRuntime({ ignoresStop: ["relayer02"] });
    const lab = await startLab(topology, { runtime, meshClients: fakeMesh(topology) });
    await expect(lab.faults.stop("relayer02")).rejects.toThrow(/stop: stop returned but did not take effect \(relayer02 is running\)/);
    await lab.destroy();
  });

  it("is removed once at the end of an 'await using' scope, and destroy() may be repeated", async () => {
    const { lab, fake } = await fakeLab();
    {
      await using scoped = lab;
      expect(scoped.nodes()).toHaveLength(4);
    }
    await lab.destroy();
    expect(fake.destroyed).toBe(1);
  });
});
