import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Link } from "../topology/model.js";
import type { YamlPath } from "../topology/yaml-document.js";
import type { PayloadSource, StepBody } from "./scenario-model.js";
import type { ScenarioReferences } from "./scenario-references.js";

/**
 * The steps that name work and peers: `submit` (work types offered, signing keys, TLS, outside
 * nodes, payload files) and `reconfigure` (the links a live reload adds). `data` is the step as
 * written, already checked against its schema; references are checked here.
 */
export function submitStep(data: any, path: YamlPath, refs: ScenarioReferences, baseDir: string): StepBody | undefined {
  if (!refs.node(data.on, [...path, "on"])) return undefined;
  if (data.outside ? refs.nodeIds.includes(data.node) : !refs.node(data.node, [...path, "node"])) {
    if (data.outside) refs.report([...path, "node"], `'${data.node}' is in the topology; drop 'outside: true'`);
    return undefined;
  }
  if (refs.aliases.has(data.as)) {
    refs.report([...path, "as"], `unit alias '${data.as}' is already used by an earlier submit`);
    return undefined;
  }
  const submitter = refs.topology.nodes.find((node) => node.id === data.on)!;
  if (data.signwork && !submitter.workSigning) {
    refs.report([...path, "signwork"], `'${data.on}' has no signing key: give it 'workSigning: lab' in the topology`);
    return undefined;
  }
  if (data["tls-client"] && !submitter.certificate) {
    refs.report([...path, "tls-client"], `'${data.on}' has no certificate: the topology uses no TLS (give a listener 'tls: true')`);
    return undefined;
  }
  const target = refs.topology.nodes.find((node) => node.id === data.node);
  if (target && !target.workTypes.some((work) => work.name === data.worktype)) {
    const offered = target.workTypes.map((work) => work.name);
    refs.report([...path, "worktype"], `'${data.node}' offers no work type '${data.worktype}'; it offers: ${offered.join(", ") || "(none)"}`);
    return undefined;
  }
  if (target && data.node !== data.on && !target.controlService) {
    refs.report([...path, "node"], `'${data.node}' has no mesh control service (controlService: true), so '${data.on}' cannot submit work to it`);
    return undefined;
  }
  let payload: PayloadSource = { kind: "none" };
  if (typeof data.payload === "object" && "literal" in data.payload) payload = { kind: "literal", text: data.payload.literal };
  if (typeof data.payload === "object" && "file" in data.payload) {
    const file = resolve(baseDir, data.payload.file);
    if (!existsSync(file)) {
      refs.report([...path, "payload", "file"], `payload file '${data.payload.file}' does not exist (looked at ${file})`);
      return undefined;
    }
    payload = { kind: "file", path: file };
  }
  refs.aliases.set(data.as, { node: data.on, executor: data.node });
  return {
    kind: "submit",
    alias: data.as,
    on: data.on,
    node: data.node,
    workType: data.worktype,
    payload,
    ...(data.params !== undefined ? { params: data.params } : {}),
    ...(data.fails !== undefined ? { fails: data.fails } : {}),
    ...(data.signwork ? { signWork: true } : {}),
    ...(data["tls-client"] ? { tlsClient: true } : {}),
    ...(data.ttl !== undefined ? { ttl: data.ttl } : {}),
  };
}

export function reconfigureStep(data: any, path: YamlPath, refs: ScenarioReferences): StepBody | undefined {
  if (!refs.node(data.node, [...path, "node"])) return undefined;
  const links: Link[] = [];
  (data.dial ?? []).forEach((to: string, index: number) => {
    const where = [...path, "dial", index];
    if (!refs.node(to, where)) return;
    const listeners = refs.topology.nodes.find((node) => node.id === to)!.listeners;
    if (to === data.node || listeners.length !== 1 || refs.linked(data.node, to) || refs.reconfigured.some((link) => link.dialer === data.node && link.listener === to)) {
      const why = to === data.node ? "cannot dial itself" : listeners.length !== 1 ? `needs '${to}' to have exactly one listener (it has ${listeners.length})` : `already has a link with '${to}'`;
      refs.report(where, `reconfigure: '${data.node}' ${why}`);
      return;
    }
    const listener = listeners[0]!;
    const cost = listener.nodeCost[data.node] ?? listener.cost;
    links.push({ dialer: data.node, listener: to, port: listener.port, cost, backend: listener.backend ?? "tcp", tls: listener.tls ?? false });
  });
  const removed: Link[] = [];
  (data.undial ?? []).forEach((to: string, index: number) => {
    const where = [...path, "undial", index];
    if (!refs.node(to, where)) return;
    const link = [...refs.topology.links, ...refs.reconfigured].find((candidate) => candidate.dialer === data.node && candidate.listener === to);
    if (!link) refs.report(where, `reconfigure: '${data.node}' does not dial '${to}' (in the topology or after an earlier reconfigure)`);
    else removed.push(link);
  });
  refs.reconfigured.push(...links);
  return { kind: "reconfigure", node: data.node, links, removed, ...(data.add ? { add: data.add } : {}), reply: data.reply };
}
