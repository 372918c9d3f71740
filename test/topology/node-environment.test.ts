import { describe, expect, it } from "vitest";
import { InputError } from "../../harness/errors.js";
import { labSpecFor } from "../../harness/runtime/lab-spec.js";
import { composeProject } from "../../harness/topology/compose-project.js";
import { topologyYaml } from "../../harness/topology/generate/generated-topology.js";
import { shapeGraph } from "../../harness/topology/generate/shapes.js";
import { parseTopology } from "../../harness/topology/load-topology.js";

const knobs = `name: knobs
env:
  GOGC: 400
  GOMAXPROCS: "2"
nodes:
  - id: a
    container: a
    listen: [{ port: 7323 }]
  - id: b
    container: b
    dial: [{ to: a }]
    env:
      GOMAXPROCS: "1"
      GOMEMLIMIT: 200MiB
`;

describe("node environment (Go runtime knobs) and log level per topology", () => {
  it("gives each node the topology's env, then its own, as strings; containers and compose get them", () => {
    const topology = parseTopology("knobs.yaml", knobs);
    expect(topology.nodes.map((node) => node.env)).toEqual([
      { GOGC: "400", GOMAXPROCS: "2" },
      { GOGC: "400", GOMAXPROCS: "1", GOMEMLIMIT: "200MiB" },
    ]);
    const spec = labSpecFor(topology, { runId: "r", image: "i", receptorVersion: "1.6.5" });
    expect(spec.nodes[1]!.env).toEqual({ GOGC: "400", GOMAXPROCS: "1", GOMEMLIMIT: "200MiB" });
    expect(composeProject(topology, "img", "/")["docker-compose.yml"]).toContain("GOMEMLIMIT: 200MiB");
  });

  it("logs at debug as the demos do, at info above 50 nodes, or at what the topology says", () => {
    expect(parseTopology("knobs.yaml", knobs).logLevel).toBe("debug");
    const big = parseTopology("big.yaml", topologyYaml(shapeGraph("star", { nodes: 60 }), { name: "big", description: "", cost: 1, workTypes: [] }, ""));
    expect(big.logLevel).toBe("info");
    expect(labSpecFor(big, { runId: "r", image: "i", receptorVersion: "1.6.5" }).nodes[0]!.config).toContain("log-level: info");
    expect(parseTopology("quiet.yaml", `logLevel: warning\n${knobs}`).logLevel).toBe("warning");
  });

  it("refuses a variable name that is not one, at its line", () => {
    const bad = () => parseTopology("bad.yaml", knobs.replace("GOMEMLIMIT: 200MiB", "GO-MEM: 1"));
    expect(bad).toThrow(InputError);
    expect(bad).toThrow("bad.yaml:14:7: nodes[1].env.GO-MEM: an environment variable name is letters, digits and '_', not starting with a digit");
    expect(() => parseTopology("bad.yaml", `logLevel: loud\n${knobs}`)).toThrow(/a log level is error, warning, info or debug/);
  });
});
