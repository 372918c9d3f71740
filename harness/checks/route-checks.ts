import type { NodeStatus, PingResult, TracerouteHop } from "../mesh/control-types.js";
import type { Judgement } from "../scenario/observations.js";
import type { TraceroutePath } from "../scenario/scenario-model.js";
import type { NodeId } from "../topology/model.js";
import { describeMismatch, diffRoutes, type ExpectedRoutes, type RoutingTable } from "../topology/routing-oracle.js";

export function checkConverged(expected: ExpectedRoutes, tables: ReadonlyMap<NodeId, RoutingTable>): Judgement {
  const mismatches = diffRoutes(expected, tables);
  const silent = [...expected.keys()].filter((node) => !tables.has(node));
  return {
    ok: mismatches.length === 0,
    expected: "every live node's routing table matches the topology",
    observed:
      mismatches.length === 0
        ? "all routing tables match"
        : [...(silent.length ? [`no status from ${silent.join(", ")}`] : []), ...mismatches.slice(0, 12).map(describeMismatch)].join("; "),
  };
}

/** Named hops must match exactly; "any" accepts every next hop on a shortest path; null = no route. */
export function checkRoute(
  on: NodeId,
  routes: Record<NodeId, string | null>,
  status: NodeStatus | undefined,
  expectedRoutes: ExpectedRoutes,
): Judgement {
  const want: string[] = [];
  const got: string[] = [];
  let ok = status !== undefined;
  for (const [destination, hop] of Object.entries(routes)) {
    const observed = status?.RoutingTable[destination] ?? null;
    const allowed = hop === "any" ? [...(expectedRoutes.get(on)?.get(destination) ?? [])] : hop === null ? [] : [hop];
    want.push(`${destination} ${allowed.length ? `via ${allowed.join(" or ")}` : "unreachable"}`);
    got.push(`${destination} ${observed === null ? "unreachable" : `via ${observed}`}`);
    if (allowed.length === 0 ? observed !== null : observed === null || !allowed.includes(observed)) ok = false;
  }
  return { ok, expected: `${on}: ${want.join(", ")}`, observed: status ? `${on}: ${got.join(", ")}` : `${on} did not answer` };
}

export function checkConnections(on: NodeId, connections: Record<NodeId, number>, status: NodeStatus | undefined): Judgement {
  const render = (entries: Array<[string, number]>) =>
    entries.length ? entries.sort(([a], [b]) => a.localeCompare(b)).map(([peer, cost]) => `${peer} ${cost}`).join(", ") : "none";
  const observed = status ? status.Connections.map((connection) => [connection.NodeID, connection.Cost] as [string, number]) : [];
  const expected = Object.entries(connections);
  const ok =
    status !== undefined &&
    observed.length === expected.length &&
    expected.every(([peer, cost]) => observed.some(([seen, seenCost]) => seen === peer && seenCost === cost));
  return {
    ok,
    expected: `${on} connections: ${render(expected)}`,
    observed: status ? `${on} connections: ${render(observed)}` : `${on} did not answer`,
  };
}

/** The listed nodes' entries of KnownConnectionCosts, each exactly as given. */
export function checkKnown(on: NodeId, known: Record<NodeId, Record<NodeId, number>>, status: NodeStatus | undefined): Judgement {
  const render = (table: Record<NodeId, Record<NodeId, number> | undefined>) =>
    Object.keys(known)
      .sort()
      .map((node) => `${node}{${Object.entries(table[node] ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([peer, cost]) => `${peer}:${cost}`).join(" ")}}`)
      .join(" ");
  if (!status) return { ok: false, expected: `${on} knows ${render(known)}`, observed: `${on} did not answer` };
  const ok = Object.entries(known).every(([node, peers]) => {
    const seen = status.KnownConnectionCosts[node] ?? {};
    return Object.keys(seen).length === Object.keys(peers).length && Object.entries(peers).every(([peer, cost]) => seen[peer] === cost);
  });
  return { ok, expected: `${on} knows ${render(known)}`, observed: `${on} knows ${render(status.KnownConnectionCosts)}` };
}

export function checkPing(
  on: NodeId,
  target: NodeId,
  bounds: { slowerThanMs?: number; fasterThanMs?: number; fails?: string },
  result: PingResult | undefined,
  error?: string,
): Judgement {
  if (bounds.fails !== undefined) {
    const expected = `ping ${on} → ${target} fails with '${bounds.fails}'`;
    if (result?.Success) return { ok: false, expected, observed: `reply from ${result.From} in ${result.TimeStr}` };
    const why = result?.Error ?? error ?? "no answer";
    return { ok: why.includes(bounds.fails), expected, observed: `ping failed: ${why}` };
  }
  const wants = [`ping ${on} → ${target} succeeds`];
  if (bounds.slowerThanMs !== undefined) wants.push(`slower than ${bounds.slowerThanMs} ms`);
  if (bounds.fasterThanMs !== undefined) wants.push(`faster than ${bounds.fasterThanMs} ms`);
  const expected = wants.join(", ");
  if (!result?.Success) return { ok: false, expected, observed: `ping failed: ${result?.Error ?? error ?? "no answer"}` };
  const ms = (result.Time ?? 0) / 1e6;
  const ok = (bounds.slowerThanMs === undefined || ms > bounds.slowerThanMs) && (bounds.fasterThanMs === undefined || ms < bounds.fasterThanMs);
  return { ok, expected, observed: `reply from ${result.From} in ${result.TimeStr} (${ms.toFixed(1)} ms)` };
}

export function checkTraceroute(on: NodeId, target: NodeId, path: TraceroutePath, hops: TracerouteHop[] | undefined, error?: string, fails?: string): Judgement {
  if (fails !== undefined) {
    const expected = `traceroute ${on} → ${target} through ${path.map((alternatives) => alternatives.join("|")).join(" → ")} fails with '${fails}'`;
    const answered = (hops ?? []).filter((hop) => !hop.error);
    const errors = [error, ...(hops ?? []).map((hop) => hop.error)].filter((text): text is string => Boolean(text));
    const prefix = answered.length >= path.length && path.every((alternatives, index) => alternatives.includes(answered[index]!.from));
    const observed = hops ? hops.map((hop) => (hop.error ? `${hop.from} (${hop.error})` : hop.from)).join(" → ") : `failed: ${error ?? "no answer"}`;
    return { ok: (prefix || !hops) && errors.some((text) => text.includes(fails)), expected, observed };
  }
  const expected = `${path.map((alternatives) => alternatives.join("|")).join(" → ")}`;
  if (!hops) return { ok: false, expected, observed: `traceroute ${on} → ${target} failed: ${error ?? "no answer"}` };
  const failed = hops.find((hop) => hop.error);
  const observed = hops.map((hop) => (hop.error ? `${hop.from} (${hop.error})` : hop.from)).join(" → ");
  const ok = !failed && hops.length === path.length && hops.every((hop, index) => path[index]!.includes(hop.from));
  return { ok, expected, observed };
}
