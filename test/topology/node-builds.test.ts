import { describe, expect, it } from "vitest";
import { InputError } from "../../harness/errors.js";
import { labSpecFor, receptorVersionOf } from "../../harness/runtime/lab-spec.js";
import { parseTopology } from "../../harness/topology/load-topology.js";

const mixed = `name: mixed
nodes:
  - id: controller
    container: c
    listen: [{ port: 7323 }]
  - id: exec.lab
    container: e1
    dial: [{ to: controller }]
    receptor: 1.4.11
  - id: e2
    container: e2
    dial: [{ to: controller }]
    image: quay.io/ansible/receptor:v1.6.5
`;

describe("a node's own Receptor (mixed-version labs)", () => {
  it("keeps each node's receptor or image with where the topology says so; nodes without one run the lab's", () => {
    const topology = parseTopology("mixed.yaml", mixed);
    expect(topology.nodes.map((node) => node.build)).toEqual([
      undefined,
      { receptor: "1.4.11", at: { file: "mixed.yaml", line: 9, column: 15 } },
      { image: "quay.io/ansible/receptor:v1.6.5", at: { file: "mixed.yaml", line: 13, column: 12 } },
    ]);
  });

  it("gives the lab spec each node's image and version, the lab's to the rest", () => {
    const topology = parseTopology("mixed.yaml", mixed);
    const spec = labSpecFor(topology, {
      runId: "r",
      image: "receptor-lab-node:1.6.5",
      receptorVersion: "1.6.5",
      nodeImages: new Map([["exec.lab", { tag: "receptor-lab-node:1.4.11", receptorVersion: "1.4.11" }]]),
    });
    expect(spec.nodes.map((node) => [node.id, node.image, node.receptorVersion])).toEqual([
      ["controller", undefined, undefined],
      ["exec.lab", "receptor-lab-node:1.4.11", "1.4.11"],
      ["e2", undefined, undefined],
    ]);
    expect([receptorVersionOf(spec, "controller"), receptorVersionOf(spec, "exec.lab")]).toEqual(["1.6.5", "1.4.11"]);
  });

  it("refuses a version that is none, and both receptor and image on one node, at their lines", () => {
    const notVersion = () => parseTopology("bad.yaml", mixed.replace("receptor: 1.4.11", "receptor: latest"));
    expect(notVersion).toThrow(InputError);
    expect(notVersion).toThrow(/bad\.yaml:9:15: nodes\[1\]\.receptor: not a Receptor version, commit or source tree/);
    const both = () => parseTopology("bad.yaml", mixed.replace("    image: quay.io", "    receptor: 1.4.11\n    image: quay.io"));
    expect(both).toThrow(/bad\.yaml:1[34]:\d+: nodes\[2\]\.image: a node runs either `receptor` or `image`, not both/);
  });
});
