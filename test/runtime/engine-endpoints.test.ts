import { describe, expect, it } from "vitest";
import { hostTarget, parseEngineList } from "../../harness/runtime/engines/engine-endpoints.js";
import { planEngines } from "../../harness/runtime/engines/engine-plan.js";

const host = hostTarget({}, "127.0.0.1");
const contexts: Record<string, string> = { "lab-b": "tcp://10.9.0.2:2376", "edge": "ssh://me@edge.example" };
const options = { contextEndpoint: async (name: string) => contexts[name] };
const extra = { engines: planEngines(2, "/cache"), swarmOwned: true, createdAt: "" };

describe("--engines", () => {
  it("'local' is the host engine and the extra engines, reached at their namespace addresses", async () => {
    expect(await parseEngineList("local", host, { ...options, extra })).toEqual([
      { name: "host", endpoint: "unix:///var/run/docker.sock", reach: "127.0.0.1" },
      { name: "engine-1", endpoint: "unix:///run/receptor-lab/engine-1/docker.sock", reach: "10.213.213.11" },
      { name: "engine-2", endpoint: "unix:///run/receptor-lab/engine-2/docker.sock", reach: "10.213.213.12" },
    ]);
  });

  it("takes NAME=ENDPOINT and Docker contexts, the host engine (DOCKER_HOST) always first", async () => {
    const targets = await parseEngineList("a=tcp://10.9.0.1:2375, lab-b,edge", hostTarget({ DOCKER_HOST: "tcp://10.9.0.9:2375" }, "10.9.0.9"), options);
    expect(targets).toEqual([
      { name: "host", endpoint: "tcp://10.9.0.9:2375", reach: "10.9.0.9" },
      { name: "a", endpoint: "tcp://10.9.0.1:2375", reach: "10.9.0.1" },
      { name: "lab-b", endpoint: "tcp://10.9.0.2:2376", reach: "10.9.0.2" },
      { name: "edge", endpoint: "ssh://me@edge.example", reach: "edge.example" },
    ]);
  });

  it("an extra engine's socket named by hand is still reached at its namespace address", async () => {
    expect((await parseEngineList("e=unix:///run/receptor-lab/engine-2/docker.sock", host, { ...options, extra }))[1]!.reach).toBe("10.213.213.12");
  });

  it.each([
    ["local", /none are up/],
    ["nosuch", /'nosuch' is neither NAME=ENDPOINT nor a Docker context/],
    ["a=http://x:1", /'http:\/\/x:1' is not a Docker endpoint/],
    ["A_B=tcp://x:1", /'A_B' is not an engine name/],
    ["a=tcp://x:1,a=tcp://y:1", /names 'a' twice/],
    ["a=tcp://x:1,b=tcp://x:1", /lists tcp:\/\/x:1 twice/],
    ["host=tcp://x:1", /names 'host' twice/],
    [",", /no engine besides the host's/],
  ])("%j is refused (exit 2) with what --engines takes", async (value, message) => {
    await expect(parseEngineList(value, host, options)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message), hint: expect.stringMatching(/NAME=ENDPOINT|engines up/) });
  });
});
