import { escape } from "./html-common.js";
import type { LogCensus } from "./log-census.js";

const levels = ["ERROR", "WARNING", "INFO", "DEBUG", "other"];

/** Lines per level for every node, and each node's ERROR and WARNING kinds with how often they came. */
export function logCensusSection(census: LogCensus | undefined): string {
  if (!census || Object.keys(census).length === 0) return "<p class=\"meta\">No log census (the run ended before its nodes' logs were read).</p>";
  const header = `<tr><th>node</th>${levels.map((level) => `<th>${level}</th>`).join("")}</tr>`;
  const rows = Object.entries(census).map(
    ([node, entry]) => `<tr><td>${escape(node)}</td>${levels.map((level) => `<td>${entry.levels[level] ?? 0}</td>`).join("")}</tr>`,
  );
  const kinds = Object.entries(census).flatMap(([node, entry]) =>
    entry.kinds
      .filter((kind) => kind.level === "ERROR" || kind.level === "WARNING")
      .map((kind) => `<tr><td>${escape(node)}</td><td>${kind.level}</td><td>${kind.count}</td><td title="${escape(kind.example)}">${escape(kind.kind)}</td></tr>`),
  );
  return `<table>${header}${rows.join("")}</table>
${kinds.length ? `<table><tr><th>node</th><th>level</th><th>lines</th><th>kind (hover for the first line)</th></tr>${kinds.join("")}</table>` : "<p class=\"meta\">No ERROR or WARNING lines.</p>"}`;
}
