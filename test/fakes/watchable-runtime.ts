import type { RunningLab } from "../../harness/runtime/lab-runtime.js";
import type { Topology } from "../../harness/topology/model.js";
import { fakeControlServer } from "../mesh/fake-control-server.js";
import { fakeMesh } from "./fake-mesh.js";
import { FakeRuntime, type FakeLab } from "./fake-runtime.js";

/**
 * A FakeRuntime whose running nodes have control addresses, with a control service per node that answers `status` as fakeMesh does, over the real protocol,
 * and `work list` with no units: what `watch` needs of a running lab.
 */
export class WatchableRuntime extends FakeRuntime {
  private readonly ports = new Map<string, number>();
  private readonly closers: Array<() => Promise<void>> = [];

  /** Starts the control services of `runId`'s nodes. */
  async serve(runId: string, topology: Topology): Promise<void> {
    const lab = this.lab(runId)!;
    const mesh = fakeMesh(topology);
    for (const id of lab.nodeIds()) {
      const server = await fakeControlServer(async (session) => {
        const request = JSON.parse(await session.nextLine()) as { command: string };
        const reply = request.command === "status" ? await mesh(lab, id).status() : {};
        session.socket.end(`${JSON.stringify(reply)}\n`);
      }, `Receptor Control, node ${id}\n`);
      this.ports.set(`${runId}/${id}`, server.port);
      this.closers.push(server.close);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.closers.splice(0).map((close) => close()));
  }

  /** The nodes as FakeRuntime lists them, each running one with its control address. */
  override async listLabs(): Promise<RunningLab[]> {
    return (await super.listLabs()).map((running) => ({
      ...running,
      nodes: running.nodes.map((node) => {
        const port = this.ports.get(`${running.runId}/${node.id}`);
        return { ...node, ...(port && node.state !== "exited" ? { control: { host: "127.0.0.1", port } } : {}) };
      }),
    }));
  }

  private lab(runId: string): FakeLab | undefined {
    return this.labs.find((lab) => lab.spec.runId === runId && lab.destroyed === 0);
  }
}
