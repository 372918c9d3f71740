import { ControlConnection, type ControlAddress } from "./control-connection.js";
import { ControlError, ControlReplyError } from "./control-errors.js";
import type {
  NodeStatus,
  PingResult,
  ReloadResult,
  SubmitRequest,
  SubmitResult,
  TracerouteHop,
  UnitAction,
  WorkUnitStatus,
} from "./control-types.js";
import type { MeshClient, ResultsOptions } from "./mesh-client.js";

export interface ControlTimeouts {
  /** status, work list/status, cancel, release. */
  simpleMs: number;
  /** Receptor's own ping timeout is 10 s. */
  pingMs: number;
  /** A remote submit waits for the remote node's acknowledgement. */
  submitMs: number;
  resultsMs: number;
}

export const defaultTimeouts: ControlTimeouts = { simpleMs: 5_000, pingMs: 12_000, submitMs: 20_000, resultsMs: 120_000 };

const unitCreated = /^Work unit created with ID (\S+)\. Send stdin data and EOF\.$/;
const streaming = /^Streaming results for work unit /;

/**
 * Speaks Receptor's control-service protocol over TCP, one fresh session per call (as
 * receptorctl does), each bounded by a hard timeout.
 */
export class ControlSocketClient implements MeshClient {
  private readonly addressOf: () => ControlAddress;

  /** `address` may be a function: a restarted container gets a new published port. */
  constructor(
    readonly node: string,
    address: ControlAddress | (() => ControlAddress),
    private readonly timeouts: ControlTimeouts = defaultTimeouts,
  ) {
    this.addressOf = typeof address === "function" ? address : () => address;
  }

  status(): Promise<NodeStatus> {
    return this.request("status", { command: "status" }, this.timeouts.simpleMs) as Promise<NodeStatus>;
  }

  async routingTable(): Promise<NodeStatus["RoutingTable"]> {
    return (await this.statusFields(["RoutingTable"])).RoutingTable ?? {};
  }

  /**
   * Only the named fields of `status` (Receptor's `requested_fields`): a full status carries every
   * node's known connections, which grow with the square of the mesh. A Receptor that ignores the
   * filter sends them all, so callers read only what they asked for.
   */
  statusFields<Field extends keyof NodeStatus>(fields: Field[]): Promise<Partial<Pick<NodeStatus, Field>>> {
    return this.request("status", { command: "status", requested_fields: fields }, this.timeouts.simpleMs) as Promise<Partial<Pick<NodeStatus, Field>>>;
  }

  ping(target: string): Promise<PingResult> {
    return this.request(`ping ${target}`, { command: "ping", target }, this.timeouts.pingMs) as Promise<PingResult>;
  }

  async traceroute(target: string): Promise<TracerouteHop[]> {
    const reply = (await this.request(`traceroute ${target}`, { command: "traceroute", target }, this.timeouts.pingMs * 3)) as Record<
      string,
      { From: string; Time: number; TimeStr: string; Error?: string }
    >;
    return Object.entries(reply)
      .map(([hop, entry]) => ({ hop: Number(hop), from: entry.From, timeNs: entry.Time, timeStr: entry.TimeStr, error: entry.Error }))
      .sort((a, b) => a.hop - b.hop);
  }

  /** Receptor's `reload`: re-reads the config file and restarts the backends (peers and listeners). */
  async reload(): Promise<ReloadResult> {
    const reply = (await this.request("reload", { command: "reload" }, this.timeouts.submitMs)) as { Success?: boolean; Error?: string };
    return reply.Success ? { ok: true, message: "Reload successful" } : { ok: false, message: reply.Error ?? JSON.stringify(reply) };
  }

  workList(): Promise<Record<string, WorkUnitStatus>> {
    return this.request("work list", { command: "work", subcommand: "list" }, this.timeouts.simpleMs) as Promise<
      Record<string, WorkUnitStatus>
    >;
  }

  workStatus(unitId: string): Promise<WorkUnitStatus> {
    return this.request(`work status ${unitId}`, { command: "work", subcommand: "status", unitid: unitId }, this.timeouts.simpleMs) as Promise<WorkUnitStatus>;
  }

  unitAction(action: UnitAction, unitId: string): Promise<Record<string, string>> {
    return this.request(`work ${action} ${unitId}`, { command: "work", subcommand: action, unitid: unitId }, this.timeouts.submitMs) as Promise<
      Record<string, string>
    >;
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const label = `work submit ${request.node ?? "localhost"} ${request.workType}`;
    const fields: Record<string, string> = {
      command: "work",
      subcommand: "submit",
      node: request.node ?? "localhost",
      worktype: request.workType,
      ...request.extra,
    };
    if (request.params !== undefined) fields.params = request.params;
    const connection = await ControlConnection.open(this.addressOf(), this.node, label, this.timeouts.submitMs);
    try {
      connection.send(JSON.stringify(fields));
      const created = await connection.readLine();
      const match = unitCreated.exec(created);
      if (!match) throw replyError(this.node, label, created);
      if (request.payload !== undefined && request.payload.length > 0) connection.write(request.payload);
      connection.endInput();
      const final = await connection.readLine();
      const reply = parseReply(this.node, label, final) as { result?: string; unitid?: string };
      return { unitId: reply.unitid ?? match[1]!, result: reply.result ?? "" };
    } finally {
      connection.close();
    }
  }

  async results(unitId: string, options: ResultsOptions = {}): Promise<Buffer> {
    const label = `work results ${unitId}`;
    const connection = await ControlConnection.open(this.addressOf(), this.node, label, options.timeoutMs ?? this.timeouts.resultsMs);
    try {
      connection.send(JSON.stringify({ command: "work", subcommand: "results", unitid: unitId, startpos: options.startPos ?? 0 }));
      const header = await connection.readLine();
      if (!streaming.test(header)) throw replyError(this.node, label, header);
      connection.endInput();
      return await connection.readToEnd(options.onData);
    } finally {
      connection.close();
    }
  }

  private async request(label: string, body: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    const connection = await ControlConnection.open(this.addressOf(), this.node, label, timeoutMs);
    try {
      connection.send(JSON.stringify(body));
      return parseReply(this.node, label, await connection.readLine());
    } finally {
      connection.close();
    }
  }
}

function parseReply(node: string, label: string, line: string): unknown {
  if (line.startsWith("ERROR:")) throw replyError(node, label, line);
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new ControlError(node, label, `got a reply that is not JSON: ${JSON.stringify(line.slice(0, 200))}`, { cause: error });
  }
}

function replyError(node: string, label: string, line: string): ControlError {
  return new ControlReplyError(node, label, line.replace(/^ERROR:\s*/, ""));
}
