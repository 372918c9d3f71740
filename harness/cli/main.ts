import type { ChalkInstance } from "chalk";
import { resolve } from "node:path";
import { openLab } from "../api/open-lab.js";
import { LabError, UsageError } from "../errors.js";
import { defaultCacheDir, paths } from "../paths.js";
import { DockerRuntime } from "../runtime/docker-runtime.js";
import { controlEndpointFor } from "../runtime/engine-host.js";
import { imageBuildOptionsFrom } from "../runtime/image-options.js";
import { ScenarioCatalog } from "../scenario/scenario-catalog.js";
import { TopologyCatalog } from "../topology/topology-catalog.js";
import type { CliContext } from "./cli-context.js";
import { configureColour, type Environment } from "./colour.js";
import { commands, commandUsage, helpText } from "./command-table.js";
import { ConsoleProgress } from "./console-progress.js";
import { Interrupts } from "./interrupts.js";
import { restoreNpmFlags } from "./npm-flags.js";
import { versionText } from "./version.js";

export interface CliIo {
  env: Environment;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/**
 * The composition root: reads argv and the environment once, builds the context, runs one
 * command, prints errors, returns the exit code.
 */
export async function main(argv: string[], io: CliIo = { env: process.env, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const paintErr = configureColour(io.env, io.stdout, io.stderr);
  exitQuietlyOnClosedPipe(io.stdout);
  let args: string[];
  try {
    args = restoreNpmFlags(argv, io.env);
  } catch (error) {
    return report(error, false, paintErr, io.stderr);
  }
  const debug = args.includes("--debug");
  args = args.filter((arg) => arg !== "--debug");
  const progress = new ConsoleProgress(io.stderr, paintErr);
  const interrupts = new Interrupts((message) => progress.warn(message));
  interrupts.install();
  let runtime: Promise<DockerRuntime> | undefined;
  const imageOptions = imageBuildOptionsFrom(io.env, defaultCacheDir(io.env));
  const topologies = new TopologyCatalog(paths.topologies);
  const context: CliContext = {
    progress,
    interrupts,
    print: (text) => io.stdout.write(`${text}\n`),
    runtime: () => (runtime ??= DockerRuntime.connect(progress, imageOptions, controlEndpointFor(io.env))),
    openLab: async (runId) => openLab(runId, { runtime: await context.runtime(), progress }),
    reportDir: resolve("reports"),
    cacheDir: imageOptions.cacheDir,
    topologies,
    scenarios: new ScenarioCatalog(paths.scenarios, topologies),
  };
  const [name, ...rest] = args;
  try {
    if (name === "--version" || name === "-V") {
      context.print(versionText());
      return 0;
    }
    if (!name || name === "help" || name === "--help" || name === "-h") {
      const topic = name === "help" ? rest[0] : undefined;
      context.print(topic && commands[topic] ? commandUsage(topic) : helpText());
      return name ? 0 : 2;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command '${name}'`, helpText());
    if (asksForHelp(rest)) {
      context.print(commandUsage(name));
      return 0;
    }
    return await command.run(rest, context);
  } catch (error) {
    return report(error, debug, paintErr, io.stderr);
  }
}

/** `--help` before any `--` (what follows `--` belongs to receptorctl in `ctl`). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end >= 0 ? args.slice(0, end) : args).some((arg) => arg === "--help" || arg === "-h");
}

/** `receptor-lab list | head -1`: the reader left, which is not an error. */
function exitQuietlyOnClosedPipe(stdout: NodeJS.WriteStream): void {
  stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

function report(error: unknown, debug: boolean, paint: ChalkInstance, out: NodeJS.WritableStream): number {
  if (error instanceof LabError) {
    out.write(`${paint.red("Error:")} ${error.message}\n`);
    if (error.hint) out.write(`${paint.yellow("Try this:")} ${error.hint}\n`);
    if (debug) out.write(`${error.stack}\n${error.cause ? `cause: ${(error.cause as Error).stack ?? error.cause}\n` : ""}`);
    return error.exitCode;
  }
  out.write(`${paint.red("Error:")} ${(error as Error)?.message ?? String(error)}\n`);
  out.write(`${paint.yellow("Try this:")} run again with --debug for the stack, and report it if it looks like a bug.\n`);
  if (debug) out.write(`${(error as Error)?.stack}\n`);
  return 1;
}

