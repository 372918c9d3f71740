import { versionsFor } from "../../runtime/node-versions.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab image [--receptor <version>] [--rebuild]";

export const imageCommand: Command = async (args, context) => {
  const { values } = parseOptions(args, { receptor: { type: "string" }, rebuild: { type: "boolean" } }, usage, false);
  const runtime = await context.runtime();
  const started = Date.now();
  const image = await runtime.nodeImage(versionsFor(values.receptor), context.progress, { rebuild: values.rebuild ?? false });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  context.print(`${image.tag} (${image.built ? `built in ${seconds} s` : "already built"})`);
  return 0;
};
