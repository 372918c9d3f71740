import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunDocument } from "../run-document.js";
import type { BehaviourDifference } from "./comparison.js";
import { messageKind, parseLogLine, type KnownIds } from "./log-normalise.js";

/** Per kind of log message: how many lines and the first of them. */
export type LogKinds = Record<string, { count: number; example: string }>;

/** The kinds of ERROR lines in a run's `logs/*.log`, or in its log census where the logs were not kept. */
export async function readErrorKinds(runDir: string, document: RunDocument): Promise<LogKinds> {
  const dir = join(runDir, "logs");
  if (!existsSync(dir)) return censusErrorKinds(document);
  const known = knownIds(document);
  const kinds: LogKinds = {};
  for (const file of (await readdir(dir)).filter((name) => name.endsWith(".log")).sort()) {
    for (const line of (await readFile(join(dir, file), "utf8")).split("\n")) {
      const parsed = parseLogLine(line);
      if (parsed?.level !== "ERROR") continue;
      const kind = messageKind(parsed.message, known);
      const entry = (kinds[kind] ??= { count: 0, example: line.trim() });
      entry.count++;
    }
  }
  return kinds;
}

function censusErrorKinds(document: RunDocument): LogKinds {
  const kinds: LogKinds = {};
  for (const node of Object.values(document.logCensus ?? {})) {
    for (const { level, kind, count, example } of node.kinds) {
      if (level !== "ERROR") continue;
      const entry = (kinds[kind] ??= { count: 0, example });
      entry.count += count;
    }
  }
  return kinds;
}

export function knownIds(document: RunDocument): KnownIds {
  const unitIds = new Set<string>();
  for (const event of document.events) if (typeof event.data.unitId === "string") unitIds.add(event.data.unitId);
  for (const step of document.steps) if (typeof step.detail.unitId === "string") unitIds.add(step.detail.unitId);
  return { nodes: document.graph.nodes.map((node) => node.id), unitIds: [...unitIds] };
}

/** ERROR kinds some run of B logged and no run of A did ("new"), and the reverse ("gone"). */
export function errorKindChanges(a: LogKinds[], b: LogKinds[]): BehaviourDifference[] {
  const only = (from: LogKinds[], other: LogKinds[]) => {
    const seen = new Set(other.flatMap((kinds) => Object.keys(kinds)));
    const found = new Map<string, { count: number; runs: number; example: string }>();
    for (const kinds of from) {
      for (const [kind, { count, example }] of Object.entries(kinds)) {
        if (seen.has(kind)) continue;
        const entry = found.get(kind) ?? { count: 0, runs: 0, example };
        found.set(kind, { ...entry, count: entry.count + count, runs: entry.runs + 1 });
      }
    }
    return found;
  };
  const lines = (count: number, runs: number, of: number) => `${count} line${count === 1 ? "" : "s"}${of > 1 ? ` in ${runs} of ${of} runs` : ""}`;
  return [
    ...[...only(b, a)].map(([kind, { count, runs, example }]) => ({ kind: "new ERROR kind", subject: kind, a: "none", b: lines(count, runs, b.length), example })),
    ...[...only(a, b)].map(([kind, { count, runs, example }]) => ({ kind: "gone ERROR kind", subject: kind, a: lines(count, runs, a.length), b: "none", example })),
  ];
}
