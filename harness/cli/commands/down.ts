import { join } from "node:path";
import { LabFailure } from "../../errors.js";
import { selectLab } from "../../runtime/lab-registry.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab down [--lab <run-id> | --all]";

export const downCommand: Command = async (args, context) => {
  const { values } = parseOptions(args, { lab: { type: "string" }, all: { type: "boolean" } }, usage, false);
  const runtime = await context.runtime();
  const running = await runtime.listLabs();
  // with nothing running, `down` is as done as `down --all`
  const labs = values.all || (running.length === 0 && !values.lab) ? running : [selectLab(running, values.lab)];
  for (const lab of labs) {
    const dir = join(context.reportDir, lab.runId);
    await runtime.saveLogs(lab, dir);
    const problems = await runtime.removeLabs(lab.runId);
    if (problems.length > 0) throw new LabFailure(`could not remove all of lab ${lab.runId}:\n${problems.join("\n")}`, "Run 'receptor-lab prune'.");
    context.print(`Lab ${lab.runId} (${lab.topology}) removed; node logs saved in ${dir}/logs/.`);
  }
  if (labs.length === 0) context.print("No lab was running.");
  return 0;
};
