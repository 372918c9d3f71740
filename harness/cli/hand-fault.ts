import type { LabFaults } from "../api/lab-faults.js";
import type { StartedLab } from "../api/started-lab.js";
import { parseDuration } from "../duration.js";
import { UsageError } from "../errors.js";
import { selectLab, selectNode, type RunningNode } from "../runtime/lab-registry.js";
import type { NodeId } from "../topology/model.js";
import type { Command } from "./cli-context.js";
import { parseOptions } from "./parse-options.js";
import { printRouteAftermath } from "./route-aftermath.js";

/** What a fault command read from its command line, against the lab it acts on. */
export interface HandFaultInput {
  positionals: string[];
  /** Its own options (e.g. --mode), as given or defaulted. */
  options: Record<string, string | undefined>;
  /** A node by id or container name, with its real state; a UsageError listing the lab's nodes otherwise. */
  node(name: string): RunningNode;
  lab: StartedLab;
  /** A UsageError with the command's usage. */
  usageError(message: string): UsageError;
}

/** What to do: what is so already (said, not done), and the fault left to apply, if any. */
export interface PlannedFault {
  unchanged: string[];
  /** Applies the fault; resolves with what it did, as printed ("stopped relayer01 (rlab-…-node02)"). */
  apply?: (faults: LabFaults) => Promise<string>;
  /** Nodes whose own routing table starts afresh (stopped, started, restarted). */
  fresh?: NodeId[];
}

export interface HandFault {
  usage: string;
  options?: Record<string, { type: "string"; default?: string }>;
  plan(input: HandFaultInput): PlannedFault;
}

export const handFaultFlags = "[--wait <duration>] [--lab <run-id>]";
const defaultWait = "10s";

/**
 * A fault applied by hand to a running lab: reads the command line, says what is already so,
 * snapshots the routes, applies the fault through the lab's fault library (the oracle follows
 * it, the lab records it), prints what it did and then the route changes it caused.
 */
export function handFaultCommand(fault: HandFault): Command {
  return async (args, context) => {
    const { values, positionals } = parseOptions(args, { lab: { type: "string" }, wait: { type: "string", default: defaultWait }, ...fault.options }, fault.usage);
    const usageError = (message: string) => new UsageError(message, `Usage: ${fault.usage}`);
    const waitMs = waitOption(values.wait as string, usageError);
    const running = selectLab(await (await context.runtime()).listLabs(), values.lab as string | undefined);
    const lab = await context.openLab(running.runId);
    const options = values as Record<string, string | undefined>;
    const planned = fault.plan({ positionals, options, node: (name) => selectNode(running, name), lab, usageError });
    for (const line of planned.unchanged) context.print(line);
    if (!planned.apply) return 0;
    const before = await lab.routes();
    const since = Date.now();
    context.print(await planned.apply(lab.faults));
    await printRouteAftermath(lab, { before, since, waitMs, fresh: planned.fresh ?? [] }, context.print);
    return 0;
  };
}

/** `relayer01 (rlab-x1y2z3-node02)`: the node id and the container to reach it by hand. */
export function nodeLabel(node: RunningNode): string {
  return `${node.id} (${node.containerName})`;
}

/** --wait: a duration (10s, 500ms) or plain seconds; 0 looks once. */
function waitOption(text: string, usageError: (message: string) => UsageError): number {
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : parseDuration(text);
  if (ms === undefined) throw usageError(`--wait takes a duration like 10s or 500ms, got '${text}'`);
  return ms;
}
