import type { RemoteExtraData } from "../mesh/control-types.js";
import { probePid, type ProcessProbe } from "../runtime/process-probe.js";
import { DATA_DIR } from "../topology/receptor-config.js";
import type { NodeId } from "../topology/model.js";
import type { RoutingTable } from "../topology/routing-oracle.js";
import type { LabSession } from "./lab-session.js";
import type { UnitObservation, UnitSide } from "./observations.js";
import type { Timeline } from "./timeline.js";

export interface TrackedUnit {
  alias: string;
  /** The node it was submitted on, and its unit id there. */
  on: NodeId;
  unitId: string;
  /** The node that runs it, and its unit id there once known (RemoteUnitID). */
  executor: NodeId;
  remoteUnitId?: string;
}

/**
 * Observes the lab and records every change it sees on the timeline: route changes per node,
 * unit state changes and stdout growth. All observation goes through here, so whatever polls
 * (a wait, an expectation, the background route watcher) feeds the same history.
 */
export class MeshObserver {
  private readonly routes = new Map<NodeId, RoutingTable>();
  private readonly unitStates = new Map<string, string>();
  private readonly stdoutSizes = new Map<string, number>();
  private readonly runners = new Map<string, string>();
  readonly units = new Map<string, TrackedUnit>();

  constructor(
    private readonly session: LabSession,
    private readonly timeline: Timeline,
  ) {}

  /** Routing tables of the given nodes (those that answer); changes go on the timeline. */
  async observeRoutes(nodes: Iterable<NodeId>): Promise<Map<NodeId, RoutingTable>> {
    const tables = await this.session.observeRoutes(nodes);
    for (const [node, table] of tables) this.noteRoutes(node, table);
    return tables;
  }

  async observeStatus(node: NodeId) {
    try {
      const status = await this.session.client(node).status();
      this.noteRoutes(node, status.RoutingTable);
      return status;
    } catch {
      return undefined;
    }
  }

  /** A node went down: its next table (after a start) counts as new. */
  forget(node: NodeId): void {
    this.routes.delete(node);
  }

  /** Seeds the known routes without recording them as changes (after bring-up). */
  baseline(tables: ReadonlyMap<NodeId, RoutingTable>): void {
    for (const [node, table] of tables) this.routes.set(node, { ...table });
  }

  /** `runner`: also look up what the executor's recorded command-runner PID is now. */
  async observeUnit(alias: string, options: { runner?: boolean } = {}): Promise<UnitObservation> {
    const unit = this.units.get(alias)!;
    const controller = await this.side(unit.on, unit.unitId);
    if (!unit.remoteUnitId && controller.status) {
      const extra = controller.status.ExtraData as Partial<RemoteExtraData> | null;
      if (extra?.RemoteUnitID) unit.remoteUnitId = extra.RemoteUnitID;
    }
    const executor = unit.executor === unit.on ? controller : await this.side(unit.executor, unit.remoteUnitId);
    if (options.runner) executor.runner = await this.runner(executor);
    this.noteUnit(alias, "controller", controller);
    this.noteUnit(alias, "executor", executor);
    return { alias, controller, executor };
  }

  private async runner(side: UnitSide): Promise<ProcessProbe | null | undefined> {
    if (!side.status) return undefined;
    const pid = (side.status.ExtraData as { Pid?: unknown } | null)?.Pid;
    if (typeof pid !== "number" || pid <= 0) return null;
    return probePid(this.session.lab, side.node, pid);
  }

  private async side(node: NodeId, unitId: string | undefined): Promise<UnitSide> {
    if (!unitId) return { node, unitId, status: undefined, files: undefined };
    const [status, files] = await Promise.all([this.unitStatus(node, unitId), this.unitFiles(node, unitId)]);
    return { node, unitId, status, files };
  }

  /**
   * From `work list`, not `work status <id>`: Receptor logs an ERROR for every status asked of a
   * unit it no longer has, and a released unit is asked about until it is gone; the log census
   * must count Receptor's errors, not the lab's probes.
   */
  private async unitStatus(node: NodeId, unitId: string) {
    try {
      return (await this.session.client(node).workList())[unitId] ?? null;
    } catch {
      return undefined;
    }
  }

  /** The unit directory's files, read with one exec (base64 keeps the bytes exact). */
  private async unitFiles(node: NodeId, unitId: string): Promise<Record<string, Buffer> | null | undefined> {
    const dir = `${DATA_DIR}/${node}/${unitId}`;
    const script = `[ -d "${dir}" ] || exit 3; cd "${dir}" && for f in *; do [ -f "$f" ] && printf '%s %s\\n' "$f" "$(base64 -w0 "$f")"; done; true`;
    try {
      const result = await this.session.lab.exec(node, ["sh", "-c", script]);
      if (result.exitCode === 3) return null;
      if (result.exitCode !== 0) return undefined;
      const files: Record<string, Buffer> = {};
      for (const line of result.stdout.split("\n")) {
        const [name, encoded] = line.split(" ");
        if (name) files[name] = Buffer.from(encoded ?? "", "base64");
      }
      return files;
    } catch {
      return undefined;
    }
  }

  private noteRoutes(node: NodeId, table: RoutingTable): void {
    const before = this.routes.get(node) ?? {};
    for (const destination of new Set([...Object.keys(before), ...Object.keys(table)])) {
      const from = before[destination] ?? null;
      const to = table[destination] ?? null;
      if (from !== to) this.timeline.record("route-change", node, { destination, from, to });
    }
    this.routes.set(node, { ...table });
  }

  private noteUnit(alias: string, role: "controller" | "executor", side: UnitSide): void {
    if (side.status === undefined) return;
    const key = `${alias}/${role}`;
    const state = side.status === null ? "gone" : side.status.StateName;
    if (this.unitStates.get(key) !== state) {
      this.timeline.record("unit-state", side.node, { unit: alias, role, unitId: side.unitId, from: this.unitStates.get(key) ?? null, to: state, detail: side.status?.Detail });
      this.unitStates.set(key, state);
    }
    if (side.runner) {
      const seen = `${side.runner.pid} ${side.runner.tgid ?? "free"} ${side.runner.cmdline ?? ""}`;
      if (this.runners.get(key) !== seen) {
        this.timeline.record("runner-pid", side.node, { unit: alias, role, ...side.runner });
        this.runners.set(key, seen);
      }
    }
    const size = side.files?.stdout?.length;
    if (size !== undefined && size !== (this.stdoutSizes.get(key) ?? 0)) {
      this.timeline.record("stdout-growth", side.node, { unit: alias, role, bytes: size, from: this.stdoutSizes.get(key) ?? 0 });
      this.stdoutSizes.set(key, size);
    }
  }
}
