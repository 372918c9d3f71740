import type { NodeStatus, PingResult, TracerouteHop, WorkUnitStatus } from "../mesh/control-types.js";
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
  | { what: "traceroute"; hops: TracerouteHop[] | undefined; error?: string }
  | { what: "unit"; unit: UnitObservation };

export interface JudgeContext {
  /** The oracle for the current mesh state (which nodes and links are up). */
  expectedRoutes: ExpectedRoutes;
}

export interface Judgement {
  ok: boolean;
  expected: string;
  observed: string;
}
