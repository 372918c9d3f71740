import type { Clock } from "../clock.js";
import type { Topology } from "../topology/model.js";
import { diffRoutes, expectedRoutes, type MeshState } from "../topology/routing-oracle.js";
import type { MeshObserver } from "./mesh-observer.js";
import type { FaultSubject } from "../faults/fault-plan.js";
import type { FaultMetric } from "./run-result.js";
import type { Timeline } from "./timeline.js";

const settleTimeoutMs = 120_000;

/**
 * Polls every live node's routing table in the background, so route changes land on the
 * timeline even while no step is looking, and measures each fault: from the fault step's
 * return to the first route change, and to every table matching the oracle again.
 */
export class RouteWatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private pending: { metric: FaultMetric; at: number; since: number; state: MeshState } | undefined;
  readonly faults: FaultMetric[] = [];

  constructor(
    private readonly topology: Topology,
    private readonly observer: Pick<MeshObserver, "observeRoutes">,
    private readonly timeline: Timeline,
    private readonly clock: Clock,
    private readonly state: () => MeshState,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.settle(null);
  }

  /**
   * A fault just returned at `at`: measure how the routing tables follow it. Route changes
   * count from `since` (when the fault was issued); one before `at` measures as 0 ms.
   */
  faultApplied(subject: FaultSubject, at: number, since = at): void {
    if (this.pending) this.pending.metric.superseded = true;
    this.settle(null);
    const metric: FaultMetric = { ...subject, routeChangeMs: null, convergedMs: null };
    this.faults.push(metric);
    this.pending = { metric, at, since, state: this.state() };
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = this.clock.now();
      const state = this.state();
      const tables = await this.observer.observeRoutes(state.liveNodes);
      const pending = this.pending;
      if (pending) {
        const now = this.timeline.now();
        // the own tables of nodes the fault took out of the mesh are not the mesh's reaction
        const expected = expectedRoutes(this.topology, pending.state);
        const takenOut = new Set(pending.metric.nodes.filter((node) => Object.keys(expected.get(node) ?? {}).length === 0));
        const change = this.timeline.events.find(
          (event) => event.kind === "route-change" && event.t >= pending.since && !takenOut.has(event.node ?? ""),
        );
        if (change && pending.metric.routeChangeMs === null) pending.metric.routeChangeMs = Math.max(0, change.t - pending.at);
        if (diffRoutes(expected, tables).length === 0) this.settle(now - pending.at);
        else if (now - pending.at > settleTimeoutMs) this.settle(null);
      }
      await this.clock.sleep(Math.max(0, this.intervalMs - (this.clock.now() - started)));
    }
  }

  private settle(convergedMs: number | null): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    pending.metric.convergedMs = convergedMs;
    if (convergedMs !== null) {
      this.timeline.record("routes-converged", null, { after: `${pending.metric.action} ${pending.metric.target}`, ms: convergedMs });
    }
  }
}
