import type { NodeId } from "../topology/model.js";
import { describePartition, partitionNodes, type PartitionSpec } from "./partitions.js";

export type NodeFaultAction = "stop" | "start" | "restart" | "kill" | "pause" | "unpause";

/** How a partition refuses traffic: silently, or with TCP resets (noticed sooner). */
export type DropMode = "drop" | "reset";

/**
 * A fault as pure data: what it does to which nodes or links. The runtime applies it and checks
 * that it took effect; FaultState follows it so the routing oracle knows what is down or cut.
 */
export type FaultPlan =
  /** `downMs` (restart only): stop, stay down that long, start. */
  | { kind: "node"; action: NodeFaultAction; nodes: NodeId[]; downMs?: number }
  | { kind: "partition"; spec: PartitionSpec; mode: DropMode }
  | { kind: "loss"; between: [NodeId, NodeId]; percent: number }
  | { kind: "delay"; between: [NodeId, NodeId]; ms: number }
  /** Removes every partition, loss and delay (node faults are undone by their opposites). */
  | { kind: "heal" }
  /** The node runs another Receptor from now on: stopped, its image replaced (data directory and config kept), started. */
  | { kind: "upgrade"; direction: UpgradeDirection; node: NodeId; image: string; receptorVersion: string };

/** Upgrade and downgrade do the same; the word says what the scenario means by it. */
export type UpgradeDirection = "upgrade" | "downgrade";

export type FaultKind = FaultPlan["kind"];

/** What a fault is about, for metrics and reports: its action, what it names, the node ids it acts on. */
export interface FaultSubject {
  action: string;
  /** As a scenario names it: "relayer01, relayer02", "isolate relayer01", "relayer01 ↔ controller01". */
  target: string;
  nodes: NodeId[];
}

export function faultSubject(plan: FaultPlan): FaultSubject {
  switch (plan.kind) {
    case "node":
      return { action: plan.action, target: plan.nodes.join(", "), nodes: plan.nodes };
    case "partition":
      return { action: "partition", target: describePartition(plan.spec), nodes: partitionNodes(plan.spec) };
    case "loss":
    case "delay":
      return { action: plan.kind, target: `${plan.between[0]} ↔ ${plan.between[1]}`, nodes: [...plan.between] };
    case "heal":
      return { action: "heal", target: "network", nodes: [] };
    case "upgrade":
      return { action: plan.direction, target: `${plan.node} → ${plan.receptorVersion}`, nodes: [plan.node] };
  }
}

/** Node faults after which the node is out of the mesh (the oracle leaves it out). */
export function takesNodeDown(action: NodeFaultAction): boolean {
  return action === "stop" || action === "kill" || action === "pause";
}
