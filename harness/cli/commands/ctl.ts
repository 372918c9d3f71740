import { UsageError } from "../../errors.js";
import { selectLab, selectNode } from "../../runtime/lab-registry.js";
import type { Command } from "../cli-context.js";

export const usage = "receptor-lab ctl <node> [--lab <run-id>] -- <receptorctl arguments>";

/** Runs the real receptorctl inside the node, against its control socket. */
export const ctlCommand: Command = async (args, context) => {
  const separator = args.indexOf("--");
  const before = separator >= 0 ? args.slice(0, separator) : args;
  const receptorctlArgs = separator >= 0 ? args.slice(separator + 1) : [];
  let labId: string | undefined;
  const names: string[] = [];
  for (let index = 0; index < before.length; index++) {
    if (before[index] === "--lab") labId = before[++index];
    else names.push(before[index]!);
  }
  if (names.length !== 1 || receptorctlArgs.length === 0) throw new UsageError("say which node and what to run", `Usage: ${usage}  (e.g. ctl node01 -- status)`);
  const runtime = await context.runtime();
  const node = selectNode(selectLab(await runtime.listLabs(), labId), names[0]!);
  return runtime.attach(node, ["receptorctl", ...receptorctlArgs]);
};
