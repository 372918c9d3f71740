import { messageKind, parseLogLine, type KnownIds } from "./compare/log-normalise.js";

/** One node's log: lines per level, and per kind of message (ids, numbers, times normalised away). */
export interface NodeLogCensus {
  lines: number;
  /** ERROR, WARNING, INFO, DEBUG; lines Receptor did not write (a Go panic's trace) count as "other". */
  levels: Record<string, number>;
  /** Most frequent first; the first line of each kind as written. */
  kinds: Array<{ level: string; kind: string; count: number; example: string }>;
  /** Lines that say the Go runtime gave up: a panic, a fatal error, a data race (the first few). */
  crashes?: string[];
}

export type LogCensus = Record<string, NodeLogCensus>;

/** Kinds kept per node: a debug log of a busy mesh has hundreds, the rare ones are what matter and come first per level. */
const kindsPerNode = 200;
const levelOrder = ["ERROR", "WARNING", "INFO", "DEBUG"];
const crashLine = /^(panic: |fatal error: |WARNING: DATA RACE)/;
const crashesKept = 5;

export function logCensus(logs: Record<string, string>, known: KnownIds): LogCensus {
  const census: LogCensus = {};
  for (const [node, text] of Object.entries(logs)) {
    const levels: Record<string, number> = {};
    const kinds = new Map<string, { level: string; kind: string; count: number; example: string }>();
    let lines = 0;
    const crashes: string[] = [];
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      lines++;
      if (crashLine.test(line.trim()) && crashes.length < crashesKept) crashes.push(line.trim());
      const parsed = parseLogLine(line);
      const level = parsed?.level ?? "other";
      levels[level] = (levels[level] ?? 0) + 1;
      if (!parsed) continue;
      const kind = messageKind(parsed.message, known);
      const key = `${level} ${kind}`;
      const entry = kinds.get(key) ?? { level, kind, count: 0, example: line.trim() };
      entry.count++;
      kinds.set(key, entry);
    }
    const ordered = [...kinds.values()].sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) || b.count - a.count || a.kind.localeCompare(b.kind));
    census[node] = { lines, levels, kinds: ordered.slice(0, kindsPerNode), ...(crashes.length > 0 ? { crashes } : {}) };
  }
  return census;
}
