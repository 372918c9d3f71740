import type { SourceLocation } from "../errors.js";
/** The validated, typed form of a topology file. Everything downstream trusts these types. */

export type NodeId = string;

export interface WorkType {
  name: string;
  command: string;
  params?: string;
  allowRuntimeParams: boolean;
  /** Only signed work (`--signwork`) is accepted; the node needs `workVerification`. */
  verifySignature?: boolean;
}

/** How a link is carried: Receptor's tcp, udp or websocket backends (routing treats them alike). */
export type Backend = "tcp" | "udp" | "ws";

export interface Listener {
  port: number;
  cost: number;
  /** Per-dialer cost overrides (Receptor's `nodecost`). */
  nodeCost: Record<NodeId, number>;
  backend?: Backend;
  /** Mutual TLS: a tls-server that requires a client certificate from the lab CA. */
  tls?: boolean;
  /** Only these nodes may connect (Receptor's `allowedpeers`); absent: anyone. */
  allowedPeers?: NodeId[];
}

export interface Dial {
  to: NodeId;
  port: number;
  cost: number;
  backend?: Backend;
  tls?: boolean;
}

export type FirewallAction = "accept" | "reject" | "drop";

/** One of Receptor's firewall rules; each value is literal or a `/regex/`. */
export interface FirewallRule {
  action: FirewallAction;
  fromNode?: string;
  toNode?: string;
  fromService?: string;
  toService?: string;
}

/** The certificate a node gets when the lab uses TLS, and deliberately broken variants of it. */
export interface CertificateSpec {
  /** Signed by the lab CA (default) or by another CA nobody trusts. */
  ca: "lab" | "other";
  /** The node id written into the certificate, when it is not the node's own. */
  nodeId?: NodeId;
  /** The certificate expires this long after the lab starts. */
  expiresAfterMs?: number;
}

export interface TopologyNode {
  id: NodeId;
  /** Short container name as in the demos (node01, c01, …); the runtime prefixes it per lab. */
  container: string;
  hostname: string;
  /** Whether the node advertises its control service on the mesh, as the demo node does. */
  controlService: boolean;
  /** Its control service on the mesh speaks TLS (service type StreamTLS). */
  controlServiceTls?: boolean;
  listeners: Listener[];
  dials: Dial[];
  workTypes: WorkType[];
  firewallRules?: FirewallRule[];
  /** Receptor's `maxidleconnectiontimeout`, a Go duration (e.g. "60s"). */
  maxIdleConnectionTimeout?: string;
  /** Signs work it submits with the lab's key pair or another one. */
  workSigning?: "lab" | "other";
  /** Verifies signed work with the lab's public key. */
  workVerification?: boolean;
  /** Present when the lab uses TLS: every node then gets a certificate. */
  certificate?: CertificateSpec;
  /** Why Receptor is known to exit at startup with this node's config (it is then never up). */
  exitsAtStartup?: string;
  /** The node's environment: the topology's `env`, then its own (Go runtime knobs: GOGC, GOMEMLIMIT, GOMAXPROCS). */
  env?: Record<string, string>;
  /** The node runs its own Receptor, not the lab's. */
  build?: NodeBuild;
  /** Where a lab spread over several engines runs it; ignored on one engine. */
  placement?: NodePlacement;
}

/**
 * `engine` pins the node to the engine of that name; nodes of one `group` share an engine (groups
 * go round-robin over the engines). `at` is the node's entry, for errors found once the engines are known.
 */
export interface NodePlacement {
  engine?: string;
  group?: string;
  at: SourceLocation;
}

/**
 * A node's own Receptor: a release, commit or source tree (as `--receptor` takes), or a ready
 * image; `at` is where the topology says so, for the errors found when it is resolved.
 */
export interface NodeBuild {
  receptor?: string;
  image?: string;
  at: SourceLocation;
}

export type LogLevel = "error" | "warning" | "info" | "debug";

/** One TCP connection of the mesh: `dialer` runs a tcp-peer to `listener`'s tcp-listener. */
export interface Link {
  dialer: NodeId;
  listener: NodeId;
  port: number;
  cost: number;
  backend?: Backend;
  tls?: boolean;
  /** Why Receptor refuses this link (allowed peers, a certificate it does not trust); it is then no path. */
  rejected?: string;
}

export interface Topology {
  name: string;
  description: string;
  /** The file it was loaded from. */
  source: string;
  domain: string;
  /** Receptor's log level on every node (default: debug as the demos use, info above 50 nodes). */
  logLevel?: LogLevel;
  nodes: TopologyNode[];
  links: Link[];
}

/** The undirected key of a link, the same whichever end is named first. */
export function linkKey(a: NodeId, b: NodeId): string {
  return a < b ? `${a}<->${b}` : `${b}<->${a}`;
}

export function findNode(topology: Topology, id: NodeId): TopologyNode | undefined {
  return topology.nodes.find((node) => node.id === id);
}
