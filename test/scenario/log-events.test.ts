import { describe, expect, it } from "vitest";
import { rejectionEvents } from "../../harness/scenario/log-events.js";

const started = new Date("2026-12-01T00:08:00Z");

describe("rejectionEvents", () => {
  it("turns refused connections in a node's log into timeline events, once per second", () => {
    const log = [
      'INFO 2026/12/01 00:08:09 Connection established with controller01 {"node_id":"relayer01"}',
      'ERROR 2026/12/01 00:08:10 Backend error: relayer01: rejected connection with node controller04 because it is not in the allowed peers list {"node_id":"relayer01"}',
      'ERROR 2026/12/01 00:08:10 Backend error: relayer01: rejected connection with node controller04 because it is not in the allowed peers list {"node_id":"relayer01"}',
      "WARNING 2026/12/01 00:08:15 Backend connection failed (will retry): remote error: tls: unknown certificate authority",
    ].join("\n");
    expect(rejectionEvents("relayer01", log, started)).toEqual([
      { t: 10_000, node: "relayer01", kind: "connection-rejected", data: { peer: "controller04", reason: "it is not in the allowed peers list" } },
      { t: 15_000, node: "relayer01", kind: "connection-rejected", data: { reason: "TLS: remote error: tls: unknown certificate authority" } },
    ]);
  });

  it("sees the refused side too", () => {
    expect(rejectionEvents("controller04", "INFO 2026/12/01 00:08:11 Received a rejection message from peer.", started)).toEqual([
      { t: 11_000, node: "controller04", kind: "connection-rejected", data: { reason: "rejected by the peer" } },
    ]);
  });
});
