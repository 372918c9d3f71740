import chalk from "chalk";
import { cpus } from "node:os";
import { idleCostWarning } from "../../topology/idle-cost.js";
import { UsageError } from "../../errors.js";
import { newRunId } from "../../runtime/run-id.js";
import { versionsFor } from "../../runtime/node-versions.js";
import { LabSession } from "../../scenario/lab-session.js";
import { nodeImagesOf, resolveNodeBuilds } from "../../api/node-builds.js";
import { resolveEngines, spreadOverEngines } from "../../api/spread-over-engines.js";
import type { Command } from "../cli-context.js";
import { parseOptions } from "../parse-options.js";
import { receptorChoice, receptorFlags, receptorFlagsUsage } from "../receptor-flags.js";

export const usage = `receptor-lab up <topology|file> ${receptorFlagsUsage} [--engines <local|NAME=ENDPOINT,…>] [--timeout <seconds>]`;

export const upCommand: Command = async (args, context) => {
  const { values, positionals } = parseOptions(args, { ...receptorFlags, engines: { type: "string" }, timeout: { type: "string", default: "60" } }, usage);
  if (positionals.length !== 1) throw new UsageError("say which topology to start", `Usage: ${usage}`);
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) throw new UsageError(`--timeout must be a number of seconds above 0, got '${values.timeout}'`, `Usage: ${usage}`);
  const topology = await context.topologies.load(positionals[0]!);
  const heavy = idleCostWarning(topology.nodes.length, cpus().length);
  if (heavy) context.progress.warn(`${topology.name}: ${heavy}`);
  // a bad --receptor (refused by the proxy, not a Receptor tree) stops here, before any engine starts
  const choice = { ...receptorChoice(values, usage), cacheDir: context.cacheDir };
  const versions = await versionsFor(choice);
  const builds = await resolveNodeBuilds(topology, choice);
  const engines = values.engines ? await resolveEngines(values.engines, { cacheDir: context.cacheDir, topologies: [topology] }) : undefined;
  const runtime = engines ? await spreadOverEngines(await context.runtime(), engines) : await context.runtime();
  const image = await runtime.nodeImage(versions, context.progress);
  const nodeImages = await nodeImagesOf(builds, runtime, context.progress);
  const runId = newRunId();
  let release = () => {};
  const session = await LabSession.bringUp({
    runtime,
    topology,
    image: image.tag,
    receptorVersion: image.receptorVersion,
    ...(nodeImages.size > 0 ? { nodeImages } : {}),
    runId,
    progress: context.progress,
    convergeTimeoutMs: timeoutSeconds * 1000,
    onCreated: (lab) => {
      release = context.interrupts.register(() => lab.destroy());
    },
  });
  release();
  context.print(chalk.green(`Lab ${runId} is up: ${topology.name}, Receptor ${image.receptorVersion}, converged ${session.bringUpMs} ms after the first container started.`));
  for (const node of topology.nodes) {
    const address = session.lab.controlAddress(node.id);
    const own = nodeImages.get(node.id);
    context.print(`  ${node.id.padEnd(20)} ${session.lab.containerOf(node.id).padEnd(36)} control ${address.host}:${address.port}${own ? `  Receptor ${own.receptorVersion}` : ""}`);
  }
  context.print(`Next: 'receptor-lab status', 'receptor-lab ctl ${topology.nodes[0]!.id} -- status', 'receptor-lab down'.`);
  return 0;
};
