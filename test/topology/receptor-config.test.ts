import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseTopology } from "../../harness/topology/load-topology.js";
import { findNode } from "../../harness/topology/model.js";
import { receptorConfig } from "../../harness/topology/receptor-config.js";
import { loadBuiltin } from "./builtin.js";

async function configOf(topologyName: string, nodeId: string): Promise<Array<Record<string, unknown> | string>> {
  const topology = await loadBuiltin(topologyName);
  return parse(receptorConfig(topology, findNode(topology, nodeId)!));
}

const action = (config: Array<Record<string, unknown> | string>, name: string) =>
  config.filter((item): item is Record<string, unknown> => typeof item === "object" && name in item).map((item) => item[name]);

describe("receptor config generation", () => {
  it("gives demo 03's controller01 both peers with their costs and an advertised control service", async () => {
    const config = await configOf("redundant", "controller01");
    expect(action(config, "node")).toEqual([{ id: "controller01", datadir: "/tmp/receptor" }]);
    expect(action(config, "tcp-peer")).toEqual([
      { address: "node02.example.internal:7323", cost: 1, redial: true },
      { address: "node03.example.internal:7323", cost: 2, redial: true },
    ]);
    expect(action(config, "tcp-listener")).toEqual([]);
    expect(action(config, "control-service")).toEqual([{ service: "control", filename: "/tmp/receptor.sock", tcplisten: "7399" }]);
  });

  it("gives a relayer its listener cost (a quoted port) and an unadvertised control service", async () => {
    const config = await configOf("redundant", "relayer02");
    expect(action(config, "tcp-listener")).toEqual([{ port: "7323", cost: 2 }]);
    expect(action(config, "control-service")).toEqual([{ service: "", filename: "/tmp/receptor.sock", tcplisten: "7399" }]);
  });

  it("writes the executor's work commands exactly as the demo's", async () => {
    const config = await configOf("redundant", "executor01");
    expect(action(config, "work-command")).toEqual([
      {
        worktype: "echo-reply",
        command: "bash",
        params: "-c 'while read -r line; do echo Reply from $(cat /etc/hostname): ${line^^}; done'",
      },
      {
        worktype: "echo-sleep",
        command: "bash",
        params: "-c 'for i in $(seq 1 12); do echo ${i}: $(date +%T); sleep ${ECHO_SLEEP_SECONDS:-5}; done'",
      },
    ]);
  });

  it("allows runtime params only where the topology says so", async () => {
    const config = await configOf("simple", "executor01");
    const catFiles = action(config, "work-command").find((work) => (work as { worktype: string }).worktype === "cat-files");
    expect(catFiles).toEqual({ worktype: "cat-files", command: "grep", params: "-n -H ''", allowruntimeparams: true });
  });

  it("dials the complex hub on the port of its side", async () => {
    expect(action(await configOf("complex", "east-relayer01"), "tcp-peer")).toEqual([{ address: "c01.example.internal:7324", cost: 1, redial: true }]);
    expect(action(await configOf("complex", "west-relayer03"), "tcp-peer")).toEqual([
      { address: "wr01.example.internal:7323", cost: 1, redial: true },
      { address: "wr02.example.internal:7323", cost: 1, redial: true },
    ]);
    expect(action(await configOf("complex", "controller01"), "tcp-listener")).toEqual([
      { port: "7323", cost: 1 },
      { port: "7324", cost: 1 },
    ]);
  });

  it("adds local-only to a node with no peers and no listener (receptor exits without a backend)", async () => {
    const topology = parseTopology("lonely.yaml", "name: lonely\nnodes:\n  - { id: alone, container: a01 }\n");
    expect(parse(receptorConfig(topology, topology.nodes[0]!))).toContain("local-only");
  });
});
