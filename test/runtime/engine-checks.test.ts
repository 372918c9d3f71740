import { describe, expect, it } from "vitest";
import { checkEngines, type EngineProbe } from "../../harness/runtime/engines/engine-checks.js";
import type { EngineTarget } from "../../harness/runtime/engines/engine-endpoints.js";

const targets: EngineTarget[] = [
  { name: "host", endpoint: "unix:///var/run/docker.sock", reach: "127.0.0.1" },
  { name: "b", endpoint: "tcp://10.9.0.2:2375", reach: "10.9.0.2" },
];

interface FakeEngine {
  answers?: boolean;
  architecture?: string;
  swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean };
}

function probes(engines: Record<string, FakeEngine>, members = ["n-host", "n-b"]): (target: EngineTarget) => EngineProbe {
  return (target) => {
    const engine = engines[target.name]!;
    return {
      ping: () => (engine.answers === false ? Promise.reject(new Error("connect ECONNREFUSED 10.9.0.2:2375")) : Promise.resolve("OK")),
      info: () => Promise.resolve({ Architecture: engine.architecture ?? "x86_64", Swarm: engine.swarm }),
      listNodes: () => Promise.resolve(members.map((ID) => ({ ID }))),
    };
  };
}

const manager = { NodeID: "n-host", LocalNodeState: "active", ControlAvailable: true };
const worker = { NodeID: "n-b", LocalNodeState: "active", ControlAvailable: false };

describe("checking the engines before a lab is spread over them", () => {
  it("passes a swarm of one architecture whose every engine answers", async () => {
    await expect(checkEngines(targets, probes({ host: { swarm: manager }, b: { swarm: worker } }))).resolves.toBeUndefined();
  });

  it.each<[string, Record<string, FakeEngine>, string[] | undefined, RegExp]>([
    ["an engine that does not answer", { host: { swarm: manager }, b: { answers: false } }, undefined, /engine 'b' at tcp:\/\/10.9.0.2:2375 does not answer: connect ECONNREFUSED/],
    ["engines of different architectures", { host: { swarm: manager }, b: { architecture: "aarch64", swarm: worker } }, undefined, /different architectures \(host: x86_64, b: aarch64\)/],
    ["a host engine that manages no swarm", { host: { swarm: { LocalNodeState: "inactive" } }, b: { swarm: worker } }, undefined, /host engine .* is not a swarm manager \(swarm state: inactive\)/],
    ["an engine in no swarm", { host: { swarm: manager }, b: { swarm: { LocalNodeState: "inactive" } } }, undefined, /engine 'b' .* is not in the host engine's swarm \(its swarm state: inactive\)/],
    ["an engine of another swarm", { host: { swarm: manager }, b: { swarm: { NodeID: "n-other", LocalNodeState: "active" } } }, ["n-host"], /engine 'b' .* is not in the host engine's swarm/],
  ])("refuses %s with exit 3 and what to do", async (_, engines, members, message) => {
    await expect(checkEngines(targets, probes(engines, members))).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(message), hint: expect.any(String) });
  });
});
