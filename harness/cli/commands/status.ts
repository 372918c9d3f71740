import chalk from "chalk";
import { ControlSocketClient } from "../../mesh/control-socket-client.js";
import type { NodeStatus } from "../../mesh/control-types.js";
import { selectLab, selectNode } from "../../runtime/lab-registry.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";
import { renderStatus } from "../status-render.js";

export const usage = "receptor-lab status [node...] [--json] [--lab <run-id>]";

export const statusCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(args, { json: { type: "boolean" }, lab: { type: "string" } }, usage);
  const lab = selectLab(await (await context.runtime()).listLabs(), values.lab);
  const nodes = positionals.length > 0 ? positionals.map((name) => selectNode(lab, name)) : lab.nodes;
  const results = await Promise.all(
    nodes.map(async (node) => {
      if (!node.control || node.state !== "running") return { node, error: `container ${node.containerName} is ${node.state}` };
      try {
        return { node, status: await new ControlSocketClient(node.id, node.control).status() };
      } catch (error) {
        return { node, error: (error as Error).message };
      }
    }),
  );
  if (values.json) {
    const out: Record<string, NodeStatus | { error: string }> = {};
    for (const result of results) out[result.node.id] = result.status ?? { error: result.error! };
    context.print(JSON.stringify({ runId: lab.runId, topology: lab.topology, nodes: out }, null, 2));
  } else {
    const versions = [...new Set(lab.nodes.map((node) => node.receptorVersion))];
    const spread = lab.nodes.some((node) => node.engine);
    context.print(chalk.bold(`Lab ${lab.runId} (${lab.topology}, Receptor ${versions.join(", ")}${spread ? `, over engines ${[...new Set(lab.nodes.map((node) => node.engine?.name ?? "host"))].join(", ")}` : ""})`));
    for (const result of results) {
      const version = versions.length > 1 ? `, Receptor ${result.node.receptorVersion}` : "";
      const engine = spread ? `, on ${result.node.engine?.name ?? "host"}` : "";
      context.print(`\n${chalk.bold.cyan(`── ${result.node.id} (${result.node.container}${version}${engine}) ──`)}`);
      context.print(result.status ? renderStatus(result.status) : chalk.red(`unreachable: ${result.error}`));
    }
  }
  return results.some((result) => result.error) ? 1 : 0;
};
