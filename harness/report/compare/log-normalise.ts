/** A Receptor log line: `ERROR 2026/12/01 00:21:57 <message> {"node_id":…}`. */
export interface LogLine {
  level: string;
  message: string;
}

const linePattern = /^(ERROR|WARNING|INFO|DEBUG) \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? (.*)$/;

export function parseLogLine(line: string): LogLine | undefined {
  const match = linePattern.exec(line);
  return match ? { level: match[1]!, message: match[2]! } : undefined;
}

/** What a run knows about the ids in its logs, so they are recognised exactly. */
export interface KnownIds {
  nodes?: string[];
  unitIds?: string[];
}

const ansiDate = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{1,2}:\d{2}:\d{2}(?: \d{4})?/g;
const isoTime = /\b\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?/g;
const ipv4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;
const ipv6 = /\[[0-9a-fA-F:]+\](?::\d+)?/g;
const port = /(?<=[A-Za-z]):\d{2,5}\b/g;
const uuid = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const hex = /\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/g;
/** A node-like name (letters then digits) with a random suffix: Receptor 1.5+ unit ids. */
const prefixedUnitId = /\b[a-z][a-z_-]*\d+[A-Za-z0-9]{8}\b/g;
/** Receptor's random 8-character ids (unit ids before 1.5, routing update ids). */
const randomId = /\b[A-Za-z0-9]{8}\b/g;
const number = /\b\d+(?:\.\d+)?/g;

/**
 * The kind of a log message: its text with what changes from run to run (times, numbers,
 * addresses and ports, hex and random ids, unit ids) replaced by placeholders, and Receptor's
 * structured fields (`{"node_id":…}`, whose key order varies) dropped. Node ids stay: which
 * node complained is part of the kind.
 */
export function messageKind(message: string, known: KnownIds = {}): string {
  const nodes = new Set(known.nodes ?? []);
  let text = message.replace(/\s*\{".*\}\s*$/, "");
  for (const unitId of [...(known.unitIds ?? [])].sort((x, y) => y.length - x.length)) text = text.split(unitId).join("<unit>");
  text = text
    .replace(ansiDate, "<time>")
    .replace(isoTime, "<time>")
    .replace(uuid, "<id>")
    .replace(ipv6, "<ip>")
    .replace(ipv4, "<ip>")
    .replace(port, ":<port>")
    .replace(hex, "<hex>")
    .replace(prefixedUnitId, (word) => (nodes.has(word) ? word : "<unit>"))
    .replace(randomId, (word) => (nodes.has(word) || !looksRandom(word) ? word : "<id>"))
    .replace(number, "N");
  return text.replace(/\s+/g, " ").trim();
}

/** Mixed case, or letters and digits not in the `name01` pattern of a node id. */
function looksRandom(word: string): boolean {
  if (/[a-z]/.test(word) && /[A-Z]/.test(word)) return true;
  return /\d/.test(word) && /[A-Za-z]/.test(word) && !/^[A-Za-z]+\d+$/.test(word);
}
