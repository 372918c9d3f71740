import { writeFile } from "node:fs/promises";
import { UsageError } from "../../errors.js";
import { topologyYaml } from "../../topology/generate/generated-topology.js";
import { shapeGraph, shapeNames, type ShapeName, type ShapeParameters } from "../../topology/generate/shapes.js";
import { parseTopology } from "../../topology/load-topology.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = [
  "receptor-lab generate <shape> [parameters] [--redundancy R] [--cost C] [--work-types a,b] [--name NAME] [-o FILE]",
  "",
  "  star    --nodes N                    node 0 the hub (--redundancy R: R hubs, each leaf dials all)",
  "  tree    --depth D --fanout F         each node dials its parent (--redundancy R: and R-1 of its neighbours)",
  "  ring    --nodes N                    each node dials the one before; the last also node 0",
  "  grid    --rows R --cols C            each node dials its left and upper neighbours",
  "  clos    --spines S --leaves L [--executors-per-leaf E]   leaves dial every spine; executors dial R leaves",
  "  random  --nodes N --degree K [--seed S]   a random spanning tree plus links up to average degree K",
  "",
  "Node 0 is `controller`; nodes nobody dials are executors (e…, with the work types, default",
  "echo-sleep,echo-reply); the rest relays (r…). Writes ordinary topology YAML to stdout or FILE.",
].join("\n");

const numbers = ["nodes", "depth", "fanout", "rows", "cols", "spines", "leaves", "executors-per-leaf", "degree", "seed", "redundancy", "cost"] as const;

/** Parameterised topologies as ordinary topology YAML (checked by the topology loader before it is written). */
export const generateCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(
    args,
    {
      ...Object.fromEntries(numbers.map((name) => [name, { type: "string" as const }])),
      "work-types": { type: "string", default: "echo-sleep,echo-reply" },
      name: { type: "string" },
      output: { type: "string", short: "o" },
    },
    usage,
  );
  const [shape, ...rest] = positionals;
  if (!shape || rest.length > 0 || !(shapeNames as readonly string[]).includes(shape)) {
    throw new UsageError(shape ? `unknown shape '${[shape, ...rest].join(" ")}'` : "say which shape to generate", `Shapes: ${shapeNames.join(", ")}.\nUsage: ${usage}`);
  }
  const read = (name: (typeof numbers)[number]): number | undefined => {
    const text = (values as Record<string, string | undefined>)[name];
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got '${text}'`, `Usage: ${usage.split("\n")[0]}`);
    return value;
  };
  const parameters: ShapeParameters = Object.fromEntries(
    numbers.filter((name) => name !== "cost").flatMap((name) => (read(name) === undefined ? [] : [[camel(name), read(name)]])),
  );
  const graph = shapeGraph(shape as ShapeName, parameters);
  const name = values.name ?? `${shape}-${graph.size}`;
  const command = ["receptor-lab generate", ...args.filter((arg, index) => arg !== "-o" && arg !== "--output" && args[index - 1] !== "-o" && args[index - 1] !== "--output")].join(" ");
  const yaml = topologyYaml(
    graph,
    {
      name,
      description: `${shape}, ${graph.size} nodes (generated)`,
      cost: read("cost") ?? 1,
      workTypes: values["work-types"].split(",").map((type) => type.trim()).filter(Boolean),
    },
    command,
  );
  // what is written must load: a name that is no DNS label, say, stops here
  parseTopology(values.output ?? `${name}.yaml`, yaml);
  if (!values.output) {
    context.print(yaml.trimEnd());
    return 0;
  }
  await writeFile(values.output, yaml);
  context.print(`${values.output}: ${name}, ${graph.size} nodes, ${graph.links.length} links ('receptor-lab up ${values.output}' starts it).`);
  return 0;
};

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}
