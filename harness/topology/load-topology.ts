import { readFile } from "node:fs/promises";
import { InputError, type InputProblem, type SourceLocation } from "../errors.js";
import { linkKey, type Dial, type Link, type Listener, type Topology, type TopologyNode, type WorkType } from "./model.js";
import { checkSignedWork, linkRejection, nodeSecurity } from "./security.js";
import { topologySchema, type TopologyFile } from "./topology-schema.js";
import { YamlDocument, type YamlPath } from "./yaml-document.js";
import { zodProblems } from "./zod-problems.js";

/** The TCP port of every node's harness control service inside its container. */
export const CONTROL_PORT = 7399;

export async function loadTopologyFile(file: string): Promise<Topology> {
  return parseTopology(file, await readFile(file, "utf8"));
}

/** Parses and validates a topology once; every problem found is reported together. */
export function parseTopology(file: string, text: string): Topology {
  const document = YamlDocument.parse(file, text);
  return topologyFromDocument(document, document.toJS(), []);
}

/**
 * Validates the topology found at `basePath` of an already parsed document (a scenario file can
 * embed one), so that errors point into that document.
 */
export function topologyFromDocument(document: YamlDocument, raw: unknown, basePath: YamlPath): Topology {
  const parsed = topologySchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(zodProblems(document, parsed.error, basePath), topologyHint);
  }
  const problems: InputProblem[] = [];
  const at = (path: YamlPath, message: string) => problems.push(document.problem([...basePath, ...path], message));
  const topology = build(document.file, parsed.data, at, (path) => document.locate([...basePath, ...path]));
  if (problems.length > 0) throw new InputError(problems, topologyHint);
  return topology;
}

const topologyHint = "See 'Adding a topology' in README.md for the file format.";

type Report = (path: YamlPath, message: string) => void;
type Locate = (path: YamlPath) => SourceLocation;

/** Above this many nodes a lab logs at info unless its topology says otherwise: debug logs of a large mesh cost CPU and disk. */
export const largeLab = 50;

function build(file: string, data: TopologyFile, report: Report, locate: Locate): Topology {
  const firstIndex = new Map<string, number>();
  const containers = new Map<string, number>();
  data.nodes.forEach((node, index) => {
    const seen = firstIndex.get(node.id);
    if (seen !== undefined) report(["nodes", index, "id"], `duplicate node id '${node.id}' (already used by nodes[${seen}])`);
    else firstIndex.set(node.id, index);
    const seenContainer = containers.get(node.container);
    if (seenContainer !== undefined)
      report(["nodes", index, "container"], `duplicate container name '${node.container}' (already used by nodes[${seenContainer}])`);
    else containers.set(node.container, index);
  });
  const known = [...firstIndex.keys()];
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const usesTls = data.nodes.some((node) => node.listen.some((listener) => listener.tls));

  const nodes: TopologyNode[] = data.nodes.map((node, index) => {
    const listeners = checkListeners(node, index, known, report);
    const workTypes = checkWork(node, index, data, report);
    checkSignedWork(node, index, data, report);
    return {
      id: node.id,
      container: node.container,
      hostname: node.hostname ?? `${node.container}.${data.domain}`,
      controlService: false,
      listeners,
      dials: [],
      workTypes,
      ...(Object.keys(data.env).length + Object.keys(node.env).length > 0 ? { env: { ...data.env, ...node.env } } : {}),
      ...(node.receptor ? { build: { receptor: node.receptor, at: locate(["nodes", index, "receptor"]) } } : {}),
      ...(node.image ? { build: { image: node.image, at: locate(["nodes", index, "image"]) } } : {}),
      ...nodeSecurity(node, index, usesTls, report),
      ...(node.engine || node.group ? { placement: { ...(node.engine ? { engine: node.engine } : {}), ...(node.group ? { group: node.group } : {}), at: locate(["nodes", index, node.engine ? "engine" : "group"]) } } : {}),
    };
  });
  const nodeById = new Map(nodes.map((node) => [node.id, node]));

  const links: Link[] = [];
  const mutual = new Set<string>();
  data.nodes.forEach((node, index) => {
    const dials = nodes[index]!.dials;
    node.dial.forEach((dial, dialIndex) => {
      const path = ["nodes", index, "dial", dialIndex];
      const resolved = resolveDial(node.id, dial, byId, known, (suffix, message) => report([...path, ...suffix], message));
      if (!resolved) return;
      if (dials.some((other) => other.to === resolved.to)) {
        report([...path, "to"], `'${node.id}' already dials '${resolved.to}'; Receptor keeps one connection per pair of nodes`);
        return;
      }
      const reverse = byId.get(resolved.to)?.dial.some((other) => other.to === node.id);
      if (reverse) {
        if (mutual.has(linkKey(node.id, resolved.to))) return;
        mutual.add(linkKey(node.id, resolved.to));
        report([...path, "to"], `'${node.id}' and '${resolved.to}' dial each other; Receptor rejects the duplicate connection — keep one dial`);
        return;
      }
      dials.push(resolved);
      const link: Link = { dialer: node.id, listener: resolved.to, port: resolved.port, cost: resolved.cost, backend: resolved.backend ?? "tcp", tls: resolved.tls ?? false };
      const listener = byId.get(resolved.to)!.listen.find((candidate) => candidate.port === resolved.port)!;
      const rejected = linkRejection(link, nodeById.get(resolved.to)!, nodeById.get(node.id)!, listener.allowedPeers);
      links.push(rejected ? { ...link, rejected } : link);
    });
  });

  const logLevel = data.logLevel ?? (nodes.length > largeLab ? "info" : "debug");
  return { name: data.name, description: data.description, source: file, domain: data.domain, logLevel, nodes, links };
}

function checkListeners(node: TopologyFile["nodes"][number], index: number, known: string[], report: Report): Listener[] {
  const ports = new Set<number>();
  node.listen.forEach((listener, listenerIndex) => {
    const path = ["nodes", index, "listen", listenerIndex];
    if (listener.port === CONTROL_PORT)
      report([...path, "port"], `port ${CONTROL_PORT} is the harness's control port; pick another listener port`);
    if (ports.has(listener.port)) report([...path, "port"], `'${node.id}' already listens on port ${listener.port}`);
    ports.add(listener.port);
    for (const peer of Object.keys(listener.nodeCost)) {
      if (!known.includes(peer)) report([...path, "nodeCost", peer], `nodeCost names unknown node '${peer}'`);
    }
    listener.allowedPeers?.forEach((peer, peerIndex) => {
      if (!known.includes(peer)) report([...path, "allowedPeers", peerIndex], `allowedPeers names unknown node '${peer}'; known nodes: ${known.join(", ")}`);
    });
    if (listener.tls && listener.backend === "udp") report([...path, "tls"], "Receptor's udp backend has no TLS; use backend tcp or ws for a TLS link");
  });
  return node.listen.map((listener) => ({
    port: listener.port,
    cost: listener.cost,
    nodeCost: listener.nodeCost,
    backend: listener.backend,
    tls: listener.tls,
    ...(listener.allowedPeers ? { allowedPeers: listener.allowedPeers } : {}),
  }));
}

function checkWork(node: TopologyFile["nodes"][number], index: number, data: TopologyFile, report: Report): WorkType[] {
  const workTypes: WorkType[] = [];
  node.work.forEach((name, workIndex) => {
    const definition = data.workTypes[name];
    if (!definition) {
      const defined = Object.keys(data.workTypes);
      report(
        ["nodes", index, "work", workIndex],
        `unknown work type '${name}'; defined under workTypes: ${defined.length ? defined.join(", ") : "(none)"}`,
      );
      return;
    }
    workTypes.push({ name, ...definition });
  });
  return workTypes;
}

function resolveDial(
  self: string,
  dial: TopologyFile["nodes"][number]["dial"][number],
  byId: Map<string, TopologyFile["nodes"][number]>,
  known: string[],
  report: (path: YamlPath, message: string) => void,
): Dial | undefined {
  const target = byId.get(dial.to);
  if (!target) {
    report(["to"], `dial to unknown node '${dial.to}'; known nodes: ${known.join(", ")}`);
    return undefined;
  }
  if (dial.to === self) {
    report(["to"], `'${self}' cannot dial itself`);
    return undefined;
  }
  if (target.listen.length === 0) {
    report(["to"], `'${dial.to}' has no listener to dial; give it 'listen: [{ port: 7323 }]'`);
    return undefined;
  }
  let listener = target.listen[0]!;
  if (dial.port !== undefined) {
    const match = target.listen.find((candidate) => candidate.port === dial.port);
    if (!match) {
      report(["port"], `'${dial.to}' does not listen on port ${dial.port} (it listens on ${ports(target)})`);
      return undefined;
    }
    listener = match;
  } else if (target.listen.length > 1) {
    report(["to"], `'${dial.to}' listens on ${ports(target)}: say which with 'port:'`);
    return undefined;
  }
  const listenerCost = listener.nodeCost[self] ?? listener.cost;
  if (dial.cost === undefined && listenerCost !== 1) {
    report(["to"], `missing cost: '${dial.to}' accepts '${self}' at cost ${listenerCost}, so this dial must say 'cost: ${listenerCost}' (Receptor drops a link whose two ends disagree on its cost)`);
    return undefined;
  }
  const cost = dial.cost ?? 1;
  if (cost !== listenerCost) {
    report(["cost"], `cost ${cost} disagrees with '${dial.to}', which accepts '${self}' at cost ${listenerCost}; Receptor would drop this link forever — make them equal`);
    return undefined;
  }
  if (dial.tls === true && !listener.tls) {
    report(["tls"], `a TLS link to '${dial.to}', which has no tls-server on port ${listener.port}: give that listener 'tls: true', or drop 'tls' here`);
    return undefined;
  }
  if (dial.tls === false && listener.tls) {
    report(["tls"], `'${dial.to}' accepts only TLS on port ${listener.port} (its listener has 'tls: true'); drop 'tls: false' here`);
    return undefined;
  }
  return { to: dial.to, port: listener.port, cost, backend: listener.backend, tls: listener.tls };
}

function ports(node: TopologyFile["nodes"][number]): string {
  return node.listen.map((listener) => listener.port).join(" and ");
}
