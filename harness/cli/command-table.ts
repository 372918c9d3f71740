import type { Command } from "./cli-context.js";
import { compareCommand, usage as compareUsage } from "./commands/compare.js";
import { composeCommand, usage as composeUsage } from "./commands/compose.js";
import { ctlCommand, usage as ctlUsage } from "./commands/ctl.js";
import { downCommand, usage as downUsage } from "./commands/down.js";
import { imageCommand, usage as imageUsage } from "./commands/image.js";
import { listCommand, usage as listUsage } from "./commands/list.js";
import { pruneCommand, usage as pruneUsage } from "./commands/prune.js";
import { scenarioCommand, usage as scenarioUsage } from "./commands/scenario.js";
import { statusCommand, usage as statusUsage } from "./commands/status.js";
import { upCommand, usage as upUsage } from "./commands/up.js";

export interface CommandEntry {
  run: Command;
  usage: string;
  summary: string;
}

export const commands: Record<string, CommandEntry> = {
  scenario: { run: scenarioCommand, usage: scenarioUsage, summary: "run scenarios: scenario redundancy | --all [--quick] [--repeat N] [--keep]" },
  up: { run: upCommand, usage: upUsage, summary: "start a topology and wait until its routes converge" },
  status: { run: statusCommand, usage: statusUsage, summary: "receptorctl-like status of every node (--json)" },
  ctl: { run: ctlCommand, usage: ctlUsage, summary: "run the real receptorctl inside a node: ctl node01 -- status" },
  down: { run: downCommand, usage: downUsage, summary: "remove a lab (its logs are kept under reports/<run-id>/logs)" },
  list: { run: listCommand, usage: listUsage, summary: "built-in topologies and scenarios" },
  image: { run: imageCommand, usage: imageUsage, summary: "build (or reuse) the node image" },
  compose: { run: composeCommand, usage: composeUsage, summary: "regenerate compose/<topology>/ (docker-compose.yml + conf/) from the topologies" },
  prune: { run: pruneCommand, usage: pruneUsage, summary: "remove everything any run left behind" },
  compare: { run: compareCommand, usage: compareUsage, summary: "what changed between two runs or suites: verdicts, metrics beyond noise, behaviour, new log errors" },
};

export function helpText(): string {
  const rows = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`);
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
