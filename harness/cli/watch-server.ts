import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { UsageError } from "../errors.js";
import { livePage } from "../report/live-page.js";
import type { LiveUpdate } from "../scenario/live-view.js";
import { watchLab, type WatchedLab, type WatchSources } from "../scenario/live-watch.js";

export interface LiveServerOptions extends WatchSources {
  intervalMs: number;
  /** 0: any free port. */
  port: number;
  /** Each update, after the browsers got it (the CLI prints its events). */
  onUpdate?: (update: LiveUpdate) => void;
}

export interface LiveServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** How the watch ended: stopped by close(), or the lab is gone (the server keeps running until close()). */
  ended: Promise<"stopped" | "gone">;
  close(): Promise<void>;
}

/**
 * Serves the live view of `lab` on 127.0.0.1: the page at /, the view as server-sent events on
 * /events, and an `event: gone` once the lab is removed.
 *
 * Each /events response carries one view, the first newer than the browser's Last-Event-ID (held
 * until the next poll if it has seen the latest), and ends; `retry` brings EventSource back one
 * interval later. A stream that never ends would stall a headless browser's virtual clock
 * (--virtual-time-budget waits while any fetch is pending); this costs one local request a poll.
 */
export async function serveLiveView(lab: WatchedLab, options: LiveServerOptions): Promise<LiveServer> {
  const page = livePage(lab.topology, lab.runId);
  const waiting = new Set<ServerResponse>();
  let latest: { id: number; message: string } | undefined;
  let gone: string | undefined;
  const server = createServer((request, response) => {
    // the page only ever calls itself by this address; anything else (a rebound DNS name) is refused
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(request.headers.host ?? "")) return void response.writeHead(403).end();
    if (request.method !== "GET") return void response.writeHead(405, { Allow: "GET" }).end();
    if (request.url === "/") return void response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(page);
    if (request.url !== "/events") return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store" });
    const seen = Number(request.headers["last-event-id"]) || 0;
    if (gone) return void response.end(gone);
    if (latest && latest.id > seen) return void response.end(latest.message);
    waiting.add(response);
    request.on("close", () => waiting.delete(response));
  });
  const answerWaiting = (message: string) => {
    for (const browser of waiting) browser.end(message);
    waiting.clear();
  };
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new UsageError(`port ${options.port} on 127.0.0.1 is in use`, "Choose another with --port N (--port 0: any free port).") : error),
    );
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const watching = watchLab(lab, {
    ...options,
    onUpdate: (update) => {
      const id = (latest?.id ?? 0) + 1;
      latest = { id, message: `retry: ${options.intervalMs}\nid: ${id}\ndata: ${JSON.stringify(update.view)}\n\n` };
      answerWaiting(latest.message);
      options.onUpdate?.(update);
    },
  });
  const ended = watching.ended.then((how) => {
    if (how === "gone") {
      gone = `event: gone\ndata: ${JSON.stringify({ message: `Lab ${lab.runId} is gone (removed); the watch has ended.` })}\n\n`;
      answerWaiting(gone);
    }
    return how;
  });
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    ended,
    close: () =>
      (closed ??= (async () => {
        watching.stop();
        await ended.catch(() => {});
        answerWaiting("");
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}
