import type { TimelineEvent } from "./timeline.js";

/** Receptor's log line start: `LEVEL YYYY/MM/DD HH:MM:SS message` (UTC in the node containers). */
const linePattern = /^[A-Z]+ (\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) (.*)$/;

/** What a refused connection looks like in a node's log, and what the event says of it. */
const refusals: Array<{ pattern: RegExp; event: (match: RegExpExecArray) => Record<string, string> }> = [
  { pattern: /rejected connection with node (\S+) because (.+?)(?: \{|$)/, event: (match) => ({ peer: match[1]!, reason: match[2]! }) },
  { pattern: /Received a rejection message from peer/, event: () => ({ reason: "rejected by the peer" }) },
  { pattern: /(remote error: tls: [^{]+|tls: [a-z][^{]+)/, event: (match) => ({ reason: `TLS: ${match[1]!.trim()}` }) },
];

/**
 * The connections a node's log shows it refused or was refused (allowed peers, cost, TLS), as
 * `connection-rejected` timeline events; `t` counts from `runStartedAt` (log times have whole
 * seconds). Repeats of the same refusal within a second are one event.
 */
export function rejectionEvents(node: string, log: string, runStartedAt: Date): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const seen = new Set<string>();
  for (const line of log.split("\n")) {
    const stamp = linePattern.exec(line);
    if (!stamp) continue;
    const [, year, month, day, hour, minute, second, message] = stamp;
    for (const refusal of refusals) {
      const match = refusal.pattern.exec(message!);
      if (!match) continue;
      const at = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
      const data = refusal.event(match);
      const key = `${at} ${JSON.stringify(data)}`;
      if (!seen.has(key)) events.push({ t: Math.max(0, at - runStartedAt.getTime()), node, kind: "connection-rejected", data });
      seen.add(key);
      break;
    }
  }
  return events;
}
