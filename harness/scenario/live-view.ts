import { faultSubject, type FaultPlan } from "../faults/fault-plan.js";
import { FaultState } from "../faults/fault-state.js";
import { linkKey, type NodeId, type Topology } from "../topology/model.js";
import { TrackedEntries, type EntryChange, type LiveEntry } from "./live-entries.js";

export type { LiveEntry } from "./live-entries.js";

/** A node's container as one poll found it; `gone`: it no longer exists. */
export type ContainerState = "running" | "paused" | "stopped" | "gone";

/** One node in one poll of a running lab, as plain data. */
export interface NodeSnapshot {
  id: NodeId;
  container: ContainerState;
  /** What its control service answered (peer → cost, destination → next hop); absent: no answer. */
  status?: { connections: Record<NodeId, number>; routes: Record<NodeId, NodeId> };
  /** The work units it knows (unit id → state name and work type); absent: not known this poll. */
  units?: Record<string, { state: string; workType: string }>;
}

/** One poll of a running lab. */
export interface LabSnapshot {
  /** When (ms since the epoch). */
  at: number;
  nodes: NodeSnapshot[];
  /** Every fault recorded with the lab so far, oldest first. */
  faults: FaultPlan[];
}

/** up: answers; unresponsive: runs, unpaused, but its control service did not answer. */
export type LiveNodeState = "up" | "unresponsive" | "paused" | "down" | "gone";

export interface LiveNode {
  id: NodeId;
  container: string;
  state: LiveNodeState;
  /** The state changed within the highlight window. */
  stateChanged: boolean;
  /** peer → cost */
  connections: LiveEntry[];
  /** destination → next hop */
  routes: LiveEntry[];
  /** unit id → state (detail: work type) */
  units: LiveEntry[];
}

/** down: an end is down (or gone) or a recorded partition cuts it; paused: an end is frozen. */
export type LiveLinkState = "up" | "down" | "paused" | "rejected";

export interface LiveLink {
  dialer: NodeId;
  listener: NodeId;
  cost: number;
  state: LiveLinkState;
  /** A recorded partition cuts it. */
  cut: boolean;
  /** Whether an end that answered lists the other among its connections (null: neither answered). */
  connected: boolean | null;
}

const kindOrder = ["fault", "node", "route", "unit"] as const;
export type LiveEventKind = (typeof kindOrder)[number];

export interface LiveEvent {
  at: number;
  kind: LiveEventKind;
  /** The node it is about (none for a fault or a partition). */
  node?: NodeId;
  text: string;
}

export interface LiveView {
  runId: string;
  topology: string;
  at: number;
  nodes: LiveNode[];
  links: LiveLink[];
  /** What the recorded faults put in effect, as the routing oracle assumes it. */
  faults: ReturnType<FaultState["snapshot"]>;
  /** The latest events, oldest first. */
  events: LiveEvent[];
}

export interface LiveUpdate {
  view: LiveView;
  /** The events of this poll alone. */
  events: LiveEvent[];
}

export interface LiveModelOptions {
  /** How long a change stays highlighted (default 3 s). */
  highlightMs?: number;
  /** How many events the view keeps (default 200). */
  keepEvents?: number;
}

interface NodeTrack {
  state?: LiveNodeState;
  stateChangedAt?: number;
  connections: TrackedEntries;
  routes: TrackedEntries;
  units: TrackedEntries;
}

/**
 * The live view of a running lab, folded from successive polls: each node's state, connections,
 * routes and work units with what changed lately, each link's state, and the events (faults
 * recorded, nodes going down or up, route changes, unit state changes). Pure: polls are data.
 */
export class LiveModel {
  private readonly highlightMs: number;
  private readonly keepEvents: number;
  private readonly tracks = new Map<NodeId, NodeTrack>();
  private readonly events: LiveEvent[] = [];
  private faultsSeen = 0;
  private polls = 0;

  constructor(
    private readonly topology: Topology,
    private readonly runId: string,
    options: LiveModelOptions = {},
  ) {
    this.highlightMs = options.highlightMs ?? 3_000;
    this.keepEvents = options.keepEvents ?? 200;
    for (const node of topology.nodes) this.tracks.set(node.id, { connections: new TrackedEntries(), routes: new TrackedEntries(), units: new TrackedEntries() });
  }

  /** Folds in one poll: the view now and this poll's events. */
  update(snapshot: LabSnapshot): LiveUpdate {
    const first = this.polls++ === 0;
    const { at } = snapshot;
    const events: LiveEvent[] = [];
    const say = (kind: LiveEventKind, text: string, node?: NodeId) => events.push({ at, kind, ...(node ? { node } : {}), text });

    if (snapshot.faults.length < this.faultsSeen) this.faultsSeen = 0;
    for (const plan of snapshot.faults.slice(this.faultsSeen)) say("fault", `${first ? "earlier: " : ""}${describeFault(plan)}`);
    this.faultsSeen = snapshot.faults.length;

    const byId = new Map(snapshot.nodes.map((node) => [node.id, node]));
    for (const [id, track] of this.tracks) {
      const node = byId.get(id) ?? { id, container: "gone" as const };
      const state = nodeState(node);
      if (state !== track.state && !(first && state === "up")) {
        say("node", `${id} ${stateText[state]}`, id);
        if (!first) track.stateChangedAt = at;
      }
      track.state = state;
      if (node.status) {
        const routeChanges = track.routes.update(node.status.routes, at, first);
        track.connections.update(mapValues(node.status.connections, String), at, first);
        if (routeChanges.length > 0) say("route", `${id}: ${routeChanges.map(describeRoute).join(", ")}`, id);
      } else if (state === "down" || state === "gone") {
        track.routes.clear(at);
        track.connections.clear(at);
      }
      if (node.units) {
        const unitChanges = track.units.update(
          mapValues(node.units, (unit) => unit.state),
          at,
          first,
          mapValues(node.units, (unit) => unit.workType),
        );
        for (const change of unitChanges) say("unit", describeUnit(id, change), id);
      }
    }

    // within one poll: the cause first, then what it did
    events.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
    this.events.push(...events);
    this.events.splice(0, Math.max(0, this.events.length - this.keepEvents));
    return { view: this.view(snapshot), events };
  }

  private view(snapshot: LabSnapshot): LiveView {
    const { at } = snapshot;
    const faults = new FaultState(this.topology);
    for (const plan of snapshot.faults) faults.apply(plan);
    const cut = faults.cutLinks();
    const stateOf = (id: NodeId) => this.tracks.get(id)?.state ?? "gone";
    const statusOf = new Map(snapshot.nodes.map((node) => [node.id, node.status]));
    const nodes = this.topology.nodes.map((node): LiveNode => {
      const track = this.tracks.get(node.id)!;
      return {
        id: node.id,
        container: node.container,
        state: stateOf(node.id),
        stateChanged: track.stateChangedAt !== undefined && at - track.stateChangedAt < this.highlightMs,
        connections: track.connections.entries(at, this.highlightMs),
        routes: track.routes.entries(at, this.highlightMs),
        units: track.units.entries(at, this.highlightMs),
      };
    });
    const links = this.topology.links.map((link): LiveLink => {
      const ends = [stateOf(link.dialer), stateOf(link.listener)];
      const isCut = cut.has(linkKey(link.dialer, link.listener));
      const state: LiveLinkState = link.rejected
        ? "rejected"
        : isCut || ends.some((end) => end === "down" || end === "gone")
          ? "down"
          : ends.includes("paused")
            ? "paused"
            : "up";
      const seen = [
        statusOf.get(link.dialer)?.connections[link.listener],
        statusOf.get(link.listener)?.connections[link.dialer],
      ];
      const answered = [statusOf.get(link.dialer), statusOf.get(link.listener)].some(Boolean);
      return { dialer: link.dialer, listener: link.listener, cost: link.cost, state, cut: isCut, connected: answered ? seen.some((cost) => cost !== undefined) : null };
    });
    return { runId: this.runId, topology: this.topology.name, at, nodes, links, faults: faults.snapshot(), events: [...this.events] };
  }
}

const stateText: Record<LiveNodeState, string> = {
  up: "up",
  unresponsive: "not answering (container running)",
  paused: "paused (frozen)",
  down: "down (container stopped)",
  gone: "gone (container removed)",
};

function nodeState(node: NodeSnapshot): LiveNodeState {
  switch (node.container) {
    case "gone":
      return "gone";
    case "stopped":
      return "down";
    case "paused":
      return "paused";
    case "running":
      return node.status ? "up" : "unresponsive";
  }
}

function describeFault(plan: FaultPlan): string {
  const subject = faultSubject(plan);
  const extra =
    plan.kind === "node" && plan.downMs !== undefined
      ? ` (down ${plan.downMs} ms)`
      : plan.kind === "loss"
        ? ` ${plan.percent}%`
        : plan.kind === "delay"
          ? ` ${plan.ms} ms`
          : plan.kind === "partition" && plan.mode === "reset"
            ? " (reset)"
            : "";
  return `${subject.action} ${subject.target}${extra}`;
}

function describeRoute(change: EntryChange): string {
  if (change.after === undefined) return `${change.key} gone (was via ${change.before})`;
  if (change.before === undefined) return `${change.key} via ${change.after} (new)`;
  return `${change.key} via ${change.after} (was ${change.before})`;
}

function describeUnit(node: NodeId, change: EntryChange): string {
  const unit = `unit ${change.key} on ${node}${change.detail ? ` (${change.detail})` : ""}`;
  if (change.after === undefined) return `${unit} released (was ${change.before})`;
  if (change.before === undefined) return `${unit}: ${change.after}`;
  return `${unit}: ${change.before} → ${change.after}`;
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
