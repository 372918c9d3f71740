import { UsageError } from "../../errors.js";
import { selectLab, selectNode } from "../../runtime/lab-registry.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab exec <node> [--lab <run-id>] [-- <command>...]";

const shell = ["sh", "-c", "if command -v bash >/dev/null; then exec bash; else exec sh; fi"];

/** A command inside the node with the terminal attached; a shell (bash where the image has it) by default. */
export const execCommand: Command = async (args, context) => {
  const separator = args.indexOf("--");
  const command = separator >= 0 ? args.slice(separator + 1) : [];
  const { values, positionals } = parseOptions(separator >= 0 ? args.slice(0, separator) : args, { lab: { type: "string" } }, usage);
  if (positionals.length !== 1) throw new UsageError("say which node to run in", `Usage: ${usage}  (e.g. exec relayer01 -- ip addr)`);
  const runtime = await context.runtime();
  const node = selectNode(selectLab(await runtime.listLabs(), values.lab), positionals[0]!);
  if (node.state !== "running") throw new UsageError(`${node.id} is not running (${node.state})`, `Run 'receptor-lab ${node.state === "paused" ? "unpause" : "start"} ${node.id}' first.`);
  return runtime.attach(node, command.length > 0 ? command : shell);
};
