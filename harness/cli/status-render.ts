import type { NodeStatus } from "../mesh/control-types.js";

const connectionTypes = ["Datagram", "Stream", "StreamTLS"];

/** The status of one node laid out like `receptorctl status`. */
export function renderStatus(status: NodeStatus): string {
  const lines = [
    `Node ID: ${status.NodeID}`,
    `Version: ${status.Version}`,
    `System CPU Count: ${status.SystemCPUCount}`,
    `System Memory MiB: ${status.SystemMemoryMiB}`,
  ];
  const ids = [
    status.NodeID,
    ...status.Connections.map((connection) => connection.NodeID),
    ...Object.keys(status.KnownConnectionCosts),
    ...Object.keys(status.RoutingTable),
    ...status.Advertisements.map((ad) => ad.NodeID),
  ];
  const width = Math.max(12, ...ids.map((id) => id.length));
  const pad = (text: string) => text.padEnd(width);
  const section = (rows: string[]) => {
    if (rows.length > 1) lines.push("", ...rows);
  };

  section([
    `${pad("Connection")} Cost`,
    ...[...status.Connections].sort((a, b) => a.NodeID.localeCompare(b.NodeID)).map((c) => `${pad(c.NodeID)} ${c.Cost}`),
  ]);
  section([
    `${pad("Known Node")} Known Connections`,
    ...Object.keys(status.KnownConnectionCosts)
      .sort()
      .map((node) => {
        const peers = Object.entries(status.KnownConnectionCosts[node]!)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([peer, cost]) => `${peer}: ${cost} `)
          .join("");
        return `${pad(node)} ${peers}`;
      }),
  ]);
  section([
    `${pad("Route")} Via`,
    ...Object.keys(status.RoutingTable)
      .sort()
      .map((node) => `${pad(node)} ${status.RoutingTable[node]}`),
  ]);
  section([
    `${pad("Node")} Service   Type       Last Seen             Tags`,
    ...[...status.Advertisements]
      .sort((a, b) => a.NodeID.localeCompare(b.NodeID))
      .map((ad) => {
        const type = connectionTypes[ad.ConnType] ?? String(ad.ConnType);
        const seen = ad.Time.replace("T", " ").slice(0, 19);
        const tags = ad.Tags ? JSON.stringify(ad.Tags) : "-";
        return `${pad(ad.NodeID)} ${ad.Service.padEnd(9)} ${type.padEnd(10)} ${seen.padEnd(21)} ${tags}`;
      }),
  ]);
  const workTypes = status.Advertisements.filter((ad) => ad.WorkCommands && ad.WorkCommands.length > 0).sort((a, b) =>
    a.NodeID.localeCompare(b.NodeID),
  );
  section([
    `${pad("Node")} Work Types`,
    ...workTypes.map((ad) => `${pad(ad.NodeID)} ${ad.WorkCommands!.map((command) => command.WorkType).join(", ")}`),
  ]);
  return lines.join("\n");
}
