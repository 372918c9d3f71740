import { get, type IncomingMessage } from "node:http";
import { describe, expect, it, onTestFinished } from "vitest";
import { openLab } from "../../harness/api/open-lab.js";
import { startLab } from "../../harness/api/start-lab.js";
import { serveLiveView } from "../../harness/cli/watch-server.js";
import type { LiveView } from "../../harness/scenario/live-view.js";
import { runtimeSources } from "../../harness/scenario/live-watch.js";
import { fakeMesh } from "../fakes/fake-mesh.js";
import { WatchableRuntime } from "../fakes/watchable-runtime.js";
import { loadBuiltin } from "../topology/builtin.js";

function request(url: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, { headers }, resolve).on("error", reject));
}

async function body(response: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of response) text += chunk;
  return text;
}

/** The server-sent events of one response (each ends after what it has to say). */
async function events(response: IncomingMessage): Promise<string[]> {
  return (await body(response)).split("\n\n").filter(Boolean);
}

describe("watch --web: the live view server", () => {
  it("serves the page and pushes the view as server-sent events on 127.0.0.1, then says when the lab is gone", async () => {
    const topology = await loadBuiltin("redundant");
    const runtime = new WatchableRuntime();
    const meshClients = fakeMesh(topology);
    const started = await startLab(topology, { runtime, meshClients, runId: "served" });
    await runtime.serve("served", topology);
    onTestFinished(() => runtime.close());
    const lab = await openLab("served", { runtime, meshClients });
    const server = await serveLiveView(lab, { ...runtimeSources(runtime, "served"), intervalMs: 30, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await request(server.url);
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      const html = await body(page);
      for (const node of topology.nodes) expect(html).toContain(`data-node="${node.id}"`);
      expect(html).toContain('data-link="controller01&gt;relayer01"');
      expect(html).not.toMatch(/<(link|img)\b|src=|https?:\/\/(?!www\.w3\.org)/);

      expect((await request(server.url, { Host: "evil.example:80" })).statusCode).toBe(403);
      expect((await request(`${server.url}nothing`)).statusCode).toBe(404);

      const first = await request(`${server.url}events`);
      expect(first.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
      const [message] = await events(first);
      expect(message).toMatch(/^retry: 30\nid: \d+\ndata: \{/);
      await lab.faults.stop("relayer01");
      // as EventSource does: come back with the id of the last view seen, get the next one
      let id = Number(/^id: (\d+)$/m.exec(message!)![1]);
      let view: LiveView | undefined;
      for (let round = 0; round < 50 && view?.nodes.find((node) => node.id === "relayer01")?.state !== "down"; round++) {
        const [next] = await events(await request(`${server.url}events`, { "Last-Event-ID": String(id) }));
        const nextId = Number(/^id: (\d+)$/m.exec(next!)![1]);
        expect(nextId).toBeGreaterThan(id);
        id = nextId;
        view = JSON.parse(/^data: (.*)$/m.exec(next!)![1]!) as LiveView;
      }
      expect(view?.nodes.find((node) => node.id === "relayer01")?.state).toBe("down");
      expect(view?.events.map((event) => event.text)).toContain("stop relayer01");

      await started.destroy();
      expect(await server.ended).toBe("gone");
      const gone = 'event: gone\ndata: {"message":"Lab served is gone (removed); the watch has ended."}';
      expect(await events(await request(`${server.url}events`))).toEqual([gone]);
    } finally {
      await server.close();
    }
  });

  it("says which flag to use when the port is taken", async () => {
    const topology = await loadBuiltin("simple");
    const runtime = new WatchableRuntime();
    const meshClients = fakeMesh(topology);
    await startLab(topology, { runtime, meshClients, runId: "busy" });
    const lab = await openLab("busy", { runtime, meshClients });
    const first = await serveLiveView(lab, { ...runtimeSources(runtime, "busy"), intervalMs: 30, port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(serveLiveView(lab, { ...runtimeSources(runtime, "busy"), intervalMs: 30, port })).rejects.toMatchObject({
        exitCode: 2,
        message: `port ${port} on 127.0.0.1 is in use`,
      });
    } finally {
      await first.close();
    }
  });
});
