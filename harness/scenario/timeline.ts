import type { Clock } from "../clock.js";

export type EventKind =
  | "bring-up"
  | "say"
  | "fault"
  | "route-change"
  | "routes-converged"
  | "unit-state"
  | "stdout-growth"
  | "action-refused"
  | "runner-pid"
  /** A connection a node refused or was refused (allowed peers, cost, TLS), read from its log. */
  | "connection-rejected"
  /** A node's config was patched and reloaded (its reply). */
  | "reload"
  /** The host's CPU busy share (0–1, all cores) over the `ms` before `t`, sampled every second. */
  | "host-cpu"
  /** A `mark` step named this moment. */
  | "mark"
  | "step-start"
  | "step-end";

/** One thing that happened, `t` ms after the run started (report contract: events). */
export interface TimelineEvent {
  t: number;
  node: string | null;
  kind: EventKind;
  data: Record<string, unknown>;
}

/** The run's history. Recording never judges; listeners (reporters) see each event as it comes. */
export class Timeline {
  readonly events: TimelineEvent[] = [];
  private readonly listeners: Array<(event: TimelineEvent) => void> = [];

  constructor(
    private readonly clock: Clock,
    readonly startedAt = clock.now(),
  ) {}

  now(): number {
    return this.clock.now() - this.startedAt;
  }

  /** Records an event now, or at `t` when it happened a moment ago. */
  record(kind: EventKind, node: string | null, data: Record<string, unknown> = {}, t = this.now()): TimelineEvent {
    const event = { t, node, kind, data };
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Adds events found afterwards (e.g. in node logs) in time order, without telling listeners. */
  merge(found: TimelineEvent[]): void {
    this.events.push(...found);
    this.events.sort((a, b) => a.t - b.t);
  }

  onEvent(listener: (event: TimelineEvent) => void): void {
    this.listeners.push(listener);
  }
}
