import { systemClock, type Clock } from "../clock.js";
import { LabFailure } from "../errors.js";
import { ControlSocketClient } from "../mesh/control-socket-client.js";
import type { MeshClient } from "../mesh/mesh-client.js";
import type { Progress } from "../progress.js";
import type { Lab, LabRuntime, NodeImage } from "../runtime/lab-runtime.js";
import { labSpecFor } from "../runtime/lab-spec.js";
import type { NodeId, Topology } from "../topology/model.js";
import {
  describeMismatch,
  diffRoutes,
  everythingUp,
  expectedRoutes,
  type MeshState,
  type RouteMismatch,
  type RoutingTable,
} from "../topology/routing-oracle.js";
import { isEmpty, materialPlan, nodeFiles } from "../topology/lab-material.js";
import { startWaves } from "../topology/start-order.js";
import { controlPollMs, controlWaitMs } from "./startup-timeouts.js";
import { waitUntil } from "../wait-until.js";

/** How the harness talks to one node: the control-socket client unless a test says otherwise. */
export type MeshClientFactory = (lab: Lab, id: NodeId) => MeshClient;

export const controlSocketClients: MeshClientFactory = (lab, id) => new ControlSocketClient(id, () => lab.controlAddress(id));

export interface BringUpOptions {
  runtime: LabRuntime;
  meshClients?: MeshClientFactory;
  topology: Topology;
  image: string;
  receptorVersion: string;
  /** The nodes that run their own Receptor (a mixed-version lab): node id → its image. */
  nodeImages?: ReadonlyMap<NodeId, NodeImage>;
  runId: string;
  env?: Record<string, string>;
  progress: Progress;
  clock?: Clock;
  convergeTimeoutMs?: number;
  /** Called as soon as the lab exists, so an interrupt can tear it down. */
  onCreated?: (lab: Lab) => void;
}

export interface ConvergenceResult {
  elapsedMs: number;
  polls: number;
}

/** A started lab and a control client per node: what scenarios and CLI commands work with. */
export class LabSession {
  /** First container started → every routing table matched the oracle. */
  bringUpMs = 0;

  private constructor(
    readonly topology: Topology,
    readonly lab: Lab,
    readonly clients: ReadonlyMap<NodeId, MeshClient>,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates and starts the lab, listeners before their dialers, then waits until every routing
   * table matches the oracle. On any failure the lab is removed before the error is rethrown.
   */
  static async bringUp(options: BringUpOptions): Promise<LabSession> {
    const clock = options.clock ?? systemClock;
    const { topology, progress } = options;
    const plan = materialPlan(topology);
    const files = isEmpty(plan)
      ? undefined
      : nodeFiles(topology, await options.runtime.labMaterial(plan, { tag: options.image, receptorVersion: options.receptorVersion, built: false }, progress));
    const ownImages = new Set([...(options.nodeImages?.values() ?? [])].map((image) => image.tag));
    const images = [options.image, ...[...ownImages].filter((tag) => tag !== options.image)].join(", ");
    progress.step(`Creating lab ${options.runId} (${topology.name}, ${topology.nodes.length} nodes, ${ownImages.size > 0 ? "images" : "image"} ${images}) …`);
    const lab = await options.runtime.createLab(
      labSpecFor(topology, {
        runId: options.runId,
        image: options.image,
        receptorVersion: options.receptorVersion,
        env: options.env,
        ...(files ? { files } : {}),
        ...(options.nodeImages ? { nodeImages: options.nodeImages } : {}),
      }),
    );
    options.onCreated?.(lab);
    const session = LabSession.attach(lab, topology, { ...(options.meshClients ? { meshClients: options.meshClients } : {}), clock });
    const exits = new Map(topology.nodes.filter((node) => node.exitsAtStartup).map((node) => [node.id, node.exitsAtStartup!]));
    try {
      const started = clock.now();
      const waves = startWaves(topology);
      progress.detail(`starting ${topology.nodes.length} containers, receptor held until its wave`);
      await lab.prestart(waves.flat());
      progress.detail(`containers running after ${clock.now() - started} ms`);
      for (const wave of waves) {
        progress.detail(`starting ${wave.join(", ")}`);
        const waveStarted = clock.now();
        await lab.startNodes(wave);
        const containersStarted = clock.now();
        const controlWait = { timeoutMs: controlWaitMs(topology.nodes.length), intervalMs: controlPollMs(wave.length) };
        await Promise.all(wave.map((id) => (exits.has(id) ? session.waitForExit(id, exits.get(id)!, progress) : session.waitForControl(id, controlWait))));
        progress.detail(`${wave.length} started in ${containersStarted - waveStarted} ms; their control services answered ${clock.now() - containersStarted} ms later`);
      }
      progress.step("Waiting for every routing table to match the topology …");
      await session.waitForRoutes(everythingUp(topology), options.convergeTimeoutMs ?? 60_000, progress);
      session.bringUpMs = clock.now() - started;
      return session;
    } catch (error) {
      await lab.destroy();
      throw error;
    }
  }

  /** A session over a lab that already runs (started by another process, reopened). */
  static attach(lab: Lab, topology: Topology, options: { meshClients?: MeshClientFactory; clock?: Clock } = {}): LabSession {
    const clients = new Map<NodeId, MeshClient>(topology.nodes.map((node) => [node.id, (options.meshClients ?? controlSocketClients)(lab, node.id)]));
    return new LabSession(topology, lab, clients, options.clock ?? systemClock);
  }

  client(id: NodeId): MeshClient {
    const client = this.clients.get(id);
    if (!client) throw new LabFailure(`no node '${id}' in topology ${this.topology.name}`);
    return client;
  }

  /** The routing table of each node that answers (a node that does not is left out). */
  async observeRoutes(ids: Iterable<NodeId>): Promise<Map<NodeId, RoutingTable>> {
    const entries = await Promise.all(
      [...ids].map(async (id) => {
        try {
          return [id, await this.client(id).routingTable()] as const;
        } catch {
          return undefined;
        }
      }),
    );
    return new Map(entries.filter((entry) => entry !== undefined));
  }

  /**
   * Waits until the routing table of every live node in `state` matches the oracle on two polls
   * in a row; on timeout, fails with the difference.
   */
  async waitForRoutes(state: MeshState, timeoutMs: number, progress: Progress): Promise<ConvergenceResult> {
    const expected = expectedRoutes(this.topology, state);
    let lastDiff: RouteMismatch[] = [];
    const outcome = await waitUntil(
      this.clock,
      () => this.observeRoutes(state.liveNodes),
      (observed) => (lastDiff = diffRoutes(expected, observed)).length === 0,
      { timeoutMs, intervalMs: 100, consecutive: 2 },
    );
    if (!outcome.ok) {
      const lines = lastDiff.slice(0, 20).map((mismatch) => `  ${describeMismatch(mismatch)}`);
      // the lab is removed after this failure, so its first mismatched node's last words go with it
      const node = lastDiff[0]?.node ?? this.topology.nodes[0]!.id;
      const tail = (await this.lab.logs(node, 8).catch((error: Error) => `(logs unavailable: ${error.message})`)).trimEnd();
      throw new LabFailure(
        `routing tables did not match the topology within ${timeoutMs / 1000} s:\n${lines.join("\n")}\nlast log lines of ${node}:\n${tail}`,
        "Look for 'rejected connection' or redial errors in those lines; 'up --timeout 120' waits longer.",
      );
    }
    progress.detail(`routes converged after ${outcome.elapsedMs} ms (${outcome.polls} polls)`);
    return { elapsedMs: outcome.elapsedMs, polls: outcome.polls };
  }

  /** A node Receptor refuses to run with its config: it must exit (and says why in its log). */
  private async waitForExit(id: NodeId, reason: string, progress: Progress): Promise<void> {
    const outcome = await waitUntil(this.clock, () => this.lab.state(id), (state) => !state.running, { timeoutMs: 20_000, intervalMs: 100, consecutive: 1 });
    if (!outcome.ok) {
      throw new LabFailure(`node ${id} was expected to exit at startup (${reason}) but is still running`, `Look at 'docker logs ${this.lab.containerOf(id)}'.`);
    }
    progress.detail(`${id} exited at startup, as expected: ${reason}`);
  }

  private async waitForControl(id: NodeId, { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number }): Promise<void> {
    const client = this.client(id);
    const outcome = await waitUntil(
      this.clock,
      () => client.status().then(() => true, () => false),
      (ok) => ok,
      { timeoutMs, intervalMs, consecutive: 1 },
    );
    if (!outcome.ok) {
      const tail = await this.lab.logs(id, 20).catch(() => "");
      throw new LabFailure(`node ${id} did not answer on its control service within ${Math.round(timeoutMs / 1000)} s; its last log lines:\n${tail}`, `Check its config with 'docker logs ${this.lab.containerOf(id)}'.`);
    }
  }
}
