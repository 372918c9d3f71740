import type { UnitAction } from "../mesh/control-types.js";
import type { DropMode, NodeFaultAction, UpgradeDirection } from "../faults/fault-plan.js";
import type { SourceLocation } from "../errors.js";
import type { PartitionSpec } from "../faults/partitions.js";
import type { Link, NodeId, Topology } from "../topology/model.js";

/** The validated form of a scenario file: a topology and ordered steps. */
export interface Scenario {
  name: string;
  title: string;
  description: string;
  /** The documented case it reproduces. */
  reproduces: string;
  /** Set when the scenario reproduces a reported Receptor bug (see BugReport). */
  bug?: BugReport;
  /** Written by a chaos run: the seed and the command that generated it. */
  chaos?: { seed: number; command: string };
  source: string;
  topology: Topology;
  steps: Step[];
}

/** A reported Receptor bug a scenario reproduces; its one `signature` step tells buggy from fixed. */
export interface BugReport {
  /** ansible/receptor issue number. */
  issue: number;
  status: string;
  observable: string;
}

interface StepBase {
  index: number;
  /** Line in the scenario file, for reports. */
  line: number;
}

export type PayloadSource = { kind: "none" } | { kind: "literal"; text: string } | { kind: "file"; path: string };

/** Hop alternatives per position: any of the names at that position is accepted. */
export type TraceroutePath = string[][];

/** How many log lines an expectation wants: exactly, or between bounds. */
export interface LineCount {
  atLeast: number;
  /** No upper bound when absent. */
  atMost?: number;
}

export type Expectation =
  | { what: "routes-converged" }
  /** dest → named hop, "any" (any oracle-allowed hop) or null (no route). */
  | { what: "route"; on: NodeId; routes: Record<NodeId, string | null> }
  /** With `fails`: the hops that answered start like `path`, and an error contains the text. */
  | { what: "traceroute"; on: NodeId; target: NodeId; path: TraceroutePath; fails?: string }
  /** Exactly these direct connections (peer → cost). */
  | { what: "connections"; on: NodeId; connections: Record<NodeId, number> }
  /** These entries of the node's link-state database (KnownConnectionCosts), exactly. */
  | { what: "known"; on: NodeId; known: Record<NodeId, Record<NodeId, number>> }
  /** A ping that succeeds, optionally within bounds on its round trip. */
  | { what: "ping"; on: NodeId; target: NodeId; slowerThanMs?: number; fasterThanMs?: number; fails?: string }
  /** A line of the node's log contains the text, or matches the /regex/. */
  | { what: "log"; on: NodeId; pattern: string; lines?: LineCount; since?: string }
  /** The node's Receptor is not running (it exited). */
  | { what: "exited"; on: NodeId }
  /** Service types `on` sees advertised per node (Stream, StreamTLS, Datagram). */
  | { what: "services"; on: NodeId; services: Record<NodeId, string> }
  /** Work types `on` sees advertised as secure per node. */
  | { what: "secure-work"; on: NodeId; secureWork: Record<NodeId, string[]> }
  /** How many work units the node's `work list` holds. */
  | { what: "units"; on: NodeId; count: number }
  | ({ what: "unit"; unit: string } & UnitExpectation)
  /** Holds when any one of them holds. */
  | { what: "any"; of: Expectation[] };

export interface UnitExpectation {
  /** Which side's unit: the submitting node's, or the executor's (found via RemoteUnitID). */
  side: "controller" | "executor";
  state?: string;
  stdoutLines?: number;
  stdoutSize?: number;
  /** The controller's stdout is shorter than the executor's (a frozen, unconverged unit). */
  partial?: boolean;
  /** Both sides agree on state, StdoutSize and stdout bytes (work-unit convergence). */
  converged?: boolean;
  /** These files exist in the unit directory on that side. */
  files?: string[];
  /** The unit directory on that side is gone (after release). */
  gone?: boolean;
  /**
   * The command-runner PID the unit recorded: `alive` still that runner, `stale` anything else
   * now (after a restart Receptor still signals it on cancel and release).
   */
  runner?: "alive" | "stale";
  /** Its status Detail contains this text (e.g. "Work unit expired on"). */
  detail?: string;
}

export type FaultAction = NodeFaultAction;

/** A step as written, before it gets its index and line. */
export type StepBody =
    | { kind: "say"; text: string }
    | { kind: "expect"; expectation: Expectation; withinMs?: number; holdMs?: number }
    | {
        kind: "submit";
        alias: string;
        on: NodeId;
        node: NodeId;
        workType: string;
        payload: PayloadSource;
        params?: string;
        fails?: string;
        signWork?: boolean;
        tlsClient?: boolean;
        ttl?: string;
      }
    | { kind: "wait"; unit: string; stdoutLines?: number; state?: string; withinMs: number }
    | { kind: "results"; unit: string; lines?: number; size?: number; equals?: string; contains?: string; withinMs: number }
    /** `withinMs`: ask again while the node answers ERROR (e.g. no route yet), for up to that long. */
    | { kind: "unit-action"; action: UnitAction; unit: string; reply?: string; withinMs?: number }
    /** On every target node at once; `afterMs` (restart only): stop, wait, start. */
    | { kind: "fault"; action: FaultAction; nodes: NodeId[]; afterMs?: number }
    | { kind: "partition"; spec: PartitionSpec; mode: DropMode }
    /** Random packet loss on the traffic between two nodes (both directions). */
    | { kind: "loss"; between: [NodeId, NodeId]; percent: number }
    /** Added latency on the traffic between two nodes. */
    | { kind: "delay"; between: [NodeId, NodeId]; ms: number }
    /** Removes every partition, loss and delay. */
    | { kind: "heal" }
    | { kind: "sleep"; ms: number }
    /** Names this moment: log expectations with `since: name` count only lines after it. */
    | { kind: "mark"; name: string }
    /** Patch `node`'s config (peers for `links` added, for `removed` dropped, raw `add`), reload, expect `reply`. */
    | { kind: "reconfigure"; node: NodeId; links: Link[]; removed: Link[]; add?: string; reply: string }
    /** Each node in turn gets Receptor `to` (as `--receptor` takes it), `pauseMs` between them; `at` locates `to` for errors found when it is resolved. */
    | { kind: "upgrade"; direction: UpgradeDirection; nodes: NodeId[]; to: string; pauseMs: number; at: SourceLocation }
    /** Looks until `fixed` holds (not reproduced) or `buggy` has held for `holdMs` (reproduced); neither within `withinMs`: inconclusive. */
    | { kind: "signature"; buggy: Expectation; fixed: Expectation; withinMs: number; holdMs: number; issue?: number };

export type Step = StepBase & StepBody;

export type StepKind = Step["kind"];
