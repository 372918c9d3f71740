import type { StartedLab } from "../api/started-lab.js";
import { systemClock } from "../clock.js";
import { formatDuration } from "../duration.js";
import type { NodeId } from "../topology/model.js";
import { diffRoutes, type RoutingTable } from "../topology/routing-oracle.js";
import { waitUntil } from "../wait-until.js";
import { describeExpectedRoute, describeRouteChange, routeChanges } from "./route-changes.js";

export interface AftermathOptions {
  /** The routing tables just before the fault. */
  before: Record<NodeId, RoutingTable>;
  /** When the fault was issued (Date.now()); changes are timed from here. */
  since: number;
  /** How long to watch for the tables to match the oracle. */
  waitMs: number;
  /** Nodes the fault stopped, started or restarted: their own tables vanish or fill up afresh, so they are left out (the others' routes to them are not). */
  fresh: NodeId[];
}

const pollMs = 250;
const listedMismatches = 12;

/**
 * Watches every answering node's routes after a fault, printing each route change as it is
 * seen, until the tables match what the oracle expects for the faults in effect or `waitMs`
 * passes; then says which, and what the oracle still expects.
 */
export async function printRouteAftermath(lab: StartedLab, options: AftermathOptions, print: (text: string) => void): Promise<void> {
  const others = (tables: Record<NodeId, RoutingTable>) => Object.fromEntries(Object.entries(tables).filter(([node]) => !options.fresh.includes(node)));
  const known = others(options.before);
  const expected = lab.expectedRoutes();
  const mismatches = (tables: Record<NodeId, RoutingTable>) => diffRoutes(expected, new Map(Object.entries(tables)));
  let changed = 0;
  const outcome = await waitUntil(systemClock, () => lab.routes(), (tables) => mismatches(tables).length === 0, { timeoutMs: options.waitMs, intervalMs: pollMs, consecutive: 1 }, (tables) => {
    const at = `+${formatDuration(Date.now() - options.since)}`;
    for (const change of routeChanges(known, others(tables))) {
      print(`  ${at}  ${describeRouteChange(change)}`);
      changed++;
    }
    Object.assign(known, others(tables));
  });
  const after = formatDuration(Date.now() - options.since);
  if (outcome.ok) {
    print(changed ? `Routes match the oracle ${after} after the fault.` : "No route changed: the routes already match the oracle.");
    return;
  }
  const left = mismatches(outcome.last ?? {});
  print(`${changed ? "Routes do not match the oracle yet" : "No route changed yet"} (${after} after the fault); the oracle expects:`);
  for (const mismatch of left.slice(0, listedMismatches)) print(`  ${describeExpectedRoute(mismatch)}`);
  if (left.length > listedMismatches) print(`  … and ${left.length - listedMismatches} more ('receptor-lab status' shows every table)`);
}
