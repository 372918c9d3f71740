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
  const bugs = await context.scenarios.bugNames();
  if (bugs.length > 0) context.print("\nReceptor's reported bugs (npm run scenario -- --bugs [issue…] --receptor <builds>):");
  for (const name of bugs) {
    const scenario = await context.scenarios.load(name);
    context.print(`  ${name.padEnd(17)} ${scenario.title} (${scenario.bug?.status})`);
  }
  return 0;
};
