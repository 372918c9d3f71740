import { parseDuration } from "../duration.js";
import type { CertificateSpec, FirewallRule, Link, TopologyNode } from "./model.js";
import type { TopologyFile } from "./topology-schema.js";
import type { YamlPath } from "./yaml-document.js";

type Report = (path: YamlPath, message: string) => void;
type NodeFile = TopologyFile["nodes"][number];

/** Receptor refuses a `maxidleconnectiontimeout` below its own idle timeout (21 s) and exits. */
const receptorIdleTimeoutMs = 21_000;

/**
 * The security keys of one node as the model holds them, checked against the rest of the
 * topology: signed work types need work verification, firewall regexes must compile, a
 * certificate needs a lab that uses TLS. Also says when Receptor is known to exit at startup.
 */
export function nodeSecurity(node: NodeFile, index: number, usesTls: boolean, report: Report): Partial<TopologyNode> {
  const path = ["nodes", index];
  const firewallRules = node.firewallRules.map((rule, ruleIndex) => checkRule(rule, [...path, "firewallRules", ruleIndex], report));
  if (node.certificate && !usesTls) report([...path, "certificate"], "a certificate is only used when a listener has 'tls: true'; this topology has none");
  const certificate: CertificateSpec | undefined = usesTls ? certificateOf(node) : undefined;
  const exits = exitReason(node, certificate);
  return {
    controlService: node.controlService !== false,
    ...(typeof node.controlService === "object" && node.controlService.tls ? { controlServiceTls: true } : {}),
    ...(firewallRules.length ? { firewallRules } : {}),
    ...(node.maxIdleConnectionTimeout ? { maxIdleConnectionTimeout: node.maxIdleConnectionTimeout } : {}),
    ...(node.workSigning ? { workSigning: node.workSigning === true ? "lab" : node.workSigning } : {}),
    ...(node.workVerification ? { workVerification: true } : {}),
    ...(certificate ? { certificate } : {}),
    ...(exits ? { exitsAtStartup: exits } : {}),
  };
}

/** A signed work type on a node that cannot verify signatures is a mistake in the file. */
export function checkSignedWork(node: NodeFile, index: number, data: TopologyFile, report: Report): void {
  node.work.forEach((name, workIndex) => {
    if (data.workTypes[name]?.verifySignature && !node.workVerification) {
      report(["nodes", index, "work", workIndex], `work type '${name}' has verifySignature, so '${node.id}' needs 'workVerification: true' (Receptor's work-verification)`);
    }
  });
}

/** Why Receptor refuses `link` for good, or undefined when it forms. */
export function linkRejection(link: Link, listener: TopologyNode, dialer: TopologyNode, allowedPeers: string[] | undefined): string | undefined {
  if (allowedPeers && !allowedPeers.includes(dialer.id)) return `${dialer.id} is not in ${listener.id}'s allowed peers`;
  if (link.tls && dialer.certificate?.ca === "other") return `${dialer.id}'s certificate is from a CA ${listener.id} does not trust`;
  if (link.tls && listener.certificate?.ca === "other") return `${listener.id}'s certificate is from a CA ${dialer.id} does not trust`;
  return undefined;
}

function certificateOf(node: NodeFile): CertificateSpec {
  const spec = node.certificate;
  const expiresAfterMs = spec?.expiresAfter ? parseDuration(spec.expiresAfter) : undefined;
  return {
    ca: spec?.ca ?? "lab",
    ...(spec?.nodeId ? { nodeId: spec.nodeId } : {}),
    ...(expiresAfterMs !== undefined ? { expiresAfterMs } : {}),
  };
}

function exitReason(node: NodeFile, certificate: CertificateSpec | undefined): string | undefined {
  if (certificate?.nodeId && certificate.nodeId !== node.id) return `its certificate names node ${certificate.nodeId}, not ${node.id}`;
  const idle = node.maxIdleConnectionTimeout ? parseDuration(node.maxIdleConnectionTimeout) : undefined;
  if (idle !== undefined && idle < receptorIdleTimeoutMs) return `maxIdleConnectionTimeout ${node.maxIdleConnectionTimeout} is below Receptor's 21 s idle timeout`;
  return undefined;
}

function checkRule(rule: FirewallRule, path: YamlPath, report: Report): FirewallRule {
  for (const key of ["fromNode", "toNode", "fromService", "toService"] as const) {
    const value = rule[key];
    if (value === undefined || !/^\/.*\/$/.test(value)) continue;
    try {
      new RegExp(value.slice(1, -1));
    } catch (error) {
      report([...path, key], `'${value}' is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  return rule;
}
