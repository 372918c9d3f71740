import { versionsFor } from "../../runtime/node-versions.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab image [--receptor <version|path>] [--receptorctl <version>] [--rebuild]";

export const imageCommand: Command = async (args, context) => {
  const { values } = parseOptions(args, { receptor: { type: "string" }, receptorctl: { type: "string" }, rebuild: { type: "boolean" } }, usage, false);
  // a bad --receptor (not a version, not a Receptor tree) stops here, before any engine starts
  const versions = await versionsFor(values.receptor, values.receptorctl);
  const runtime = await context.runtime();
  const started = Date.now();
  const image = await runtime.nodeImage(versions, context.progress, { rebuild: values.rebuild ?? false });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  context.print(`${image.tag} (${image.built ? `built in ${seconds} s` : "already built"})`);
  return 0;
};
