import { describe, expect, it } from "vitest";
import { InputError } from "../../harness/errors.js";
import { placeNodes } from "../../harness/runtime/node-placement.js";
import { parseTopology } from "../../harness/topology/load-topology.js";

const engines = ["host", "engine-1", "engine-2"];
const at = { file: "t.yaml", line: 4, column: 5 };

describe("placing a lab's nodes over engines", () => {
  it("goes round-robin by position when nothing says otherwise", () => {
    expect(placeNodes(["a", "b", "c", "d"].map((id) => ({ id })), engines)).toEqual(["host", "engine-1", "engine-2", "host"]);
  });

  it("keeps a group on one engine, the groups round-robin in the order they first appear", () => {
    const nodes = [
      { id: "x1", placement: { group: "x", at } },
      { id: "y1", placement: { group: "y", at } },
      { id: "x2", placement: { group: "x", at } },
      { id: "z1", placement: { group: "z", at } },
      { id: "w1", placement: { group: "w", at } },
    ];
    expect(placeNodes(nodes, engines)).toEqual(["host", "engine-1", "host", "engine-2", "host"]);
  });

  it("puts a pinned node on its engine, whatever its group", () => {
    expect(placeNodes([{ id: "a", placement: { engine: "engine-2", group: "g", at } }, { id: "b" }], engines)).toEqual(["engine-2", "engine-1"]);
  });

  it("refuses a pin to an engine the lab lacks, at the pin's line, naming the engines it has", () => {
    const error = (() => {
      try {
        placeNodes([{ id: "a", placement: { engine: "edge-9", at } }], engines);
      } catch (caught) {
        return caught as InputError;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error!.exitCode).toBe(2);
    expect(error!.message).toBe("t.yaml:4:5: 'a' is pinned to engine 'edge-9', and the lab's engines are host, engine-1, engine-2");
  });

  it("reads `engine` and `group` from a topology, located at the node's entry", () => {
    const topology = parseTopology(
      "pins.yaml",
      ["name: pins", "nodes:", "  - id: a", "    container: a01", "    engine: engine-1", "  - id: b", "    container: b01", "    group: west"].join("\n"),
    );
    expect(topology.nodes.map((node) => node.placement)).toEqual([
      { engine: "engine-1", at: { file: "pins.yaml", line: 5, column: 13 } },
      { group: "west", at: { file: "pins.yaml", line: 8, column: 12 } },
    ]);
    expect(() => parseTopology("bad.yaml", ["name: bad", "nodes:", "  - id: a", "    container: a01", "    engine: Engine_1"].join("\n"))).toThrow(/bad.yaml:5:13: nodes\[0\].engine: an engine name is a lowercase DNS label/);
  });
});
