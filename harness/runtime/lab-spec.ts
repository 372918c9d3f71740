import type { NodePlacement, Topology } from "../topology/model.js";
import { receptorConfig } from "../topology/receptor-config.js";

/** What the runtime needs to start one lab; built from a topology by the composition root. */
export interface LabNodeSpec {
  id: string;
  /** Short name as in the demos (node01); also a DNS alias on the lab network. */
  container: string;
  hostname: string;
  /** Receptor's config file contents. */
  config: string;
  /** Other files the node needs (path inside it → contents): its certificate and keys. */
  files?: Record<string, string>;
  /** The node's own environment (the topology's `env`), on top of the lab's. */
  env?: Record<string, string>;
  /** The node's own image and Receptor, when it does not run the lab's (a mixed-version lab). */
  image?: string;
  receptorVersion?: string;
  /** Where it runs when the lab is spread over several engines. */
  placement?: NodePlacement;
}

export interface LabSpec {
  runId: string;
  topology: string;
  /** The topology itself, kept with the lab so another process can reopen it (faults by hand). */
  model?: Topology;
  image: string;
  receptorVersion: string;
  nodes: LabNodeSpec[];
  /** Environment for every container (e.g. ECHO_SLEEP_SECONDS in quick mode). */
  env: Record<string, string>;
}

export interface LabOptions {
  runId: string;
  image: string;
  receptorVersion: string;
  env?: Record<string, string>;
  /** Node id → the files it needs besides its config (see nodeFiles). */
  files?: Map<string, Record<string, string>>;
  /** Node id → its own image, for the nodes that do not run the lab's. */
  nodeImages?: ReadonlyMap<string, { tag: string; receptorVersion: string }>;
}

/** The Receptor node `id` runs: its own, or the lab's. */
export function receptorVersionOf(spec: LabSpec, id: string): string {
  return spec.nodes.find((node) => node.id === id)?.receptorVersion ?? spec.receptorVersion;
}

export function labSpecFor(topology: Topology, options: LabOptions): LabSpec {
  return {
    runId: options.runId,
    topology: topology.name,
    model: topology,
    image: options.image,
    receptorVersion: options.receptorVersion,
    env: options.env ?? {},
    nodes: topology.nodes.map((node) => ({
      id: node.id,
      container: node.container,
      hostname: node.hostname,
      config: receptorConfig(topology, node),
      ...(options.files?.has(node.id) ? { files: options.files.get(node.id)! } : {}),
      ...(node.env ? { env: node.env } : {}),
      ...(node.placement ? { placement: node.placement } : {}),
      ...(options.nodeImages?.has(node.id) ? { image: options.nodeImages.get(node.id)!.tag, receptorVersion: options.nodeImages.get(node.id)!.receptorVersion } : {}),
    })),
  };
}
