/** Shapes of the control service's JSON replies (reference/receptor.md §2, §3, §5). */

export interface Connection {
  NodeID: string;
  Cost: number;
}

export interface Advertisement {
  NodeID: string;
  Service: string;
  Time: string;
  ConnType: number;
  Tags: Record<string, string> | null;
  WorkCommands: Array<{ WorkType: string; Secure: boolean }> | null;
}

export interface NodeStatus {
  NodeID: string;
  Version: string;
  SystemCPUCount: number;
  SystemMemoryMiB: number;
  Connections: Connection[];
  RoutingTable: Record<string, string>;
  KnownConnectionCosts: Record<string, Record<string, number>>;
  Advertisements: Advertisement[];
}

export interface PingResult {
  Success: boolean;
  From?: string;
  Time?: number;
  TimeStr?: string;
  Error?: string;
}

export interface TracerouteHop {
  hop: number;
  from: string;
  timeNs: number;
  timeStr: string;
  error?: string;
}

export const WorkState = { Pending: 0, Running: 1, Succeeded: 2, Failed: 3, Canceled: 4 } as const;

export interface WorkUnitStatus {
  State: number;
  StateName: string;
  Detail: string;
  StdoutSize: number;
  WorkType: string;
  ExtraData: unknown;
}

export interface RemoteExtraData {
  RemoteNode: string;
  RemoteWorkType: string;
  RemoteParams: Record<string, string>;
  RemoteUnitID: string;
  RemoteStarted: boolean;
  LocalCancelled: boolean;
  LocalReleased: boolean;
  SignWork: boolean;
  TLSClient: string;
  Expiration: string;
}

export interface SubmitRequest {
  /** Target node id; omit (or "localhost") for local work. */
  node?: string;
  workType: string;
  /** Bytes sent as the unit's stdin; none means an empty payload (still half-closed). */
  payload?: Uint8Array | string;
  /** Runtime params (needs `allowRuntimeParams` on the executor). */
  params?: string;
  /** Extra string-valued submit fields (e.g. ttl). */
  extra?: Record<string, string>;
}

export interface SubmitResult {
  unitId: string;
  /** "Job Started", or "Job Submitted" when the remote node was not reachable yet. */
  result: string;
}

export type UnitAction = "cancel" | "release" | "force-release";

/** What `reload` answered: "Reload successful", or Receptor's refusal (with its ERRORCODE). */
export interface ReloadResult {
  ok: boolean;
  message: string;
}
