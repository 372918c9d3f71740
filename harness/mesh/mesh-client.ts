import type {
  NodeStatus,
  PingResult,
  SubmitRequest,
  SubmitResult,
  TracerouteHop,
  UnitAction,
  WorkUnitStatus,
} from "./control-types.js";

export interface ResultsOptions {
  /** Byte offset to start from (Receptor's `startpos`). */
  startPos?: number;
  onData?: (chunk: Buffer) => void;
  timeoutMs?: number;
}

/** What the harness can ask one Receptor node through its control service. */
export interface MeshClient {
  readonly node: string;
  status(): Promise<NodeStatus>;
  ping(target: string): Promise<PingResult>;
  traceroute(target: string): Promise<TracerouteHop[]>;
  submit(request: SubmitRequest): Promise<SubmitResult>;
  workList(): Promise<Record<string, WorkUnitStatus>>;
  workStatus(unitId: string): Promise<WorkUnitStatus>;
  /** Streams stdout; resolves once Receptor closes the stream (the unit is complete). */
  results(unitId: string, options?: ResultsOptions): Promise<Buffer>;
  unitAction(action: UnitAction, unitId: string): Promise<Record<string, string>>;
}
