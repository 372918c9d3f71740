import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";

export const usage = "receptor-lab list";

export const listCommand: Command = async (args, context) => {
  parseOptions(args, {}, usage, false);
  context.print("Topologies:");
  for (const name of await context.topologies.names()) {
    const topology = await context.topologies.load(name);
    context.print(`  ${name.padEnd(12)} ${topology.description}`);
  }
  context.print("\nScenarios (npm run scenario <name>):");
  for (const name of await context.scenarios.names()) {
    const scenario = await context.scenarios.load(name);
    context.print(`  ${name.padEnd(17)} ${scenario.title}`);
  }
  return 0;
};
