import chalk from "chalk";
import { LabError, UsageError } from "../errors.js";
import { paths } from "../paths.js";
import { connectDocker } from "../runtime/docker-engine.js";
import { ScenarioCatalog } from "../scenario/scenario-catalog.js";
import { TopologyCatalog } from "../topology/topology-catalog.js";
import type { CliContext, Command } from "./cli-context.js";
import { composeCommand } from "./commands/compose.js";
import { ctlCommand } from "./commands/ctl.js";
import { downCommand } from "./commands/down.js";
import { imageCommand } from "./commands/image.js";
import { listCommand } from "./commands/list.js";
import { pruneCommand } from "./commands/prune.js";
import { statusCommand } from "./commands/status.js";
import { scenarioCommand } from "./commands/scenario.js";
import { upCommand } from "./commands/up.js";
import { configureColour, ConsoleProgress } from "./console-progress.js";
import { Interrupts } from "./interrupts.js";

const commands: Record<string, { run: Command; summary: string }> = {
  scenario: { run: scenarioCommand, summary: "run scenarios: scenario redundancy | --all [--quick] [--repeat N] [--keep]" },
  up: { run: upCommand, summary: "start a topology and wait until its routes converge" },
  status: { run: statusCommand, summary: "receptorctl-like status of every node (--json)" },
  ctl: { run: ctlCommand, summary: "run the real receptorctl inside a node: ctl node01 -- status" },
  down: { run: downCommand, summary: "remove a lab (its logs are kept under reports/<run-id>/logs)" },
  list: { run: listCommand, summary: "built-in topologies and scenarios" },
  image: { run: imageCommand, summary: "build (or reuse) the node image" },
  compose: { run: composeCommand, summary: "regenerate compose/<topology>/ (docker-compose.yml + conf/) from the topologies" },
  prune: { run: pruneCommand, summary: "remove everything any run left behind" },
};

function helpText(): string {
  const rows = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`);
  return ["Usage: receptor-lab <command> [options]", "", "Commands:", ...rows, "", "Add --debug for stack traces."].join("\n");
}

/** The composition root: builds the context, runs one command, prints errors, returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  configureColour();
  const debug = argv.includes("--debug");
  const args = argv.filter((arg) => arg !== "--debug");
  const progress = new ConsoleProgress();
  const interrupts = new Interrupts((message) => progress.warn(message));
  interrupts.install();
  let docker: Awaited<ReturnType<typeof connectDocker>> | undefined;
  const topologies = new TopologyCatalog(paths.topologies);
  const context: CliContext = {
    progress,
    interrupts,
    print: (text) => process.stdout.write(`${text}\n`),
    docker: async () => (docker ??= await connectDocker(progress)),
    topologies,
    scenarios: new ScenarioCatalog(paths.scenarios, topologies),
  };
  const [name, ...rest] = args;
  try {
    if (!name || name === "help" || name === "--help" || name === "-h") {
      context.print(helpText());
      return name ? 0 : 2;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command '${name}'`, helpText());
    return await command.run(rest, context);
  } catch (error) {
    return report(error, debug);
  }
}

function report(error: unknown, debug: boolean): number {
  const out = process.stderr;
  if (error instanceof LabError) {
    out.write(`${chalk.red("Error:")} ${error.message}\n`);
    if (error.hint) out.write(`${chalk.yellow("Try this:")} ${error.hint}\n`);
    if (debug) out.write(`${error.stack}\n${error.cause ? `cause: ${(error.cause as Error).stack ?? error.cause}\n` : ""}`);
    return error.exitCode;
  }
  out.write(`${chalk.red("Error:")} ${(error as Error)?.message ?? String(error)}\n`);
  out.write(`${chalk.yellow("Try this:")} run again with --debug for the stack, and report it if it looks like a bug.\n`);
  if (debug) out.write(`${(error as Error)?.stack}\n`);
  return 1;
}
