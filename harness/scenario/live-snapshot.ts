import type { FaultPlan } from "../faults/fault-plan.js";
import { ControlSocketClient } from "../mesh/control-socket-client.js";
import type { RunningLab } from "../runtime/lab-runtime.js";
import type { NodeId, Topology } from "../topology/model.js";
import type { ContainerState, LabSnapshot, NodeSnapshot } from "./live-view.js";

/** A node as the lab's runtime lists it now: its container's state and where its control service answers. */
export type RunningNode = RunningLab["nodes"][number];

/**
 * One poll: each node's container as the runtime listed it, then, for each running one, its
 * status and work units, asked at the control address listed now (a node restarted by another
 * process answers on a new port). A paused node is not asked: it would only time out.
 */
export async function readSnapshot(topology: Topology, running: RunningNode[], faults: FaultPlan[], at: number): Promise<LabSnapshot> {
  const nodes = await Promise.all(topology.nodes.map((node) => readNode(node.id, running.find((candidate) => candidate.id === node.id))));
  return { at, nodes, faults };
}

async function readNode(id: NodeId, node: RunningNode | undefined): Promise<NodeSnapshot> {
  const container: ContainerState = !node ? "gone" : node.state === "running" ? "running" : node.state === "paused" ? "paused" : "stopped";
  if (container !== "running" || !node?.control) return { id, container };
  const client = new ControlSocketClient(id, node.control);
  const [status, units] = await Promise.all([client.statusFields(["Connections", "RoutingTable"]).catch(() => undefined), client.workList().catch(() => undefined)]);
  return {
    id,
    container,
    ...(status
      ? { status: { connections: Object.fromEntries((status.Connections ?? []).map((connection) => [connection.NodeID, connection.Cost])), routes: { ...status.RoutingTable } } }
      : {}),
    ...(units ? { units: Object.fromEntries(Object.entries(units).map(([unit, info]) => [unit, { state: info.StateName, workType: info.WorkType }])) } : {}),
  };
}
