import type * as Control from "./control-types.js";

export interface ResultsOptions {
  /** Byte offset to start from (Receptor's `startpos`). */
  startPos?: number;
  onData?: (chunk: Buffer) => void;
  timeoutMs?: number;
}

/** What the harness can ask one Receptor node through its control service. */
export interface MeshClient {
  readonly node: string;
  status(): Promise<Control.NodeStatus>;
  /** The routing table alone: a fraction of `status`'s bytes in a large mesh, for whoever polls often. */
  routingTable(): Promise<Control.NodeStatus["RoutingTable"]>;
  ping(target: string): Promise<Control.PingResult>;
  traceroute(target: string): Promise<Control.TracerouteHop[]>;
  submit(request: Control.SubmitRequest): Promise<Control.SubmitResult>;
  workList(): Promise<Record<string, Control.WorkUnitStatus>>;
  workStatus(unitId: string): Promise<Control.WorkUnitStatus>;
  /** Streams stdout; resolves once Receptor closes the stream (the unit is complete). */
  results(unitId: string, options?: ResultsOptions): Promise<Buffer>;
  unitAction(action: Control.UnitAction, unitId: string): Promise<Record<string, string>>;
  reload(): Promise<Control.ReloadResult>;
}
