import { afterEach, describe, expect, it } from "vitest";
import { ControlReplyError, ControlTimeoutError } from "../../harness/mesh/control-errors.js";
import { ControlSocketClient, defaultTimeouts } from "../../harness/mesh/control-socket-client.js";
import { fakeControlServer, type FakeSession } from "./fake-control-server.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function clientFor(script: (session: FakeSession) => Promise<void>, greeting?: string, simpleMs = 2_000) {
  const fake = await fakeControlServer(script, greeting);
  close = fake.close;
  return new ControlSocketClient("fake01", { host: "127.0.0.1", port: fake.port }, { ...defaultTimeouts, simpleMs, submitMs: 2_000 });
}

describe("control-socket client framing", () => {
  it("reads the greeting, sends one JSON request line and parses the JSON reply", async () => {
    const requests: string[] = [];
    const client = await clientFor(async (session) => {
      requests.push(await session.nextLine());
      session.socket.write('{"NodeID":"fake01","RoutingTable":{"b":"a"},"Version":"1.6.5"}\n');
    });
    const status = await client.status();
    expect(requests).toEqual(['{"command":"status"}']);
    expect(status).toMatchObject({ NodeID: "fake01", RoutingTable: { b: "a" } });
  });

  it("asks for the routing table alone, and reads it from a full status when a Receptor ignores the filter", async () => {
    const requests: string[] = [];
    const filtered = await clientFor(async (session) => {
      requests.push(await session.nextLine());
      session.socket.write('{"RoutingTable":{"b":"a"}}\n');
    });
    expect(await filtered.routingTable()).toEqual({ b: "a" });
    expect(requests).toEqual(['{"command":"status","requested_fields":["RoutingTable"]}']);
    await close?.();
    const unfiltered = await clientFor(async (session) => {
      await session.nextLine();
      session.socket.write('{"NodeID":"fake01","Known":{"a":{"b":1}},"RoutingTable":{"c":"a"}}\n');
    });
    expect(await unfiltered.routingTable()).toEqual({ c: "a" });
  });

  it("turns an ERROR: reply into an error naming node and command", async () => {
    const client = await clientFor(async (session) => {
      await session.nextLine();
      session.socket.write("ERROR: unknown work unit nope\n");
    });
    const failure = client.workStatus("nope");
    await expect(failure).rejects.toBeInstanceOf(ControlReplyError);
    await expect(failure).rejects.toThrow("fake01: 'work status nope' failed: unknown work unit nope");
  });

  it("sorts traceroute hops by number and keeps hop errors", async () => {
    const client = await clientFor(async (session) => {
      await session.nextLine();
      session.socket.write(
        '{"1":{"From":"r1","Time":3000,"TimeStr":"3µs"},"0":{"From":"c1","Time":1000,"TimeStr":"1µs"},"2":{"From":"r1","Time":5,"TimeStr":"5ns","Error":"no route"}}\n',
      );
    });
    expect(await client.traceroute("x")).toEqual([
      { hop: 0, from: "c1", timeNs: 1000, timeStr: "1µs", error: undefined },
      { hop: 1, from: "r1", timeNs: 3000, timeStr: "3µs", error: undefined },
      { hop: 2, from: "r1", timeNs: 5, timeStr: "5ns", error: "no route" },
    ]);
  });

  it("submits: waits for 'Work unit created', sends the payload, half-closes, reads the result", async () => {
    let request = "";
    let payload = "";
    const client = await clientFor(async (session) => {
      request = await session.nextLine();
      session.socket.write("Work unit created with ID abc12345. Send stdin data and EOF.\n");
      payload = (await session.untilEnd()).toString();
      session.socket.end('{"result":"Job Started","unitid":"abc12345"}\n');
    });
    const result = await client.submit({ node: "executor01", workType: "echo-reply", payload: "Hello Receptor!\n", params: "a b" });
    expect(result).toEqual({ unitId: "abc12345", result: "Job Started" });
    expect(JSON.parse(request)).toEqual({ command: "work", subcommand: "submit", node: "executor01", worktype: "echo-reply", params: "a b" });
    expect(payload).toBe("Hello Receptor!\n");
  });

  it("half-closes even with no payload, and does not send a payload after a refused submit", async () => {
    let afterRefusal = "";
    const client = await clientFor(async (session) => {
      await session.nextLine();
      session.socket.write("ERROR: unknown work type nope\n");
      afterRefusal = (await session.untilEnd()).toString();
    });
    await expect(client.submit({ workType: "nope", payload: "would be a command\n" })).rejects.toThrow("unknown work type nope");
    expect(afterRefusal).toBe("");
  });

  it("streams results from a numeric startpos until the server closes", async () => {
    let request = "";
    const client = await clientFor(async (session) => {
      request = await session.nextLine();
      session.socket.write("Streaming results for work unit u1\n1: 10:00:00\n");
      await new Promise((resolve) => setTimeout(resolve, 30));
      session.socket.end("2: 10:00:05\n");
    });
    const chunks: string[] = [];
    const stdout = await client.results("u1", { startPos: 12, onData: (chunk) => chunks.push(chunk.toString()) });
    expect(JSON.parse(request)).toEqual({ command: "work", subcommand: "results", unitid: "u1", startpos: 12 });
    expect(stdout.toString()).toBe("1: 10:00:00\n2: 10:00:05\n");
    expect(chunks.join("")).toBe(stdout.toString());
  });

  it("gives up after its hard timeout when a node accepts TCP but never answers (a paused node)", async () => {
    const client = await clientFor(() => new Promise(() => {}), "", 300);
    const started = Date.now();
    await expect(client.status()).rejects.toBeInstanceOf(ControlTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("rejects a peer that is not a Receptor control service", async () => {
    const client = await clientFor(async () => {}, "SSH-2.0-OpenSSH\n");
    await expect(client.status()).rejects.toThrow("unexpected greeting");
  });
});
