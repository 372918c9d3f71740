import { parse, stringify } from "yaml";
import { CONTROL_PORT } from "./load-topology.js";
import type { Backend, FirewallRule, Link, Listener, Topology, TopologyNode, WorkType } from "./model.js";

/** Where every node's config file is (the image's command reads it; reload re-reads it). */
export const CONFIG_PATH = "/etc/receptor/receptor.conf";
/** Where every node's control socket lives inside its container (receptorctl's default there). */
export const CONTROL_SOCKET = "/tmp/receptor.sock";
/** Receptor's data directory inside the container; unit directories are `<datadir>/<node>/<unit>/`. */
export const DATA_DIR = "/tmp/receptor";

/** Where a TLS lab's material lives inside each node (written there by the runtime). */
export const materialPaths = {
  ca: "/etc/receptor/tls/ca.crt",
  cert: "/etc/receptor/tls/node.crt",
  key: "/etc/receptor/tls/node.key",
  signingKey: "/etc/receptor/keys/signing.pem",
  verificationKey: "/etc/receptor/keys/verification.pem",
} as const;

/** The names of the TLS sections every node of a TLS lab gets. */
const tlsServer = "tls-server";
const tlsClient = "tls-client";

/** One peer: where to dial (host:port) and, when given, the cost (Receptor's default is 1). */
export interface PeerAddress {
  address: string;
  cost?: number;
  backend?: Backend;
  tls?: boolean;
}

/** Everything one node's config file says, already validated by whoever built it. */
export interface NodeConfig {
  id: string;
  listeners: Listener[];
  peers: PeerAddress[];
  /** Advertise the control service on the mesh (service `control`) as well as on the socket and TCP. */
  advertiseControl: boolean;
  workTypes: WorkType[];
  /** TLS sections (tls-server, tls-client) with the node's certificate and the lab CA. */
  tls?: boolean;
  controlServiceTls?: boolean;
  firewallRules?: FirewallRule[];
  maxIdleConnectionTimeout?: string;
  workSigning?: boolean;
  workVerification?: boolean;
}

/**
 * The receptor config file (v1 format: a YAML list of one-key actions) for one node.
 *
 * Every node gets a control service with the socket and a TCP listener for the harness. Only
 * nodes whose topology says `controlService: true` advertise it on the mesh (service `control`),
 * as in the demos; the others use an empty service name, which Receptor does not advertise.
 */
export function receptorConfig(topology: Topology, node: TopologyNode, logLevel: string = topology.logLevel ?? "debug"): string {
  const peers = node.dials.map((dial) => {
    const target = topology.nodes.find((candidate) => candidate.id === dial.to)!;
    return { address: `${target.hostname}:${dial.port}`, cost: dial.cost, backend: dial.backend ?? "tcp", tls: dial.tls ?? false };
  });
  const { id, listeners, workTypes, controlService } = node;
  return nodeConfigYaml(
    {
      id,
      listeners,
      peers,
      advertiseControl: controlService,
      workTypes,
      tls: node.certificate !== undefined,
      controlServiceTls: node.controlServiceTls ?? false,
      firewallRules: node.firewallRules ?? [],
      ...(node.maxIdleConnectionTimeout ? { maxIdleConnectionTimeout: node.maxIdleConnectionTimeout } : {}),
      workSigning: node.workSigning !== undefined,
      workVerification: node.workVerification ?? false,
    },
    logLevel,
  );
}

/** The config file for one node described directly (no topology): the shared YAML writer. */
export function nodeConfigYaml(node: NodeConfig, logLevel = "debug"): string {
  const actions: unknown[] = [{ node: nodeSection(node) }, { "log-level": logLevel }];
  if (node.tls) {
    actions.push({ [tlsServer]: { name: tlsServer, cert: materialPaths.cert, key: materialPaths.key, requireclientcert: true, clientcas: materialPaths.ca } });
    actions.push({ [tlsClient]: { name: tlsClient, cert: materialPaths.cert, key: materialPaths.key, rootcas: materialPaths.ca } });
  }
  for (const listener of node.listeners) {
    const options: Record<string, unknown> = { port: String(listener.port), cost: listener.cost };
    if (Object.keys(listener.nodeCost).length > 0) options.nodecost = listener.nodeCost;
    if (listener.tls) options.tls = tlsServer;
    if (listener.allowedPeers) options.allowedpeers = listener.allowedPeers;
    actions.push({ [`${listener.backend ?? "tcp"}-listener`]: options });
  }
  for (const peer of node.peers) actions.push(peerAction(peer));
  if (node.listeners.length === 0 && node.peers.length === 0) actions.push("local-only");
  actions.push({
    "control-service": {
      service: node.advertiseControl ? "control" : "",
      filename: CONTROL_SOCKET,
      tcplisten: String(CONTROL_PORT),
      // the mesh service only: the harness's tcplisten stays plain
      ...(node.controlServiceTls ? { tls: tlsServer } : {}),
    },
  });
  // tokenexpiration is required in practice: without it Receptor 1.4–1.6 panics at startup
  if (node.workSigning) actions.push({ "work-signing": { privatekey: materialPaths.signingKey, tokenexpiration: "5m" } });
  if (node.workVerification) actions.push({ "work-verification": { publickey: materialPaths.verificationKey } });
  for (const work of node.workTypes) {
    const options: Record<string, unknown> = { worktype: work.name, command: work.command };
    if (work.params !== undefined) options.params = work.params;
    if (work.allowRuntimeParams) options.allowruntimeparams = true;
    if (work.verifySignature) options.verifysignature = true;
    actions.push({ "work-command": options });
  }
  return `---\n${stringify(actions, { lineWidth: 0 })}`;
}

/** One `<backend>-peer` action. */
function peerAction(peer: PeerAddress): Record<string, unknown> {
  const backend = peer.backend ?? "tcp";
  const options: Record<string, unknown> = { address: backend === "ws" ? `${peer.tls ? "wss" : "ws"}://${peer.address}/` : peer.address };
  if (peer.cost !== undefined) options.cost = peer.cost;
  options.redial = true;
  if (peer.tls) options.tls = tlsClient;
  return { [`${backend}-peer`]: options };
}

/** The peer actions that add `links` (all dialled by one node) to its config, as YAML list items. */
export function peerActionsYaml(topology: Topology, links: Link[]): string {
  const actions = links.map((link) => {
    const target = topology.nodes.find((node) => node.id === link.listener)!;
    return peerAction({ address: `${target.hostname}:${link.port}`, cost: link.cost, backend: link.backend ?? "tcp", tls: link.tls ?? false });
  });
  return stringify(actions, { lineWidth: 0 });
}

/** A node's config file without the peer actions that dial `links` (the rest as it was). */
export function withoutPeers(config: string, topology: Topology, links: Link[]): string {
  const addresses = links.map((link) => `${topology.nodes.find((node) => node.id === link.listener)!.hostname}:${link.port}`);
  const actions = (parse(config) as unknown[]).filter((action) => {
    if (typeof action !== "object" || action === null) return true;
    const [key, options] = Object.entries(action)[0] ?? [];
    return !(key?.endsWith("-peer") && addresses.some((address) => String((options as { address?: unknown })?.address).includes(address)));
  });
  return `---\n${stringify(actions, { lineWidth: 0 })}`;
}

function nodeSection(node: NodeConfig): Record<string, unknown> {
  const section: Record<string, unknown> = { id: node.id, datadir: DATA_DIR };
  if (node.maxIdleConnectionTimeout) section.maxidleconnectiontimeout = node.maxIdleConnectionTimeout;
  if (node.firewallRules?.length) {
    section.firewallrules = node.firewallRules.map((rule) => {
      const entry: Record<string, string> = { action: rule.action };
      if (rule.fromNode) entry.fromnode = rule.fromNode;
      if (rule.toNode) entry.tonode = rule.toNode;
      if (rule.fromService) entry.fromservice = rule.fromService;
      if (rule.toService) entry.toservice = rule.toService;
      return entry;
    });
  }
  return section;
}
