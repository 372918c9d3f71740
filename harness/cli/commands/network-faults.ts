import type { PartitionOptions } from "../../api/lab-faults.js";
import type { DropMode } from "../../faults/fault-plan.js";
import type { RunningNode } from "../../runtime/lab-registry.js";
import type { CommandEntry } from "../command-table.js";
import { handFaultCommand, handFaultFlags, nodeLabel, type HandFaultInput, type PlannedFault } from "../hand-fault.js";

const modes: DropMode[] = ["drop", "reset"];
const partitionUsage = `receptor-lab partition isolate <node> | cut <a> <b> | split <a,b,…> <c,d,…>... [--mode drop|reset] ${handFaultFlags}`;
const lossUsage = `receptor-lab loss <a> <b> <percent> ${handFaultFlags}`;
const delayUsage = `receptor-lab delay <a> <b> <ms> ${handFaultFlags}`;
const healUsage = `receptor-lab heal ${handFaultFlags}`;

/** Two different nodes; `linked`: with a link between them (a cut or a delay acts on one link). */
function pair(input: HandFaultInput, names: string[], what: string, linked: boolean): [RunningNode, RunningNode] {
  const [a, b] = names.map((name) => input.node(name)) as [RunningNode, RunningNode];
  if (a.id === b.id) throw input.usageError(`${what} needs two different nodes`);
  const link = input.lab.topology.links.some((candidate) => (candidate.dialer === a.id && candidate.listener === b.id) || (candidate.dialer === b.id && candidate.listener === a.id));
  if (linked && !link) throw input.usageError(`there is no link between ${a.id} and ${b.id}${what === "cut" ? " to cut (split cuts nodes that are not neighbours apart)" : ""}`);
  return [a, b];
}

function planPartition(input: HandFaultInput): PlannedFault {
  const { positionals, options, usageError } = input;
  const mode = options.mode as DropMode;
  if (!modes.includes(mode)) throw usageError(`--mode is drop or reset, got '${mode}'`);
  const [kind, ...rest] = positionals;
  let spec: PartitionOptions;
  let what: string;
  if (kind === "isolate" && rest.length === 1) {
    const node = input.node(rest[0]!);
    spec = { isolate: node.id };
    what = `isolated ${nodeLabel(node)}`;
  } else if (kind === "cut" && rest.length === 2) {
    const [a, b] = pair(input, rest, "cut", true);
    spec = { cut: [a.id, b.id] };
    what = `cut ${nodeLabel(a)} ↮ ${nodeLabel(b)}`;
  } else if (kind === "split" && rest.length >= 2) {
    const sides = rest.map((side) => side.split(",").filter(Boolean).map((name) => input.node(name)));
    const ids = sides.flat().map((node) => node.id);
    const twice = ids.find((id, index) => ids.indexOf(id) !== index);
    if (twice) throw usageError(`${twice} is on two sides of the split`);
    if (sides.some((side) => side.length === 0)) throw usageError("every side of a split names at least one node");
    spec = { split: sides.map((side) => side.map((node) => node.id)) };
    what = `split ${sides.map((side) => side.map(nodeLabel).join(", ")).join(" | ")}`;
  } else {
    throw usageError("say isolate <node>, cut <a> <b> or split <a,b,…> <c,d,…>");
  }
  return { unchanged: [], apply: async (faults) => `${what}: ${(await faults.partition(spec, { mode })).message}` };
}

function planLoss(input: HandFaultInput): PlannedFault {
  if (input.positionals.length !== 3) throw input.usageError("say which two nodes and what percent of packets to drop");
  const [a, b] = pair(input, input.positionals.slice(0, 2), "loss", false);
  const text = input.positionals[2]!;
  const percent = Number(text.replace(/%$/, ""));
  if (!(percent > 0 && percent <= 100)) throw input.usageError(`the percent of packets to drop is a number above 0 and at most 100, got '${text}'`);
  return {
    unchanged: [],
    apply: async (faults) => {
      await faults.loss([a.id, b.id], percent);
      return `${percent}% of the packets between ${nodeLabel(a)} and ${nodeLabel(b)} dropped at random`;
    },
  };
}

function planDelay(input: HandFaultInput): PlannedFault {
  if (input.positionals.length !== 3) throw input.usageError("say which two nodes and how many milliseconds to add");
  const [a, b] = pair(input, input.positionals.slice(0, 2), "delay", true);
  const text = input.positionals[2]!;
  const ms = Number(text.replace(/ms$/, ""));
  if (!(Number.isInteger(ms) && ms > 0 && ms <= 10_000)) throw input.usageError(`the delay is a whole number of milliseconds from 1 to 10000, got '${text}'`);
  return {
    unchanged: [],
    apply: async (faults) => {
      const detail = await faults.delay([a.id, b.id], ms);
      const how = detail.mechanism === "netem" ? "netem" : `a user-space proxy in ${detail.dialer}: this kernel has no netem`;
      return `${ms} ms added each way between ${nodeLabel(a)} and ${nodeLabel(b)} (${how})`;
    },
  };
}

function planHeal(input: HandFaultInput): PlannedFault {
  if (input.positionals.length > 0) throw input.usageError("heal takes no nodes: it removes every partition, loss and delay");
  return { unchanged: [], apply: async (faults) => `healed: ${(await faults.heal()).message}` };
}

/** partition, loss, delay and heal: the faults on links rather than nodes. */
export const networkFaultCommands: Record<string, CommandEntry> = {
  partition: {
    run: handFaultCommand({ usage: partitionUsage, options: { mode: { type: "string", default: "drop" } }, plan: planPartition }),
    usage: partitionUsage,
    summary: "block traffic by iptables: isolate <node> | cut <a> <b> | split <a,b> <c,d>",
  },
  loss: { run: handFaultCommand({ usage: lossUsage, plan: planLoss }), usage: lossUsage, summary: "drop a percent of the packets between two nodes" },
  delay: { run: handFaultCommand({ usage: delayUsage, plan: planDelay }), usage: delayUsage, summary: "add latency each way on a link" },
  heal: { run: handFaultCommand({ usage: healUsage, plan: planHeal }), usage: healUsage, summary: "remove every partition, loss and delay" },
};
