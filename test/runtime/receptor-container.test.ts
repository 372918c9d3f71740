import { createServer } from "node:net";
import type Dockerode from "dockerode";
import { BoundPorts } from "testcontainers";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ControlServiceWaitStrategy } from "../../harness/runtime/control-service-wait-strategy.js";
import { ReceptorContainer } from "../../harness/runtime/receptor-container.js";
import { fakeControlServer } from "../mesh/fake-control-server.js";

type Action = Record<string, unknown> | string;
const configOf = (container: ReceptorContainer): Action[] => parse(container.receptorConfig());
const node = () => new ReceptorContainer("receptor-lab-node:test");
const control = { "control-service": { service: "control", filename: "/tmp/receptor.sock", tcplisten: "7399" } };

describe("ReceptorContainer's generated config", () => {
  it("gives a bare node a random id, local-only and the control service on socket, TCP and mesh", () => {
    const config = configOf(node());
    const id = (config[0] as { node: { id: string } }).node.id;
    expect(id).toMatch(/^node-[0-9a-f]{8}$/);
    expect(config).toEqual([{ node: { id, datadir: "/tmp/receptor" } }, { "log-level": "debug" }, "local-only", control]);
  });

  it("writes listeners, peers and work commands in Receptor's v1 format", () => {
    const container = node()
      .withNodeId("executor.01")
      .withListener()
      .withListener(7324, { cost: 2.5, nodeCost: { "controller-01": 4 } })
      .withPeer("node-a:7323", { cost: 2 })
      .withPeer("[fd00::1]:7400")
      .withWorkCommand("echo", "bash", { params: "-c 'cat'" })
      .withWorkCommand("cat-files", "grep", { params: "-n -H ''", allowRuntimeParams: true })
      .withWorkCommand("date", "date")
      .withLogLevel("info");
    expect(configOf(container)).toEqual([
      { node: { id: "executor.01", datadir: "/tmp/receptor" } },
      { "log-level": "info" },
      { "tcp-listener": { port: "7323", cost: 1 } },
      { "tcp-listener": { port: "7324", cost: 2.5, nodecost: { "controller-01": 4 } } },
      { "tcp-peer": { address: "node-a:7323", cost: 2, redial: true } },
      { "tcp-peer": { address: "[fd00::1]:7400", redial: true } },
      control,
      { "work-command": { worktype: "echo", command: "bash", params: "-c 'cat'" } },
      { "work-command": { worktype: "cat-files", command: "grep", params: "-n -H ''", allowruntimeparams: true } },
      { "work-command": { worktype: "date", command: "date" } },
    ]);
    // Receptor refuses a bare number for a port: it must stay a quoted string.
    expect(container.receptorConfig()).toContain('port: "7323"');
  });
});

describe("ReceptorContainer's input checks", () => {
  it.each([
    ["a port out of range", () => node().withListener(70000), "Expected `port` to be an integer 1–65535, got 70000"],
    ["a fractional port", () => node().withListener(7323.5), "Expected `port` to be an integer 1–65535, got 7323.5"],
    ["a port as a string", () => node().withListener("7323" as unknown as number), 'Expected `port` to be an integer 1–65535, got "7323"'],
    ["the control port", () => node().withListener(7399), "Expected `port` not to be 7399: the control service listens there"],
    ["a second listener on a port", () => node().withListener(7323).withListener(7323), "Expected each listener on its own port, got `port` 7323 twice"],
    ["a zero cost", () => node().withListener(7323, { cost: 0 }), "Expected `cost` to be a number greater than 0, got 0"],
    ["a bad nodeCost id", () => node().withListener(7323, { nodeCost: { "a b": 1 } }), 'Expected `nodeCost` to be a Receptor node id'],
    ["a bad nodeCost cost", () => node().withListener(7323, { nodeCost: { a: -1 } }), "Expected `nodeCost.a` to be a number greater than 0, got -1"],
    ["the reserved node id", () => node().withNodeId("LocalHost"), 'Expected `nodeId` not to be "LocalHost": Receptor reserves that name'],
    ["a node id with a space", () => node().withNodeId("node a"), 'Expected `nodeId` to be a Receptor node id (letters, digits and . - _ @ :), got "node a"'],
    ["an empty node id", () => node().withNodeId(""), 'Expected `nodeId` to be a Receptor node id (letters, digits and . - _ @ :), got ""'],
    ["a non-ASCII node id", () => node().withNodeId("nødé"), 'got "nødé"'],
    ["a peer without a port", () => node().withPeer("node-a"), "Expected `address` to be 'host:port' (e.g. 'node-a:7323'), got \"node-a\""],
    ["a peer URL", () => node().withPeer("tcp://node-a:7323"), "Expected `address` to be 'host:port'"],
    ["a peer port out of range", () => node().withPeer("node-a:99999"), 'got "node-a:99999"'],
    ["a peer twice", () => node().withPeer("node-a:7323").withPeer("node-a:7323"), 'Expected each peer address once, got `address` "node-a:7323" twice'],
    ["a peer cost of NaN", () => node().withPeer("node-a:7323", { cost: Number.NaN }), "Expected `cost` to be a number greater than 0, got NaN"],
    ["a work type with a space", () => node().withWorkCommand("two words", "cat"), 'Expected `workType` to be a non-empty name without whitespace, got "two words"'],
    ["an empty command", () => node().withWorkCommand("echo", " "), 'Expected `command` to be the non-empty path or name of a program in the image, got " "'],
    ["params that are not a string", () => node().withWorkCommand("echo", "bash", { params: ["-c"] as unknown as string }), 'Expected `params` to be a string (Receptor splits it like a shell), got ["-c"] (array)'],
    ["a work type twice", () => node().withWorkCommand("echo", "cat").withWorkCommand("echo", "cat"), 'Expected each work type once, got `workType` "echo" twice'],
    ["an unknown log level", () => node().withLogLevel("trace" as "info"), 'Expected `level` to be one of error, warning, info, debug, got "trace"'],
  ])("rejects %s", (_name, build, message) => {
    expect(build).toThrow(TypeError);
    expect(build).toThrow(message);
  });
});

const running = (running: boolean, log = ""): Dockerode.Container =>
  ({
    inspect: async () => ({ State: { Running: running, ExitCode: running ? 0 : 1 } }),
    // Docker's multiplexed log format: one stdout frame.
    logs: async () => Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, Buffer.byteLength(log)]), Buffer.from(log)]),
  }) as unknown as Dockerode.Container;

function portsFor(port: number): BoundPorts {
  const ports = new BoundPorts();
  ports.setBinding(7399, port);
  return ports;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("ControlServiceWaitStrategy (against a fake control service)", () => {
  const localHost = { host: async () => "127.0.0.1" };

  it("is ready once the expected node greets", async () => {
    const fake = await fakeControlServer(async () => {}, "Receptor Control, node b\n");
    try {
      await new ControlServiceWaitStrategy("b", localHost).waitUntilReady(running(true), portsFor(fake.port));
    } finally {
      await fake.close();
    }
  });

  it("fails at once when another node answers", async () => {
    const fake = await fakeControlServer(async () => {}, "Receptor Control, node other\n");
    try {
      const wait = new ControlServiceWaitStrategy("b", localHost).waitUntilReady(running(true), portsFor(fake.port));
      await expect(wait).rejects.toThrow('greets as node "other", not "b"');
    } finally {
      await fake.close();
    }
  });

  it("fails with the log tail when the container has exited", async () => {
    const wait = new ControlServiceWaitStrategy("b", localHost).waitUntilReady(running(false, "Error: bad config\n"), portsFor(await closedPort()));
    await expect(wait).rejects.toThrow(/Receptor node "b" exited \(code 1\) before its control service answered; its last log lines:\nError: bad config/);
  });

  it("gives up after its startup timeout when nothing answers", async () => {
    const strategy = new ControlServiceWaitStrategy("b", localHost).withStartupTimeout(300);
    expect(strategy.isStartupTimeoutSet()).toBe(true);
    const started = Date.now();
    await expect(strategy.waitUntilReady(running(true), portsFor(await closedPort()))).rejects.toThrow(/did not greet on 127\.0\.0\.1:\d+ within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
