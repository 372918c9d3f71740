import { describe, expect, it } from "vitest";
import { controlEndpointFor } from "../../harness/runtime/engine-host.js";

describe("controlEndpointFor", () => {
  it("publishes on 127.0.0.1 only for a local engine", () => {
    expect(controlEndpointFor({})).toEqual({ bind: "127.0.0.1", reach: "127.0.0.1" });
    expect(controlEndpointFor({ DOCKER_HOST: "unix:///var/run/docker.sock" })).toEqual({ bind: "127.0.0.1", reach: "127.0.0.1" });
    expect(controlEndpointFor({ DOCKER_HOST: "tcp://127.0.0.1:2375" })).toEqual({ bind: "127.0.0.1", reach: "127.0.0.1" });
    expect(controlEndpointFor({ DOCKER_HOST: "tcp://localhost:2375" })).toEqual({ bind: "127.0.0.1", reach: "127.0.0.1" });
  });

  it("dials a remote engine's host, where the ports are published", () => {
    expect(controlEndpointFor({ DOCKER_HOST: "tcp://docker.example.internal:2376" })).toEqual({ bind: "0.0.0.0", reach: "docker.example.internal" });
    expect(controlEndpointFor({ DOCKER_HOST: "ssh://me@10.1.2.3" })).toEqual({ bind: "0.0.0.0", reach: "10.1.2.3" });
  });

  it("dials the host testcontainers is told to use ('localhost' as 127.0.0.1, where the port is)", () => {
    expect(controlEndpointFor({ TESTCONTAINERS_HOST_OVERRIDE: "localhost" })).toEqual({ bind: "127.0.0.1", reach: "127.0.0.1" });
    expect(controlEndpointFor({ TESTCONTAINERS_HOST_OVERRIDE: "host.docker.internal" })).toEqual({ bind: "127.0.0.1", reach: "host.docker.internal" });
    expect(controlEndpointFor({ DOCKER_HOST: "tcp://10.1.2.3:2375", TESTCONTAINERS_HOST_OVERRIDE: "gateway" })).toEqual({ bind: "0.0.0.0", reach: "gateway" });
  });
});
