import { randomBytes } from "node:crypto";
import { AbstractStartedContainer, GenericContainer, getContainerRuntimeClient, type StartedTestContainer, type WaitStrategy } from "testcontainers";
import type { ControlAddress } from "../mesh/control-connection.js";
import { ControlSocketClient, defaultTimeouts, type ControlTimeouts } from "../mesh/control-socket-client.js";
import { CONTROL_PORT } from "../topology/load-topology.js";
import type { Listener, WorkType } from "../topology/model.js";
import { CONFIG_PATH, CONTROL_SOCKET, nodeConfigYaml, type PeerAddress } from "../topology/receptor-config.js";
import { ControlServiceWaitStrategy, exitReport } from "./control-service-wait-strategy.js";
import { controlEndpointFor } from "./engine-host.js";
import { labels } from "./labels.js";
import * as check from "./receptor-container-input.js";

/** Where the node image's command (`receptor -c …` under tini) reads its config. */
export const RECEPTOR_CONFIG_PATH = CONFIG_PATH;
export const DEFAULT_LISTENER_PORT = 7323;
/** Marks containers of this module; deliberately not `receptor-lab.run`, which means a whole lab. */
export const CONTAINER_MODULE_LABEL = "receptor-lab.container-module";

export interface ListenerOptions {
  /** The connection cost Receptor's routing uses (default 1); the dialler must agree. */
  cost?: number;
  /** Per-dialler cost overrides: node id → cost (Receptor's `nodecost`). */
  nodeCost?: Record<string, number>;
}

export interface PeerOptions {
  /** Must equal the listener's cost for this node, or Receptor rejects the connection. */
  cost?: number;
}

/** What `receptorctl` printed and how it exited. */
export interface ReceptorctlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface WorkCommandOptions {
  /** Arguments, split like a shell by Receptor (e.g. `-c 'cat'`). */
  params?: string;
  /** Let a submit append its own params. */
  allowRuntimeParams?: boolean;
}

/**
 * One real Receptor node in a container (the receptor-lab node image or any image whose command
 * runs `receptor -c /etc/receptor/receptor.conf`). The control service always listens on the
 * socket /tmp/receptor.sock, on TCP 7399 (published so the host can reach it) and, as Receptor's
 * default, on the mesh as service `control` — which carries the node's work types to the others
 * and lets them submit work to it.
 * Builder input is checked where it enters; `start()` writes the config and waits for the
 * control service to greet as this node.
 */
export class ReceptorContainer extends GenericContainer {
  private nodeId = `node-${randomBytes(4).toString("hex")}`;
  private readonly listeners: Listener[] = [];
  private readonly peers: PeerAddress[] = [];
  private readonly workTypes: WorkType[] = [];
  private logLevel: check.LogLevel = "debug";
  private customWaitStrategy = false;
  private createdId: string | undefined;

  constructor(image: string) {
    super(image);
    this.withExposedPorts(CONTROL_PORT).withLabels({ [CONTAINER_MODULE_LABEL]: "true" });
  }

  /** The node's Receptor id (default: `node-` and 8 random hex digits). */
  withNodeId(id: string): this {
    this.nodeId = check.checkNodeId(id);
    return this;
  }

  /** A tcp-listener other nodes can dial on this container's network addresses. */
  withListener(port = DEFAULT_LISTENER_PORT, options: ListenerOptions = {}): this {
    const checked = check.checkListenerPort(port);
    if (this.listeners.some((listener) => listener.port === checked)) {
      throw new TypeError(`Expected each listener on its own port, got \`port\` ${checked} twice`);
    }
    const cost = check.checkCost(options.cost ?? 1);
    const nodeCost = check.checkNodeCost(options.nodeCost ?? {});
    this.listeners.push({ port: checked, cost, nodeCost });
    return this;
  }

  /** A tcp-peer that dials `host:port` (a network alias and a listener port) and keeps redialling. */
  withPeer(address: string, options: PeerOptions = {}): this {
    const checked = check.checkPeerAddress(address);
    if (this.peers.some((peer) => peer.address === checked)) {
      throw new TypeError(`Expected each peer address once, got \`address\` ${JSON.stringify(checked)} twice (Receptor keeps one connection per pair of nodes)`);
    }
    this.peers.push(options.cost === undefined ? { address: checked } : { address: checked, cost: check.checkCost(options.cost) });
    return this;
  }

  /** A work type this node runs: `command` with `params`, the unit's payload on its stdin. */
  withWorkCommand(workType: string, command: string, options: WorkCommandOptions = {}): this {
    const name = check.checkWorkType(workType);
    if (this.workTypes.some((work) => work.name === name)) {
      throw new TypeError(`Expected each work type once, got \`workType\` ${JSON.stringify(name)} twice`);
    }
    const params = check.checkParams(options.params);
    const work: WorkType = { name, command: check.checkCommand(command), allowRuntimeParams: check.checkBoolean(options.allowRuntimeParams, "allowRuntimeParams") };
    if (params !== undefined) work.params = params;
    this.workTypes.push(work);
    return this;
  }

  /** Receptor's log level (default `debug`, as in receptor-lab's labs). */
  withLogLevel(level: check.LogLevel): this {
    this.logLevel = check.checkLogLevel(level);
    return this;
  }

  override withWaitStrategy(waitStrategy: WaitStrategy): this {
    this.customWaitStrategy = true;
    return super.withWaitStrategy(waitStrategy);
  }

  /** The config file `start()` writes to /etc/receptor/receptor.conf. */
  receptorConfig(): string {
    return nodeConfigYaml(
      { id: this.nodeId, listeners: this.listeners, peers: this.peers, advertiseControl: true, workTypes: this.workTypes },
      this.logLevel,
    );
  }

  override async start(): Promise<StartedReceptorContainer> {
    const config = { content: this.receptorConfig(), target: RECEPTOR_CONFIG_PATH };
    // Replace rather than append, so that starting the same builder twice writes one config.
    this.contentsToCopy = [...this.contentsToCopy.filter((copy) => copy.target !== RECEPTOR_CONFIG_PATH), config];
    this.withLabels({ [labels.node]: this.nodeId });
    // testcontainers publishes on every interface; a local engine keeps the control port on loopback
    const bind = controlEndpointFor(process.env).bind;
    this.hostConfig.PortBindings = { ...this.hostConfig.PortBindings, [`${CONTROL_PORT}/tcp`]: [{ HostIp: bind, HostPort: "0" }] };
    if (!this.customWaitStrategy) super.withWaitStrategy(new ControlServiceWaitStrategy(this.nodeId));
    try {
      return new StartedReceptorContainer(await super.start(), this.nodeId);
    } catch (error) {
      throw (await this.removeIfExited()) ?? error;
    }
  }

  protected override async containerCreated(containerId: string): Promise<void> {
    this.createdId = containerId;
  }

  /**
   * A node that exits at once can fail testcontainers' wait for its published port, which
   * leaves the container behind and says nothing of why: say why, and remove it.
   */
  private async removeIfExited(): Promise<Error | undefined> {
    if (!this.createdId) return undefined;
    const container = (await getContainerRuntimeClient()).container.dockerode.getContainer(this.createdId);
    const report = await exitReport(container, this.nodeId).catch(() => undefined);
    if (!report) return undefined;
    await container.remove({ force: true, v: true }).catch(() => {});
    return new Error(report);
  }
}

export class StartedReceptorContainer extends AbstractStartedContainer {
  constructor(
    startedTestContainer: StartedTestContainer,
    readonly nodeId: string,
  ) {
    super(startedTestContainer);
  }

  /** Where the host reaches the control service: testcontainers' host and the published port. */
  controlAddress(): ControlAddress {
    return { host: this.getHost(), port: this.getMappedPort(CONTROL_PORT) };
  }

  /** A control-service client for this node (the address is re-read, so it survives a restart). */
  client(timeouts: ControlTimeouts = defaultTimeouts): ControlSocketClient {
    return new ControlSocketClient(this.nodeId, () => this.controlAddress(), timeouts);
  }

  /** Runs the image's real `receptorctl --socket /tmp/receptor.sock <args…>` inside the container. */
  async receptorctl(args: string[]): Promise<ReceptorctlResult> {
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === "string")) {
      throw new TypeError(`Expected \`args\` to be an array of strings, got ${JSON.stringify(args)}`);
    }
    const { exitCode, stdout, stderr } = await this.exec(["receptorctl", "--socket", CONTROL_SOCKET, ...args]);
    return { exitCode, stdout, stderr };
  }
}
