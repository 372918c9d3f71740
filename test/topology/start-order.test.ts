import { describe, expect, it } from "vitest";
import { parseTopology } from "../../harness/topology/load-topology.js";
import { startWaves } from "../../harness/topology/start-order.js";
import { loadBuiltin } from "./builtin.js";

describe("start waves", () => {
  it("starts listeners before the nodes that dial them (complex)", async () => {
    expect(startWaves(await loadBuiltin("complex"))).toEqual([
      ["controller01"],
      ["east-relayer01", "east-relayer02", "west-relayer01", "west-relayer02"],
      ["east-executor01", "west-relayer03", "west-executor02"],
      ["west-controller01", "west-executor01"],
    ]);
  });

  it("starts a dial cycle together after everything else", () => {
    const topology = parseTopology(
      "cycle.yaml",
      `name: cycle
nodes:
  - { id: a, container: a, listen: [{ port: 7323 }], dial: [{ to: b }] }
  - { id: b, container: b, listen: [{ port: 7323 }], dial: [{ to: c }] }
  - { id: c, container: c, listen: [{ port: 7323 }], dial: [{ to: a }] }
  - { id: d, container: d }
`,
    );
    expect(startWaves(topology)).toEqual([["d"], ["a", "b", "c"]]);
  });
});
