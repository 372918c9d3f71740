import { versionsFor } from "../../runtime/node-versions.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";
import { receptorChoice, receptorFlags, receptorFlagsUsage } from "../receptor-flags.js";

export const usage = `receptor-lab image ${receptorFlagsUsage} [--rebuild]`;

export const imageCommand: Command = async (args, context) => {
  const { values } = parseOptions(args, { ...receptorFlags, rebuild: { type: "boolean" } }, usage, false);
  // a bad --receptor (refused by the proxy, not a Receptor tree) stops here, before any engine starts
  const versions = await versionsFor({ ...receptorChoice(values, usage), cacheDir: context.cacheDir });
  const runtime = await context.runtime();
  const started = Date.now();
  const image = await runtime.nodeImage(versions, context.progress, { rebuild: values.rebuild ?? false });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const how = versions.image ? `ready image, checked: receptor ${image.receptorVersion}` : image.built ? `built in ${seconds} s` : "already built";
  context.print(`${image.tag} (${how})`);
  return 0;
};
