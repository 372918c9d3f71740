import type { NodeStatus, PingResult, TracerouteHop, WorkUnitStatus } from "../mesh/control-types.js";
import type { ProcessProbe } from "../runtime/process-probe.js";
import type { NodeId } from "../topology/model.js";
import type { ExpectedRoutes, RoutingTable } from "../topology/routing-oracle.js";

/** One side of a work unit as seen at one moment. */
export interface UnitSide {
  node: NodeId;
  unitId: string | undefined;
  /** null: the node says it has no such unit; undefined: the node did not answer. */
  status: WorkUnitStatus | null | undefined;
  /** Files of the unit directory; null: no directory; undefined: could not look (node down). */
  files: Record<string, Buffer> | null | undefined;
  /** What the command-runner PID in its status is now; null: no PID recorded; absent: not looked. */
  runner?: ProcessProbe | null;
}

export interface UnitObservation {
  alias: string;
  controller: UnitSide;
  executor: UnitSide;
}

/** What the engine observed for one expectation, by kind. */
export type Observation =
  | { what: "routes-converged"; tables: ReadonlyMap<NodeId, RoutingTable> }
  | { what: "route"; status: NodeStatus | undefined }
  | { what: "connections" | "known"; status: NodeStatus | undefined }
  | { what: "units"; units: Record<string, WorkUnitStatus> | undefined }
  | { what: "ping"; result: PingResult | undefined; error?: string }
  | { what: "log"; log: string | undefined }
  | { what: "exited"; state: { running: boolean; exitCode?: number } | undefined }
  | { what: "services" | "secure-work"; status: NodeStatus | undefined }
  | { what: "traceroute"; hops: TracerouteHop[] | undefined; error?: string }
  | { what: "unit"; unit: UnitObservation }
  | { what: "any"; observations: Observation[] };

export interface JudgeContext {
  /** The oracle for the current mesh state (which nodes and links are up). */
  expectedRoutes: ExpectedRoutes;
}

export interface Judgement {
  ok: boolean;
  expected: string;
  observed: string;
  /** For an 'any' expectation: the index of the first alternative that held. */
  heldAlternative?: number;
}
