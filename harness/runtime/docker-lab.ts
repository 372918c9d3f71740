import type Docker from "dockerode";
import { EnvironmentError, LabFailure } from "../errors.js";
import { CONTROL_PORT } from "../topology/load-topology.js";
import { dirname } from "node:path";
import { CONFIG_PATH, DATA_DIR } from "../topology/receptor-config.js";
import { filesTar } from "./container-tar.js";
import { readContainerLogs } from "./container-logs.js";
import { execIn } from "./docker-streams.js";
import type { ControlEndpoint } from "./engine-host.js";
import type { ExecResult, HostAddress, Lab, NodeState } from "./lab-runtime.js";
import type { LabNodeSpec, LabSpec } from "./lab-spec.js";
import { eachLimited, engineCallsAtOnce } from "../concurrency.js";
import { labels } from "./labels.js";
import { enginesLabel, placedEngines, removeRunEverywhere, type LabEngine } from "./lab-engines.js";
import { readyImageLaunch } from "./ready-image.js";
import { heldCommand, releaseFile } from "./held-start.js";

const controlPortKey = `${CONTROL_PORT}/tcp`;

/**
 * One running lab: a labelled network and one labelled container per node. Everything Docker
 * does to a lab goes through here. `destroy()` is safe to call at any point, more than once.
 */
export class DockerLab implements Lab {
  private readonly addresses = new Map<string, HostAddress>();
  /** Containers running with receptor not yet released (see held-start.ts). */
  private readonly held = new Set<string>();
  /** Nodes upgraded or downgraded since the lab started: the image each runs now. */
  private readonly replaced = new Map<string, { tag: string; receptorVersion: string }>();
  /** The engine each node runs on (see placeNodes). */
  private readonly placement: Map<string, LabEngine>;

  private constructor(
    private readonly docker: Docker,
    readonly spec: LabSpec,
    readonly networkName: string,
    control: ControlEndpoint,
    /** Several engines (a swarm) put the mesh on an overlay network; the first is the harness's own. */
    private readonly engines: readonly LabEngine[] = [{ name: "host", endpoint: "", docker, control }],
  ) {
    this.placement = placedEngines(engines, spec.nodes);
  }

  /** rlab-<the run id's random suffix>-node01: short enough to type into `docker exec`. */
  static containerName(runId: string, container: string): string {
    return `${DockerLab.prefix(runId)}-${container}`;
  }

  static prefix(runId: string): string {
    return `rlab-${runId.split("-").pop()}`;
  }

  /** Creates the network and every container (not started), each with its receptor config. */
  static async create(docker: Docker, spec: LabSpec, control: ControlEndpoint, engines: readonly LabEngine[] = []): Promise<DockerLab> {
    const lab = new DockerLab(docker, spec, DockerLab.prefix(spec.runId), control, engines.length > 1 ? engines : undefined);
    try {
      await docker.createNetwork({
        Name: lab.networkName,
        // over several engines: a swarm overlay that standalone containers may join (not swarm services: nothing restarts what a fault stopped)
        ...(engines.length > 1 ? { Driver: "overlay", Attachable: true } : { Driver: "bridge" }),
        CheckDuplicate: true,
        Labels: { [labels.run]: spec.runId, [labels.topology]: spec.topology, ...(spec.model ? { [labels.topologyModel]: JSON.stringify(spec.model) } : {}), ...enginesLabel(engines) },
        // Lab traffic stays on this network: no NAT to the outside world.
        Options: { "com.docker.network.bridge.enable_ip_masquerade": "false" },
      });
      await eachLimited(spec.nodes, engineCallsAtOnce, (node) => lab.createContainer(node));
      return lab;
    } catch (error) {
      await lab.destroy();
      throw new EnvironmentError(`could not create lab ${spec.runId}: ${(error as Error).message}`, "Run 'receptor-lab prune' and try again; check 'docker info'.", {
        cause: error,
      });
    }
  }

  /** A lab another process created: its containers as they are, control addresses of the running ones learnt. */
  static async open(docker: Docker, spec: LabSpec, control: ControlEndpoint, engines: readonly LabEngine[] = []): Promise<DockerLab> {
    const lab = new DockerLab(docker, spec, DockerLab.prefix(spec.runId), control, engines.length > 1 ? engines : undefined);
    await Promise.all(spec.nodes.map((node) => lab.refreshAddress(node.id)));
    return lab;
  }

  get runId(): string {
    return this.spec.runId;
  }

  nodeIds(): string[] {
    return this.spec.nodes.map((node) => node.id);
  }

  /** The container name of node `id` (rlab-<run>-node01). */
  containerOf(id: string): string {
    return DockerLab.containerName(this.spec.runId, this.node(id).container);
  }

  /** Nodes of ready images (`--image`) run receptor as their command, so they cannot be held: left to `startNodes`. */
  async prestart(ids: string[]): Promise<void> {
    const holdable = ids.filter((id) => !readyImageLaunch(this.imageOf(this.node(id))));
    await eachLimited(holdable, engineCallsAtOnce, async (id) => {
      await this.container(id).start().catch(ignoreStatus(304));
      await this.refreshAddress(id);
      this.held.add(id);
    });
  }

  /** Starts (or releases) the given nodes together and learns their control ports. */
  async startNodes(ids: string[]): Promise<void> {
    await eachLimited(ids, engineCallsAtOnce, (id) => this.start(id));
  }

  /** Where the harness reaches node `id`'s control service (a published port on the engine's host). */
  controlAddress(id: string): HostAddress {
    const address = this.addresses.get(id);
    if (!address) throw new LabFailure(`node ${id} has not been started, so it has no control address`);
    return address;
  }

  async start(id: string): Promise<void> {
    if (this.held.delete(id)) {
      await this.container(id).putArchive(await filesTar({ [releaseFile]: "" }), { path: "/" });
      return;
    }
    await this.container(id).start().catch(ignoreStatus(304));
    await this.refreshAddress(id);
  }

  /** `docker stop`: SIGTERM, the filesystem survives for a later start. */
  async stop(id: string, timeoutSeconds = 10): Promise<void> {
    await this.container(id).stop({ t: timeoutSeconds }).catch(ignoreStatus(304));
  }

  async restart(id: string): Promise<void> {
    await this.container(id).restart({ t: 10 });
    await this.refreshAddress(id);
  }

  async kill(id: string, signal = "SIGKILL"): Promise<void> {
    await this.container(id).kill({ signal });
  }

  async pause(id: string): Promise<void> {
    await this.container(id).pause();
  }

  async unpause(id: string): Promise<void> {
    await this.container(id).unpause();
  }

  async disconnect(id: string): Promise<void> {
    await this.engineOf(id).docker.getNetwork(this.networkName).disconnect({ Container: this.containerOf(id), Force: true });
  }

  /** Reconnects with every alias (Docker restores only the hostname otherwise). */
  async connect(id: string): Promise<void> {
    const node = this.node(id);
    await this.engineOf(id)
      .docker.getNetwork(this.networkName)
      .connect({ Container: this.containerOf(id), EndpointConfig: { Aliases: [node.container, node.hostname] } });
  }

  async state(id: string): Promise<NodeState> {
    const info = await this.container(id).inspect();
    return { running: info.State.Running, paused: info.State.Paused };
  }

  /** The node's address on the lab network (it can change when the container restarts). */
  async address(id: string): Promise<string> {
    const info = await this.container(id).inspect();
    const address = info.NetworkSettings.Networks[this.networkName]?.IPAddress;
    if (!address) throw new LabFailure(`node ${id} has no address on ${this.networkName} (is it running and connected?)`);
    return address;
  }

  exec(id: string, command: string[]): Promise<ExecResult> {
    return execIn(this.container(id), command);
  }

  /** A tar stream of `path` inside node `id`'s container (works on stopped containers too). */
  async archive(id: string, path: string): Promise<NodeJS.ReadableStream> {
    return this.container(id).getArchive({ path });
  }

  async logs(id: string, tail?: number): Promise<string> {
    return readContainerLogs(this.engineOf(id).docker, this.containerOf(id), { tail });
  }

  async logsSince(id: string, since: Date): Promise<string> {
    return readContainerLogs(this.engineOf(id).docker, this.containerOf(id), { since });
  }

  receptorVersionOf(id: string): string {
    const node = this.node(id);
    return this.replaced.get(id)?.receptorVersion ?? node.receptorVersion ?? this.spec.receptorVersion;
  }

  /** A new container of the same name and network aliases on `image`, with the old one's data directory put back. */
  async replaceImage(id: string, image: { tag: string; receptorVersion: string }): Promise<void> {
    await this.stop(id);
    const data = await this.dataDirectory(id);
    await this.container(id).remove({ force: true, v: true });
    this.addresses.delete(id);
    this.replaced.set(id, image);
    // released from the start: nothing else is starting
    await this.createContainer(this.node(id), { [releaseFile]: "" });
    if (data) await this.container(id).putArchive(data, { path: dirname(DATA_DIR) });
    await this.start(id);
  }

  private destroying: Promise<string[]> | undefined;

  /**
   * Removes every container and the network of this run; errors are collected, not thrown. Calls
   * while a removal runs (Ctrl-C's cleanup and a failing bring-up's) share it.
   */
  destroy(): Promise<string[]> {
    this.destroying ??= removeRunEverywhere(this.docker, this.engines, this.spec.runId).finally(() => (this.destroying = undefined));
    return this.destroying;
  }

  /** The engine node `id` runs on (the lab's only one, unless it is spread over several). */
  private engineOf(id: string): LabEngine {
    return this.placement.get(this.node(id).id)!;
  }

  private imageOf(node: LabNodeSpec): string {
    return this.replaced.get(node.id)?.tag ?? node.image ?? this.spec.image;
  }

  /** The node's data directory as a tar archive (undefined when Receptor never made it). */
  private async dataDirectory(id: string): Promise<Buffer | undefined> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of (await this.archive(id, DATA_DIR)) as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  private async createContainer(node: LabNodeSpec, extraFiles: Record<string, string> = {}): Promise<void> {
    const launch = readyImageLaunch(this.imageOf(node));
    const engine = this.engineOf(node.id);
    const container = await engine.docker.createContainer({
      name: DockerLab.containerName(this.spec.runId, node.container),
      Image: this.imageOf(node),
      ...(launch ? { Entrypoint: launch.entrypoint, Cmd: launch.cmd, User: launch.user } : { Cmd: heldCommand }),
      Hostname: node.hostname,
      Env: [...(launch?.env ?? []), ...Object.entries({ ...this.spec.env, ...node.env }).map(([key, value]) => `${key}=${value}`)],
      Labels: {
        [labels.run]: this.spec.runId,
        [labels.topology]: this.spec.topology,
        [labels.node]: node.id,
        [labels.container]: node.container,
        [labels.receptorVersion]: this.receptorVersionOf(node.id),
        [labels.engine]: engine.name,
      },
      ExposedPorts: { [controlPortKey]: {} },
      HostConfig: {
        NetworkMode: this.networkName,
        PortBindings: { [controlPortKey]: [{ HostIp: engine.control.bind, HostPort: "" }] },
        CapAdd: ["NET_ADMIN"],
        ...(launch ? { Init: true } : {}),
      },
      NetworkingConfig: { EndpointsConfig: { [this.networkName]: { Aliases: [node.container, node.hostname] } } },
    });
    await container.putArchive(await filesTar({ ...launch?.files, [CONFIG_PATH]: node.config, ...node.files, ...extraFiles }), { path: "/" });
  }

  private async refreshAddress(id: string): Promise<void> {
    const info = await this.container(id).inspect();
    // a node that exited at once (Receptor refused its config) has no port: nothing to learn
    if (!info.State.Running) return;
    const binding = info.NetworkSettings.Ports?.[controlPortKey]?.[0];
    if (!binding) throw new LabFailure(`node ${id} (${this.containerOf(id)}) started without a published control port`, `Look at 'docker logs ${this.containerOf(id)}'.`);
    this.addresses.set(id, { host: this.engineOf(id).control.reach, port: Number(binding.HostPort) });
  }

  private node(id: string): LabNodeSpec {
    const node = this.spec.nodes.find((candidate) => candidate.id === id);
    if (!node) throw new LabFailure(`lab ${this.spec.runId} has no node '${id}'`, `Its nodes are: ${this.nodeIds().join(", ")}.`);
    return node;
  }

  private container(id: string): Docker.Container {
    return this.engineOf(id).docker.getContainer(this.containerOf(id));
  }
}

function ignoreStatus(status: number) {
  return (error: { statusCode?: number }) => {
    if (error.statusCode !== status) throw error;
  };
}
