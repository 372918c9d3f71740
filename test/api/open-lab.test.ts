import { describe, expect, it } from "vitest";
import { openLab } from "../../harness/api/open-lab.js";
import { startLab } from "../../harness/api/start-lab.js";
import "../../harness/vitest.js";
import { loadBuiltin } from "../topology/builtin.js";
import { fakeMesh } from "../fakes/fake-mesh.js";
import { FakeRuntime } from "../fakes/fake-runtime.js";

describe("openLab: a running lab, driven by another process", () => {
  it("reopens the only lab running, and each fault applied through it is known to the next opener", async () => {
    const topology = await loadBuiltin("redundant");
    const runtime = new FakeRuntime();
    const meshClients = fakeMesh(topology);
    const started = await startLab(topology, { runtime, meshClients, runId: "by-hand" });

    const first = await openLab(undefined, { runtime, meshClients });
    expect(first.runId).toBe("by-hand");
    await first.faults.stop("relayer01");
    expect(runtime.faultLog.get("by-hand")).toEqual([{ kind: "node", action: "stop", nodes: ["relayer01"] }]);

    const second = await openLab("by-hand", { runtime, meshClients });
    expect(second.faults.state.snapshot().down).toEqual(["relayer01"]);
    await expect(second).toConvergeRoutes({ within: "1s" });
    expect((await second.routes()).controller01?.executor01).toBe("relayer02");
    await started.destroy();
  });

  it("says which labs run when the one named is not among them", async () => {
    const topology = await loadBuiltin("simple");
    const runtime = new FakeRuntime();
    const started = await startLab(topology, { runtime, meshClients: fakeMesh(topology), runId: "only-one" });
    await expect(openLab("other", { runtime })).rejects.toThrow(/no lab with run id 'other'/);
    await started.destroy();
    await expect(openLab(undefined, { runtime })).rejects.toThrow(/no lab is running/);
  });
});
