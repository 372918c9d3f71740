import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseTopology } from "../../harness/topology/load-topology.js";
import { certificateScript, materialPlan, nodeFiles, parsePrintedFiles } from "../../harness/topology/lab-material.js";
import { materialPaths, receptorConfig } from "../../harness/topology/receptor-config.js";
import { everythingUp, expectedRoutes } from "../../harness/topology/routing-oracle.js";
import { loadBuiltin } from "./builtin.js";

const configOf = async (id: string) => {
  const topology = await loadBuiltin("secure");
  return parse(receptorConfig(topology, topology.nodes.find((node) => node.id === id)!)) as Array<Record<string, Record<string, unknown>>>;
};
const section = (config: Array<Record<string, Record<string, unknown>>>, key: string) => config.find((action) => key in action)?.[key];

describe("the secure topology (demo 06)", () => {
  it("gives every node of a TLS lab a certificate, and knows relayer01 rejects controller04", async () => {
    const topology = await loadBuiltin("secure");
    expect(topology.nodes.every((node) => node.certificate?.ca === "lab")).toBe(true);
    const rejected = topology.links.filter((link) => link.rejected).map((link) => `${link.dialer}: ${link.rejected}`);
    expect(rejected).toEqual(["controller04: controller04 is not in relayer01's allowed peers"]);
    expect(topology.links.every((link) => link.tls)).toBe(true);
  });

  it("leaves a rejected link out of the oracle: controller04 reaches nobody", async () => {
    const topology = await loadBuiltin("secure");
    const expected = expectedRoutes(topology, everythingUp(topology));
    expect([...expected.get("controller04")!.keys()]).toEqual([]);
    expect([...expected.get("controller01")!.keys()]).not.toContain("controller04");
    expect([...expected.get("controller01")!.get("executor03")!]).toEqual(["relayer01"]);
  });

  it("writes mutual TLS, allowed peers and the firewall into relayer01's config", async () => {
    const config = await configOf("relayer01");
    expect(section(config, "tls-server")).toEqual({ name: "tls-server", cert: materialPaths.cert, key: materialPaths.key, requireclientcert: true, clientcas: materialPaths.ca });
    expect(section(config, "tcp-listener")).toMatchObject({ port: "7323", tls: "tls-server", allowedpeers: expect.arrayContaining(["executor03"]) });
    expect((section(config, "node")!.firewallrules as unknown[]).at(-1)).toEqual({ action: "reject" });
    expect((section(config, "node")!.firewallrules as unknown[])[2]).toEqual({ action: "accept", toservice: "unreach" });
  });

  it("signs on the controllers, verifies on executor01 and executor03, and puts executor03's control service on TLS", async () => {
    expect(section(await configOf("controller01"), "work-signing")).toEqual({ privatekey: materialPaths.signingKey, tokenexpiration: "5m" });
    expect(section(await configOf("executor01"), "work-verification")).toEqual({ publickey: materialPaths.verificationKey });
    const executor03 = await configOf("executor03");
    expect(section(executor03, "control-service")).toMatchObject({ service: "control", tls: "tls-server", tcplisten: "7399" });
    expect(executor03.filter((action) => "work-command" in action).map((action) => action["work-command"]!.verifysignature)).toEqual([undefined, true]);
    expect(section(executor03, "tcp-peer")).toMatchObject({ address: "r01.example.internal:7323", tls: "tls-client" });
  });

  it("plans the lab CA, a certificate per node and two signing key pairs (controller02 signs with its own)", async () => {
    const plan = materialPlan(await loadBuiltin("secure"));
    expect(plan.cas).toEqual(["lab"]);
    expect(plan.certs).toHaveLength(8);
    expect(plan.certs.find((cert) => cert.node === "relayer01")).toEqual({ node: "relayer01", ca: "lab", nodeId: "relayer01", dnsNames: ["r01.example.internal", "r01"] });
    expect(plan.signingKeys).toEqual(["lab", "other"]);
  });

  it("makes certificates with receptor's own commands, and reads them back", () => {
    const plan = { cas: ["lab" as const, "other" as const], certs: [{ node: "a", ca: "other" as const, nodeId: "b", dnsNames: ["a.x", "a"], expiresAfterMs: 90_000 }] };
    const script = certificateScript(plan, new Date("2026-12-01T00:00:00Z"));
    expect(script).toContain('receptor --cert-init commonname="receptor-lab other CA" bits=2048 outcert=ca-other.crt outkey=ca-other.key');
    expect(script).toContain("receptor --cert-makereq bits=2048 commonname=a dnsname=a.x dnsname=a nodeid=b outreq=a.csr outkey=a.key");
    expect(script).toContain("receptor --cert-signreq req=a.csr cacert=ca-other.crt cakey=ca-other.key outcert=a.crt verify=true notafter=2026-12-01T00:01:30Z");
    expect(parsePrintedFiles("=== a.crt\nCERT\nLINE\n=== a.key\nKEY\n")).toEqual({ "a.crt": "CERT\nLINE\n", "a.key": "KEY\n" });
  });

  it("hands each node the lab CA, its own certificate and the right keys", async () => {
    const topology = await loadBuiltin("secure");
    const pem = (text: string) => ({ cert: `${text} cert`, key: `${text} key` });
    const files = nodeFiles(topology, {
      cas: { lab: pem("ca") },
      certs: Object.fromEntries(topology.nodes.map((node) => [node.id, pem(node.id)])),
      signingKeys: { lab: { privateKey: "lab private", publicKey: "lab public" }, other: { privateKey: "other private", publicKey: "other public" } },
    });
    expect(files.get("controller02")).toMatchObject({ [materialPaths.ca]: "ca cert", [materialPaths.cert]: "controller02 cert", [materialPaths.signingKey]: "other private" });
    expect(files.get("executor01")![materialPaths.verificationKey]).toBe("lab public");
    expect(files.get("relayer01")![materialPaths.signingKey]).toBeUndefined();
  });
});

describe("broken material and backends", () => {
  const topology = (node: string) =>
    parseTopology(
      "t.yaml",
      `name: t
nodes:
  - id: controller01
    container: c01
    dial: [{ to: relayer01 }]
${node}
  - id: relayer01
    container: r01
    listen: [{ port: 7323, tls: true }]
`,
    );

  it("knows a node whose certificate names another node exits at startup, so it is never up", () => {
    const model = topology(`  - id: executor01
    container: e01
    certificate: { nodeId: somebody-else }
    dial: [{ to: relayer01 }]`);
    expect(model.nodes.find((node) => node.id === "executor01")!.exitsAtStartup).toBe("its certificate names node somebody-else, not executor01");
    expect(everythingUp(model).liveNodes.has("executor01")).toBe(false);
  });

  it("rejects a TLS link from a node whose certificate another CA signed", () => {
    const model = topology(`  - id: executor01
    container: e01
    certificate: { ca: other }
    dial: [{ to: relayer01 }]`);
    expect(model.links.find((link) => link.dialer === "executor01")!.rejected).toBe("executor01's certificate is from a CA relayer01 does not trust");
    expect(materialPlan(model).cas).toEqual(["lab", "other"]);
  });

  it("writes udp and websocket links (wss under TLS) with Receptor's own keys", () => {
    const model = parseTopology(
      "b.yaml",
      `name: b
nodes:
  - { id: a, container: a, dial: [{ to: u }, { to: w }] }
  - { id: u, container: u, listen: [{ port: 7323, backend: udp }] }
  - { id: w, container: w, listen: [{ port: 7324, backend: ws, tls: true }] }
`,
    );
    const config = parse(receptorConfig(model, model.nodes[0]!)) as Array<Record<string, Record<string, unknown>>>;
    expect(section(config, "udp-peer")).toMatchObject({ address: "u.example.internal:7323" });
    expect(section(config, "ws-peer")).toMatchObject({ address: "wss://w.example.internal:7324/", tls: "tls-client" });
    const w = parse(receptorConfig(model, model.nodes[2]!)) as Array<Record<string, Record<string, unknown>>>;
    expect(section(w, "ws-listener")).toMatchObject({ port: "7324", tls: "tls-server" });
  });
});

describe("live reconfiguration in the oracle", () => {
  it("routes over a link a reload added", async () => {
    const { FaultState } = await import("../../harness/faults/fault-state.js");
    const { peerActionsYaml } = await import("../../harness/topology/receptor-config.js");
    const topology = await loadBuiltin("reconfig");
    const state = new FaultState(topology);
    expect([...expectedRoutes(topology, state.meshState()).get("controller01")!.keys()]).toEqual(["relayer01"]);
    const link = { dialer: "relayer01", listener: "executor01", port: 7323, cost: 1, backend: "tcp" as const, tls: true };
    state.addLinks([link]);
    expect([...expectedRoutes(topology, state.meshState()).get("controller01")!.get("executor01")!]).toEqual(["relayer01"]);
    expect(peerActionsYaml(topology, [link])).toBe("- tcp-peer:\n    address: e01.example.internal:7323\n    cost: 1\n    redial: true\n    tls: tls-client\n");
  });
});

describe("dropping a peer from a node's config", () => {
  it("keeps every action but the peers that dial the dropped links", async () => {
    const { withoutPeers } = await import("../../harness/topology/receptor-config.js");
    const topology = await loadBuiltin("redundant");
    const controller = topology.nodes.find((node) => node.id === "controller01")!;
    const config = receptorConfig(topology, controller);
    const kept = parse(withoutPeers(config, topology, [topology.links.find((link) => link.dialer === "controller01" && link.listener === "relayer01")!])) as Array<Record<string, Record<string, unknown>>>;
    expect(kept.filter((action) => "tcp-peer" in action).map((action) => action["tcp-peer"]!.address)).toEqual(["node03.example.internal:7323"]);
    expect(kept.length).toBe((parse(config) as unknown[]).length - 1);
  });

  it("takes a dropped link out of the oracle until a reload adds it back", async () => {
    const { FaultState } = await import("../../harness/faults/fault-state.js");
    const topology = await loadBuiltin("redundant");
    const state = new FaultState(topology);
    const cheap = topology.links.find((link) => link.dialer === "controller01" && link.listener === "relayer01")!;
    state.removeLinks([cheap]);
    expect([...expectedRoutes(topology, state.meshState()).get("controller01")!.get("executor01")!]).toEqual(["relayer02"]);
    state.addLinks([cheap]);
    expect([...expectedRoutes(topology, state.meshState()).get("controller01")!.get("executor01")!]).toEqual(["relayer01"]);
  });
});
