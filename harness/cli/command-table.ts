import type { Command } from "./cli-context.js";
import { chaosCommand, usage as chaosUsage } from "./commands/chaos.js";
import { compareCommand, usage as compareUsage } from "./commands/compare.js";
import { composeCommand, usage as composeUsage } from "./commands/compose.js";
import { ctlCommand, usage as ctlUsage } from "./commands/ctl.js";
import { downCommand, usage as downUsage } from "./commands/down.js";
import { enginesCommand, usage as enginesUsage } from "./commands/engines.js";
import { execCommand, usage as execUsage } from "./commands/exec.js";
import { generateCommand, usage as generateUsage } from "./commands/generate.js";
import { imageCommand, usage as imageUsage } from "./commands/image.js";
import { listCommand, usage as listUsage } from "./commands/list.js";
import { logsCommand, usage as logsUsage } from "./commands/logs.js";
import { networkFaultCommands } from "./commands/network-faults.js";
import { nodeFaultCommands } from "./commands/node-faults.js";
import { pruneCommand, usage as pruneUsage } from "./commands/prune.js";
import { scenarioCommand, usage as scenarioUsage } from "./commands/scenario.js";
import { statusCommand, usage as statusUsage } from "./commands/status.js";
import { upCommand, usage as upUsage } from "./commands/up.js";
import { usage as watchUsage, watchCommand } from "./commands/watch.js";

export interface CommandEntry {
  run: Command;
  usage: string;
  summary: string;
}

export const commands: Record<string, CommandEntry> = {
  scenario: { run: scenarioCommand, usage: scenarioUsage, summary: "run scenarios: scenario redundancy | --all [--quick] [--repeat N] [--keep] | --bugs --receptor 1.4.4,1.6.5 (the bug atlas)" },
  chaos: { run: chaosCommand, usage: chaosUsage, summary: "seeded random faults with work running, judged by invariants; a finding shrunk to a scenario that replays" },
  up: { run: upCommand, usage: upUsage, summary: "start a topology and wait until its routes converge" },
  status: { run: statusCommand, usage: statusUsage, summary: "receptorctl-like status of every node (--json)" },
  ctl: { run: ctlCommand, usage: ctlUsage, summary: "run the real receptorctl inside a node: ctl node01 -- status" },
  watch: { run: watchCommand, usage: watchUsage, summary: "a live view of a running lab: nodes, links, routes, events (--web: in the browser)" },
  down: { run: downCommand, usage: downUsage, summary: "remove a lab (its logs are kept under reports/<run-id>/logs)" },
  ...nodeFaultCommands,
  ...networkFaultCommands,
  logs: { run: logsCommand, usage: logsUsage, summary: "a node's Receptor log (--tail N; -f follows it until Ctrl-C)" },
  exec: { run: execCommand, usage: execUsage, summary: "a shell (or -- a command) inside a node" },
  list: { run: listCommand, usage: listUsage, summary: "built-in topologies, scenarios and bug scenarios" },
  image: { run: imageCommand, usage: imageUsage, summary: "build (or reuse) the node image" },
  generate: { run: generateCommand, usage: generateUsage, summary: "write a star, tree, ring, grid, clos or random topology of any size as topology YAML" },
  compose: { run: composeCommand, usage: composeUsage, summary: "regenerate compose/<topology>/ (docker-compose.yml + conf/) from the topologies" },
  engines: { run: enginesCommand, usage: enginesUsage, summary: "start (up N), list or remove (down) extra Docker engines in network namespaces, joined in a swarm" },
  prune: { run: pruneCommand, usage: pruneUsage, summary: "remove everything any run left behind" },
  compare: { run: compareCommand, usage: compareUsage, summary: "what changed between two runs or suites: verdicts, metrics beyond noise, behaviour, new log errors" },
};

export function helpText(): string {
  const rows = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`);
  return [
    "Usage: receptor-lab <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "'receptor-lab <command> --help' shows a command's options; --version the versions; --debug adds stack traces.",
    "Through npm, put options after '--': npm run scenario -- redundancy --repeat 3",
  ].join("\n");
}

export function commandUsage(name: string): string {
  const command = commands[name]!;
  return `Usage: ${command.usage}\n\n${command.summary}`;
}
