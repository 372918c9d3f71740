/**
 * The same receptor binary the node image holds, run as plain processes on 127.0.0.1: the
 * baseline the scale bench measures labs against. Each node's config is the lab's own, with its
 * listener, peers and control service moved to ports of its own.
 */
import { closeSync, openSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { parse, stringify } from "yaml";
import { systemClock } from "../harness/clock.js";
import { ControlSocketClient } from "../harness/mesh/control-socket-client.js";
import type { Topology } from "../harness/topology/model.js";
import { receptorConfig } from "../harness/topology/receptor-config.js";
import { waitUntil } from "../harness/wait-until.js";

const meshPortBase = 21_000;
const controlPortBase = 31_000;

export interface BareMesh {
  /** Processes started → every node's routing table names every other node; null: not within the timeout. */
  convergedMs: number | null;
  /** How many tables named every other node at the last poll. */
  completeTables: number;
  stop(): Promise<number>;
}

export async function startBareMesh(topology: Topology, binary: string, dir: string, env: Record<string, string>, timeoutMs: number): Promise<BareMesh> {
  await mkdir(dir, { recursive: true });
  const index = new Map(topology.nodes.map((node, position) => [node.id, position]));
  const configs = topology.nodes.map((node, position) => {
    const actions = parse(receptorConfig(topology, node)) as Array<Record<string, Record<string, unknown>>>;
    for (const action of actions) {
      if (action["node"]) action["node"].datadir = join(dir, "data");
      if (action["tcp-listener"]) Object.assign(action["tcp-listener"], { bindaddr: "127.0.0.1", port: String(meshPortBase + position) });
      if (action["tcp-peer"]) {
        const target = topology.nodes.find((candidate) => action["tcp-peer"]!.address === `${candidate.hostname}:7323`)!;
        action["tcp-peer"].address = `127.0.0.1:${meshPortBase + index.get(target.id)!}`;
      }
      if (action["control-service"]) {
        action["control-service"].filename = join(dir, `${node.id}.sock`);
        action["control-service"].tcplisten = `127.0.0.1:${controlPortBase + position}`;
      }
    }
    return `---\n${stringify(actions)}`;
  });
  // execa's types take a descriptor only as a literal; any open one works
  const spawn = (file: string, stdout: number, stderr: number) => execa(binary, ["-c", file], { env, stdout: stdout as 1, stderr: stderr as 2, reject: false });
  const processes: Array<ReturnType<typeof spawn>> = [];
  const started = systemClock.now();
  for (const [position, node] of topology.nodes.entries()) {
    const file = join(dir, `${node.id}.yml`);
    await writeFile(file, configs[position]!);
    // descriptors handed to the child, not streams through this process: a 250-node mesh logs gigabytes
    const [stdout, stderr] = [openSync(join(dir, `${node.id}.out`), "a"), openSync(join(dir, `${node.id}.log`), "a")];
    processes.push(spawn(file, stdout, stderr));
    closeSync(stdout);
    closeSync(stderr);
  }
  const clients = topology.nodes.map((node, position) => new ControlSocketClient(node.id, () => ({ host: "127.0.0.1", port: controlPortBase + position })));
  const others = topology.nodes.length - 1;
  const outcome = await waitUntil(
    systemClock,
    async () => Promise.all(clients.map((client) => client.routingTable().then((table) => Object.keys(table).length, () => 0))),
    (sizes) => sizes.every((size) => size === others),
    { timeoutMs, intervalMs: 100, consecutive: 2 },
  );
  const convergedMs = outcome.ok ? systemClock.now() - started : null;
  const completeTables = (outcome.last ?? []).filter((size) => size === others).length;
  const stop = async () => {
    const stopping = systemClock.now();
    for (const child of processes) child.kill("SIGTERM");
    await Promise.all(processes);
    return systemClock.now() - stopping;
  };
  // a mesh that does not converge is a measurement too (at 250 nodes on two cores it may not)
  return { convergedMs, completeTables, stop };
}
