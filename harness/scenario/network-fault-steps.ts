import type { Clock } from "../clock.js";
import type { DockerLab } from "../runtime/docker-lab.js";
import { blockPeers, healRules, listRules, losePackets } from "../runtime/network-rules.js";
import { clearDelay, delayLink, proxiedConnections } from "../runtime/traffic-delay.js";
import type { NodeId, Topology } from "../topology/model.js";
import { cutLinks, describePartition, grudgeFor, partitionNodes, type Grudge } from "../topology/network-faults.js";
import type { RouteWatcher } from "./route-watcher.js";
import type { StepDetail } from "./run-result.js";
import type { Step } from "./scenario-model.js";
import { StepFailure } from "./step-failure.js";
import type { Timeline } from "./timeline.js";
import { waitUntil } from "./wait-until.js";

/**
 * The network fault steps of a run: partitions, loss, delay and heal. Keeps what is active, so
 * the oracle can treat partitioned links as cut, and checks each fault landed before the run
 * judges anything after it.
 */
export class NetworkFaultSteps {
  /** Active partitions, as grudges; the oracle treats their links as cut. */
  private readonly partitions: Grudge[] = [];
  /** Nodes with loss or delay rules (they do not change the oracle). */
  private readonly faulted = new Set<NodeId>();

  constructor(
    private readonly lab: DockerLab,
    private readonly topology: Topology,
    private readonly timeline: Timeline,
    private readonly watcher: RouteWatcher,
    private readonly clock: Clock,
    private readonly isDown: (node: NodeId) => boolean,
  ) {}

  cutLinks(): Set<string> {
    return cutLinks(this.topology, this.partitions);
  }

  async partition(step: Extract<Step, { kind: "partition" }>): Promise<StepDetail> {
    const grudge = grudgeFor(this.topology, step.spec);
    const lab = this.lab;
    const applied: string[] = [];
    for (const [node, peers] of grudge) {
      if (this.isDown(node)) continue;
      const addresses = await this.addressesOf([...peers]);
      if (addresses.length === 0) continue;
      await blockPeers(lab, node, addresses, step.mode);
      applied.push(node);
    }
    const returned = this.timeline.now();
    await this.verifyRules(applied, "partition");
    this.partitions.push(grudge);
    const links = [...cutLinks(this.topology, [grudge])];
    this.timeline.record("fault", null, { action: "partition", spec: describePartition(step.spec), mode: step.mode, nodes: applied, links }, returned);
    this.watcher.faultApplied({ action: "partition", target: describePartition(step.spec), nodes: partitionNodes(step.spec) }, returned);
    return { message: `${step.mode === "reset" ? "TCP reset" : "silent drop"}; iptables rules on ${applied.length} node(s)`, nodes: applied };
  }

  async loss([a, b]: [string, string], percent: number): Promise<StepDetail> {
    const lab = this.lab;
    const [addressA, addressB] = [await lab.address(a), await lab.address(b)];
    await losePackets(lab, a, [addressB], percent);
    await losePackets(lab, b, [addressA], percent);
    await this.verifyRules([a, b], "loss");
    this.faulted.add(a).add(b);
    this.timeline.record("fault", null, { action: "loss", between: [a, b], percent });
    return { message: `${percent}% of packets between ${a} and ${b} dropped at random (iptables statistic)` };
  }

  async delay([a, b]: [string, string], ms: number): Promise<StepDetail> {
    const lab = this.lab;
    const link = this.topology.links.find((candidate) => (candidate.dialer === a && candidate.listener === b) || (candidate.dialer === b && candidate.listener === a))!;
    const mechanism = await delayLink(lab, link, ms);
    this.faulted.add(a).add(b);
    const returned = this.timeline.now();
    if (mechanism === "proxy") {
      // the fault has landed once the dialer's connection runs through the proxy
      const through = await waitUntil(this.clock, () => proxiedConnections(lab, link.dialer), (count) => count > 0, { timeoutMs: 45_000, intervalMs: 500, consecutive: 1 });
      if (!through.ok) throw new StepFailure("inconclusive", { message: `no connection from ${link.dialer} to ${link.listener} went through the delay proxy within 45 s` });
    }
    this.timeline.record("fault", null, { action: "delay", between: [a, b], ms, mechanism }, returned);
    this.watcher.faultApplied({ action: "delay", target: `${a} ↔ ${b}`, nodes: [a, b] }, returned);
    return {
      message: `${ms} ms added each way between ${a} and ${b} (${mechanism === "netem" ? "netem" : "user-space proxy in " + link.dialer + ": this kernel has no netem"})`,
      mechanism,
    };
  }

  async heal(): Promise<StepDetail> {
    const lab = this.lab;
    const running = lab.nodeIds().filter((node) => !this.isDown(node));
    await Promise.all(running.map(async (node) => {
      await healRules(lab, node);
      await clearDelay(lab, node);
    }));
    const returned = this.timeline.now();
    const left = (await Promise.all(running.map(async (node) => [node, (await listRules(lab, node)).length] as const))).filter(([, count]) => count > 0);
    if (left.length > 0) throw new StepFailure("inconclusive", { message: `heal left rules behind on ${left.map(([node]) => node).join(", ")}` });
    this.partitions.length = 0;
    this.faulted.clear();
    this.timeline.record("fault", null, { action: "heal" }, returned);
    this.watcher.faultApplied({ action: "heal", target: "network", nodes: [] }, returned);
    return { message: `removed every partition, loss and delay on ${running.length} nodes` };
  }

  /** Heals what the run left in the network when the lab is kept up after the run. */
  async healLeftovers(): Promise<void> {
    if (this.partitions.length === 0 && this.faulted.size === 0) return;
    await this.heal().catch(() => {});
  }

  private async addressesOf(nodes: string[]): Promise<string[]> {
    const lab = this.lab;
    const running = nodes.filter((node) => !this.isDown(node));
    return Promise.all(running.map((node) => lab.address(node)));
  }

  private async verifyRules(nodes: string[], what: string): Promise<void> {
    const lab = this.lab;
    const missing: string[] = [];
    for (const node of nodes) if ((await listRules(lab, node)).length === 0) missing.push(node);
    if (missing.length > 0) throw new StepFailure("inconclusive", { message: `${what}: no rule took hold on ${missing.join(", ")}; nothing after it can be judged` });
  }
}
