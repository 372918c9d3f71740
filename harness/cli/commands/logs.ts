import { UsageError } from "../../errors.js";
import { selectLab, selectNode } from "../../runtime/lab-registry.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab logs <node> [-f] [--tail <lines>] [--lab <run-id>]";

/** A node's Receptor log; with -f, then each new line until Ctrl-C. */
export const logsCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(args, { follow: { type: "boolean", short: "f" }, tail: { type: "string" }, lab: { type: "string" } }, usage);
  if (positionals.length !== 1) throw new UsageError("say which node's log to show", `Usage: ${usage}`);
  const tail = values.tail === undefined ? undefined : Number(values.tail);
  if (tail !== undefined && !(Number.isInteger(tail) && tail > 0)) throw new UsageError(`--tail takes a number of lines above 0, got '${values.tail}'`, `Usage: ${usage}`);
  const runtime = await context.runtime();
  const running = selectLab(await runtime.listLabs(), values.lab);
  const node = selectNode(running, positionals[0]!);
  if (values.follow) {
    return runtime.followLogs(node, tail === undefined ? {} : { tail });
  }
  const lab = await context.openLab(running.runId);
  context.print((await lab.logs(node.id, tail)).replace(/\n$/, ""));
  return 0;
};
