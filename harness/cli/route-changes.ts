import type { NodeId } from "../topology/model.js";
import type { RouteMismatch, RoutingTable } from "../topology/routing-oracle.js";

/** One route that moved: `node`'s next hop towards `destination`; null when it had or has none. */
export interface RouteChange {
  node: NodeId;
  destination: NodeId;
  from: NodeId | null;
  to: NodeId | null;
}

/**
 * The routes that differ between two snapshots of the mesh's routing tables. Only nodes in both
 * count: a node that stopped answering has no table to compare, one that just came up has no
 * earlier one.
 */
export function routeChanges(before: Record<NodeId, RoutingTable>, after: Record<NodeId, RoutingTable>): RouteChange[] {
  const changes: RouteChange[] = [];
  for (const node of Object.keys(after).sort()) {
    const old = before[node];
    if (!old) continue;
    const now = after[node]!;
    for (const destination of [...new Set([...Object.keys(old), ...Object.keys(now)])].sort()) {
      const from = old[destination] ?? null;
      const to = now[destination] ?? null;
      if (from !== to) changes.push({ node, destination, from, to });
    }
  }
  return changes;
}

/** "controller01 → executor01: relayer01 → relayer02" (or "(none)" for a route absent on either side). */
export function describeRouteChange(change: RouteChange): string {
  return `${change.node} → ${change.destination}: ${change.from ?? "(none)"} → ${change.to ?? "(none)"}`;
}

/** An oracle mismatch as what the oracle expects: "controller01 → executor01 via relayer02 (now via relayer01)". */
export function describeExpectedRoute(mismatch: RouteMismatch): string {
  const want = mismatch.expected.length === 0 ? "no route" : `via ${mismatch.expected.join(" or ")}`;
  const now = mismatch.observed === null ? "no route" : `via ${mismatch.observed}`;
  return `${mismatch.node} → ${mismatch.destination} ${want} (now ${now})`;
}
