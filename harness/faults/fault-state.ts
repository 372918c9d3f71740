import { linkKey, type Link, type NodeId, type Topology } from "../topology/model.js";
import { everythingUp, type MeshState } from "../topology/routing-oracle.js";
import type { FaultPlan } from "./fault-plan.js";
import { takesNodeDown } from "./fault-plan.js";
import { cutLinks, grudgeFor, type Grudge } from "./partitions.js";

/**
 * Which faults are in effect: nodes down (stopped, killed, paused), partitions, lossy and slow
 * links. Pure: it follows the plans that took effect and tells the routing oracle what is up.
 */
export class FaultState {
  private readonly down = new Set<NodeId>();
  private readonly partitions: Grudge[] = [];
  private readonly lossy = new Map<string, number>();
  private readonly slow = new Map<string, number>();
  private readonly added: Link[] = [];
  private readonly removed = new Set<string>();

  constructor(private readonly topology: Topology) {}

  /** Records a fault that took effect. */
  apply(plan: FaultPlan): void {
    switch (plan.kind) {
      case "node":
        for (const node of plan.nodes) {
          if (takesNodeDown(plan.action)) this.down.add(node);
          else this.down.delete(node);
        }
        return;
      case "partition":
        this.partitions.push(grudgeFor(this.topology, plan.spec));
        return;
      case "loss":
        this.lossy.set(linkKey(...plan.between), plan.percent);
        return;
      case "delay":
        this.slow.set(linkKey(...plan.between), plan.ms);
        return;
      case "heal":
        this.partitions.length = 0;
        this.lossy.clear();
        this.slow.clear();
        return;
      case "upgrade":
        this.down.delete(plan.node);
        return;
    }
  }

  /** Links a node's live reconfiguration added: the oracle routes over them from now on. */
  addLinks(links: Link[]): void {
    this.added.push(...links);
    for (const link of links) this.removed.delete(linkKey(link.dialer, link.listener));
  }

  /** Links a reconfiguration dropped: no path from now on. */
  removeLinks(links: Link[]): void {
    for (const link of links) this.removed.add(linkKey(link.dialer, link.listener));
  }

  isDown(node: NodeId): boolean {
    return this.down.has(node);
  }

  /** Whether any partition, loss or delay is in effect (a kept lab gets them healed). */
  hasNetworkFaults(): boolean {
    return this.partitions.length > 0 || this.lossy.size > 0 || this.slow.size > 0;
  }

  /** The links the active partitions break, and those a reconfiguration dropped. */
  cutLinks(): Set<string> {
    return new Set([...cutLinks(this.topology, this.partitions), ...this.removed]);
  }

  /** What the routing oracle needs: live nodes and cut links (loss and delay change no route). */
  meshState(): MeshState {
    const liveNodes = new Set([...everythingUp(this.topology).liveNodes].filter((node) => !this.down.has(node)));
    return { liveNodes, cutLinks: this.cutLinks(), ...(this.added.length ? { addedLinks: [...this.added] } : {}) };
  }

  /** A plain summary for reports and the API: what is down, cut, lossy or slow. */
  snapshot(): { down: NodeId[]; cutLinks: string[]; lossy: Record<string, number>; slow: Record<string, number> } {
    return {
      down: [...this.down].sort(),
      cutLinks: [...this.cutLinks()].sort(),
      lossy: Object.fromEntries(this.lossy),
      slow: Object.fromEntries(this.slow),
    };
  }
}
