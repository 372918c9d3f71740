import { LabFailure } from "../../errors.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab prune";

/** Removes every container and network any run left behind (found by the run label). */
export const pruneCommand: Command = async (args, context) => {
  parseOptions(args, {}, usage, false);
  const runtime = await context.runtime();
  const labs = await runtime.listLabs();
  const problems = await runtime.removeLabs();
  if (problems.length > 0) throw new LabFailure(`prune could not remove everything:\n${problems.join("\n")}`, "Look at 'docker ps -a --filter label=receptor-lab.run'.");
  context.print(labs.length ? `Removed ${labs.length} lab(s): ${labs.map((lab) => lab.runId).join(", ")}.` : "Nothing to prune.");
  return 0;
};
