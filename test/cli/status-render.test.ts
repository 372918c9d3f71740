import { describe, expect, it } from "vitest";
import { renderStatus } from "../../harness/cli/status-render.js";
import type { NodeStatus } from "../../harness/mesh/control-types.js";

const status: NodeStatus = {
  NodeID: "controller01",
  Version: "1.6.5",
  SystemCPUCount: 2,
  SystemMemoryMiB: 24105,
  Connections: [
    { NodeID: "relayer02", Cost: 2 },
    { NodeID: "relayer01", Cost: 1 },
  ],
  RoutingTable: { relayer02: "relayer02", executor01: "relayer01", relayer01: "relayer01" },
  KnownConnectionCosts: { controller01: { relayer01: 1, relayer02: 2 }, relayer01: {} },
  Advertisements: [
    {
      NodeID: "executor01",
      Service: "control",
      Time: "2026-11-22T10:23:22.1Z",
      ConnType: 1,
      Tags: { type: "Control Service" },
      WorkCommands: [{ WorkType: "echo-reply", Secure: false }, { WorkType: "echo-sleep", Secure: false }],
    },
  ],
};

describe("status rendering", () => {
  it("lays out the sections as receptorctl status does", () => {
    expect(renderStatus(status)).toBe(
      [
        "Node ID: controller01",
        "Version: 1.6.5",
        "System CPU Count: 2",
        "System Memory MiB: 24105",
        "",
        "Connection   Cost",
        "relayer01    1",
        "relayer02    2",
        "",
        "Known Node   Known Connections",
        "controller01 relayer01: 1 relayer02: 2 ",
        "relayer01    ",
        "",
        "Route        Via",
        "executor01   relayer01",
        "relayer01    relayer01",
        "relayer02    relayer02",
        "",
        "Node         Service   Type       Last Seen             Tags",
        'executor01   control   Stream     2026-11-22 10:23:22   {"type":"Control Service"}',
        "",
        "Node         Work Types",
        "executor01   echo-reply, echo-sleep",
      ].join("\n"),
    );
  });

  it("leaves out empty sections", () => {
    const lonely = renderStatus({ ...status, Connections: [], RoutingTable: {}, KnownConnectionCosts: {}, Advertisements: [] });
    expect(lonely.split("\n")).toHaveLength(4);
  });
});
