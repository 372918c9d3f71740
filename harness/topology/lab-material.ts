import type { NodeId, Topology } from "./model.js";
import { materialPaths } from "./receptor-config.js";

export type CaName = "lab" | "other";

/** One node certificate, as Receptor's `--cert-makereq` / `--cert-signreq` make it. */
export interface CertificatePlan {
  node: NodeId;
  ca: CaName;
  /** The node id written into the certificate's Receptor name (normally the node's own). */
  nodeId: NodeId;
  /** DNS names the dialled address must match: the node's hostname and container name. */
  dnsNames: string[];
  expiresAfterMs?: number;
}

/** What a lab needs made before its nodes start: CAs, node certificates and signing key pairs. */
export interface MaterialPlan {
  cas: CaName[];
  certs: CertificatePlan[];
  signingKeys: CaName[];
}

/** Certificates and keys as made, by name. */
export interface Material {
  /** CA name → its certificate and key. */
  cas: Record<string, { cert: string; key: string }>;
  /** Node id → its certificate and key. */
  certs: Record<string, { cert: string; key: string }>;
  /** Key pair name → PEM private and public key. */
  signingKeys: Record<string, { privateKey: string; publicKey: string }>;
}

/** Pure: what `topology` needs made (nothing for a plain lab). */
export function materialPlan(topology: Topology): MaterialPlan {
  const certs: CertificatePlan[] = topology.nodes
    .filter((node) => node.certificate)
    .map((node) => ({
      node: node.id,
      ca: node.certificate!.ca,
      nodeId: node.certificate!.nodeId ?? node.id,
      dnsNames: [node.hostname, node.container],
      ...(node.certificate!.expiresAfterMs !== undefined ? { expiresAfterMs: node.certificate!.expiresAfterMs } : {}),
    }));
  const cas = certs.length === 0 ? [] : [...new Set<CaName>(["lab", ...certs.map((cert) => cert.ca)])];
  const signing = topology.nodes.flatMap((node) => (node.workSigning ? [node.workSigning] : []));
  const verifies = topology.nodes.some((node) => node.workVerification);
  const signingKeys = [...new Set<CaName>([...(verifies || signing.length ? (["lab"] as const) : []), ...signing])];
  return { cas, certs, signingKeys };
}

export function isEmpty(plan: MaterialPlan): boolean {
  return plan.cas.length === 0 && plan.signingKeys.length === 0;
}

/**
 * The shell script that makes the CAs and node certificates with Receptor's own commands, inside
 * the node image, and prints every file as `=== <name>` followed by its contents.
 * `now` fixes when expiring certificates end.
 */
export function certificateScript(plan: Pick<MaterialPlan, "cas" | "certs">, now: Date, existingCas: CaName[] = []): string {
  const lines = ["set -e", "mkdir -p /tmp/material && cd /tmp/material"];
  for (const ca of plan.cas.filter((name) => !existingCas.includes(name))) {
    lines.push(`receptor --cert-init commonname="receptor-lab ${ca} CA" bits=2048 outcert=ca-${ca}.crt outkey=ca-${ca}.key`);
  }
  for (const cert of plan.certs) {
    const names = cert.dnsNames.map((name) => `dnsname=${name}`).join(" ");
    const notAfter = cert.expiresAfterMs !== undefined ? ` notafter=${new Date(now.getTime() + cert.expiresAfterMs).toISOString().replace(/\.\d+Z$/, "Z")}` : "";
    lines.push(`receptor --cert-makereq bits=2048 commonname=${cert.node} ${names} nodeid=${cert.nodeId} outreq=${cert.node}.csr outkey=${cert.node}.key`);
    lines.push(`receptor --cert-signreq req=${cert.node}.csr cacert=ca-${cert.ca}.crt cakey=ca-${cert.ca}.key outcert=${cert.node}.crt verify=true${notAfter}`);
  }
  lines.push('for file in *.crt *.key; do echo "=== $file"; cat "$file"; done');
  return lines.join("\n");
}

/** Splits the script's output back into files: name → contents. */
export function parsePrintedFiles(stdout: string): Record<string, string> {
  const files: Record<string, string> = {};
  let current: string | undefined;
  for (const line of stdout.split("\n")) {
    const header = /^=== (\S+)$/.exec(line);
    if (header) files[(current = header[1]!)] = "";
    else if (current !== undefined) files[current] += `${line}\n`;
  }
  for (const name of Object.keys(files)) files[name] = files[name]!.replace(/\n+$/, "\n");
  return files;
}

/** Each node's files (path inside the node → contents): the lab CA, its certificate, its keys. */
export function nodeFiles(topology: Topology, material: Material): Map<NodeId, Record<string, string>> {
  const files = new Map<NodeId, Record<string, string>>();
  for (const node of topology.nodes) {
    const own: Record<string, string> = {};
    const cert = material.certs[node.id];
    if (cert) {
      own[materialPaths.ca] = material.cas.lab!.cert;
      own[materialPaths.cert] = cert.cert;
      own[materialPaths.key] = cert.key;
    }
    if (node.workSigning) own[materialPaths.signingKey] = material.signingKeys[node.workSigning]!.privateKey;
    if (node.workVerification) own[materialPaths.verificationKey] = material.signingKeys.lab!.publicKey;
    if (Object.keys(own).length) files.set(node.id, own);
  }
  return files;
}
