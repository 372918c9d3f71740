import type { NodeStatus } from "../mesh/control-types.js";
import type { Judgement } from "../scenario/observations.js";
import type { NodeId } from "../topology/model.js";
import type { LineCount } from "../scenario/scenario-model.js";

/** Receptor's connection types, as receptorctl names them (netceptor ConnType 0, 1, 2). */
const connTypes = ["Datagram", "Stream", "StreamTLS"];

/** Literal text, or a regular expression written between slashes. */
export function matches(pattern: string, text: string): boolean {
  if (/^\/.+\/$/.test(pattern)) return new RegExp(pattern.slice(1, -1)).test(text);
  return text.includes(pattern);
}

/** Without `lines`: at least one line matches. With it: the matching lines are that many. */
export function checkLog(on: NodeId, pattern: string, log: string | undefined, lines?: LineCount): Judgement {
  const how = `${pattern.startsWith("/") ? "matching" : "containing"} ${pattern}`;
  const expected = lines ? `${on}'s log has ${describeCount(lines)} line(s) ${how}` : `${on}'s log has a line ${how}`;
  if (log === undefined) return { ok: false, expected, observed: `${on}'s log could not be read` };
  const all = log.split("\n");
  const hits = all.filter((line) => matches(pattern, line));
  if (lines) {
    const ok = hits.length >= lines.atLeast && (lines.atMost === undefined || hits.length <= lines.atMost);
    return { ok, expected, observed: `${hits.length} such line(s)${hits.length ? `; the first: ${hits[0]!.trim()}` : ""}` };
  }
  return { ok: hits.length > 0, expected, observed: hits.length > 0 ? hits[0]!.trim() : `no such line in ${all.length} lines; the last: ${all.filter(Boolean).at(-1) ?? "(empty)"}` };
}

function describeCount({ atLeast, atMost }: LineCount): string {
  if (atLeast === atMost) return `exactly ${atLeast}`;
  if (atMost === undefined) return `at least ${atLeast}`;
  return atLeast === 0 ? `at most ${atMost}` : `${atLeast} to ${atMost}`;
}

export function checkExited(on: NodeId, state: { running: boolean; exitCode?: number } | undefined): Judgement {
  const expected = `${on}'s Receptor exited`;
  if (!state) return { ok: false, expected, observed: `${on}'s state could not be read` };
  return { ok: !state.running, expected, observed: state.running ? `${on} is running` : `${on} exited${state.exitCode !== undefined ? ` with code ${state.exitCode}` : ""}` };
}

const notAdvertised = "not advertised";

export function checkServices(on: NodeId, services: Record<NodeId, string>, status: NodeStatus | undefined): Judgement {
  const expected = `${on} sees ${Object.entries(services).map(([node, type]) => (type === "none" ? `no control service of ${node}` : `${node}'s control service as ${type}`)).join(", ")}`;
  if (!status) return { ok: false, expected, observed: `${on} did not answer` };
  const seen = Object.fromEntries(
    Object.keys(services).map((node) => {
      const advert = status.Advertisements.find((candidate) => candidate.NodeID === node && candidate.Service === "control");
      return [node, advert ? (connTypes[advert.ConnType] ?? `ConnType ${advert.ConnType}`) : notAdvertised];
    }),
  );
  const ok = Object.entries(services).every(([node, type]) => seen[node] === (type === "none" ? notAdvertised : type));
  return { ok, expected, observed: `${on} sees ${Object.entries(seen).map(([node, type]) => `${node}: ${type}`).join(", ")}` };
}

export function checkSecureWork(on: NodeId, secureWork: Record<NodeId, string[]>, status: NodeStatus | undefined): Judgement {
  const render = (table: Record<string, string[]>) => Object.entries(table).map(([node, types]) => `${node}: ${types.join(", ") || "(none)"}`).join("; ");
  const expected = `${on} sees secure work types ${render(secureWork)}`;
  if (!status) return { ok: false, expected, observed: `${on} did not answer` };
  const seen: Record<string, string[]> = {};
  for (const node of Object.keys(secureWork)) {
    const commands = status.Advertisements.filter((advert) => advert.NodeID === node).flatMap((advert) => advert.WorkCommands ?? []);
    seen[node] = [...new Set(commands.filter((command) => command.Secure).map((command) => command.WorkType))].sort();
  }
  const ok = Object.entries(secureWork).every(([node, types]) => JSON.stringify([...types].sort()) === JSON.stringify(seen[node]));
  return { ok, expected, observed: `${on} sees ${render(seen)}` };
}
