import { LabFailure } from "../../errors.js";
import { connectDocker } from "../../runtime/docker-engine.js";
import { enginesDown, readEngineSet } from "../../runtime/engines/extra-engines.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab prune";

/** Removes every container and network any run left behind (found by the run label), and any extra engines. */
export const pruneCommand: Command = async (args, context) => {
  parseOptions(args, {}, usage, false);
  const runtime = await context.runtime();
  const labs = await runtime.listLabs();
  const problems = await runtime.removeLabs();
  if (problems.length > 0) throw new LabFailure(`prune could not remove everything:\n${problems.join("\n")}`, "Look at 'docker ps -a --filter label=receptor-lab.run'.");
  const engines = (await readEngineSet(context.cacheDir)) ? await enginesDown(await connectDocker(context.progress), context) : undefined;
  const removed = [labs.length ? `${labs.length} lab(s): ${labs.map((lab) => lab.runId).join(", ")}` : "", engines ? `${engines.engines.length} extra engine(s) and their swarm` : ""].filter(Boolean);
  context.print(removed.length ? `Removed ${removed.join("; ")}.` : "Nothing to prune.");
  return 0;
};
