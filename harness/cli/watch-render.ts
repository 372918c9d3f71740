import chalk, { type ChalkInstance } from "chalk";
import type { LiveEntry, LiveEvent, LiveNodeState, LiveView } from "../scenario/live-view.js";

const statePaint: Record<LiveNodeState, ChalkInstance> = {
  up: chalk.green,
  unresponsive: chalk.magenta,
  paused: chalk.yellow,
  down: chalk.red.bold,
  gone: chalk.red,
};

/** A moment as the wall clock shows it, to the millisecond: 14:03:07.412. */
function clockTime(at: number): string {
  const date = new Date(at);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, "0")}`;
}

/** One event as one plain line (what `watch` prints into a pipe or a file). */
export function eventLine(event: LiveEvent): string {
  return `${clockTime(event.at)} ${event.kind.padEnd(5)} ${event.text}`;
}

export interface FrameSize {
  columns: number;
  rows: number;
}

/**
 * One screenful of the live view: a header, each node with its state and connections, its routes
 * and units (recent changes highlighted, entries just gone struck out), and the latest events at
 * the bottom (at least three; the nodes are cut short first). At most `rows - 1` lines, wrapped
 * at `columns`.
 */
export function watchFrame(view: LiveView, size: FrameSize, intervalMs: number): string[] {
  const width = Math.max(size.columns, 20);
  const { faults } = view;
  const inEffect = [
    faults.down.length ? `down: ${faults.down.join(", ")}` : "",
    faults.cutLinks.length ? `cut: ${faults.cutLinks.join(", ")}` : "",
    Object.keys(faults.lossy).length ? `lossy: ${Object.entries(faults.lossy).map(([link, percent]) => `${link} ${percent}%`).join(", ")}` : "",
    Object.keys(faults.slow).length ? `slow: ${Object.entries(faults.slow).map(([link, ms]) => `${link} ${ms} ms`).join(", ")}` : "",
  ].filter(Boolean);
  const header = [
    ...wrap([`${chalk.bold(`lab ${view.runId}`)} (${view.topology})`, clockTime(view.at), `every ${intervalMs} ms`, chalk.gray("q or Ctrl-C quits; the lab keeps running")], width, " · "),
    inEffect.length ? chalk.yellow(fit(`faults in effect: ${inEffect.join(" · ")}`, width)) : chalk.gray("no faults in effect"),
  ];
  const nodes = view.nodes.flatMap((node) => {
    const state = statePaint[node.state](node.state === "up" ? "up" : node.state.toUpperCase());
    const title = `${chalk.bold.cyan(node.id)} ${chalk.gray(`(${node.container})`)} ${node.stateChanged ? chalk.inverse(state) : state} ${chalk.gray("⇄")}`;
    return [
      ...section(title, node.connections, (entry) => `${entry.key} ${entry.value}`, width),
      ...section(chalk.gray("    routes"), node.routes, (entry) => `${entry.key}→${entry.value}`, width),
      ...(node.units.length ? section(chalk.gray("    units "), node.units, (entry) => `${entry.key} ${entry.value}${entry.detail ? ` ${entry.detail}` : ""}`, width) : []),
    ];
  });
  const rows = Math.max(size.rows - 1, 1);
  const eventRoom = Math.max(rows - header.length - nodes.length - 2, 3);
  const nodeRoom = rows - header.length - 2 - eventRoom;
  const shownNodes = nodes.length <= nodeRoom ? nodes : [...nodes.slice(0, Math.max(nodeRoom - 1, 0)), chalk.gray(fit(`… ${nodes.length - nodeRoom + 1} more lines (a taller terminal shows them)`, width))];
  const events = view.events.slice(-eventRoom).map((event) => fit(eventLine(event), width));
  return [...header, ...shownNodes, "", chalk.bold("── events ──"), ...events].slice(0, rows);
}

function section(label: string, entries: LiveEntry[], text: (entry: LiveEntry) => string, width: number): string[] {
  const tokens = entries.map((entry) => {
    const plain = text(entry);
    return entry.removed ? chalk.red.strikethrough(plain) : entry.changed ? chalk.black.bgYellow(plain) : plain;
  });
  return wrap([label, ...(tokens.length ? tokens : [chalk.gray("—")])], width, "  ", " ".repeat(12));
}

/** Joins painted tokens into lines no wider than `width` (measured without escape codes). */
function wrap(tokens: string[], width: number, separator: string, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  let length = 0;
  for (const token of tokens) {
    const size = visible(token).length;
    if (line && length + separator.length + size > width) {
      lines.push(line);
      [line, length] = [indent, indent.length];
    } else if (line && line !== indent) {
      line += separator;
      length += separator.length;
    }
    line += token;
    length += size;
  }
  if (line) lines.push(line);
  return lines;
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

// chalk's own escape sequences only: colour and style codes
const escapes = /\u001b\[[0-9;]*m/g;
function visible(text: string): string {
  return text.replace(escapes, "");
}
