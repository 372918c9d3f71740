import { EnvironmentError } from "../errors.js";
import type { DockerLab } from "./docker-lab.js";

/**
 * Adds latency to what `node` sends to the given peers, with the kernel's netem qdisc behind a
 * prio qdisc and a per-destination filter. Kernels built without netem cannot do this: the
 * error says so, and the scenario's verdict becomes inconclusive.
 */
export async function delayTraffic(lab: DockerLab, node: string, peerAddresses: string[], ms: number): Promise<void> {
  const commands = [
    "set -e",
    "tc qdisc del dev eth0 root 2>/dev/null || true",
    "tc qdisc add dev eth0 root handle 1: prio",
    `tc qdisc add dev eth0 parent 1:3 handle 30: netem delay ${ms}ms`,
    ...peerAddresses.map((ip) => `tc filter add dev eth0 protocol ip parent 1:0 prio 3 u32 match ip dst ${ip}/32 flowid 1:3`),
  ];
  const result = await lab.exec(node, ["sh", "-c", commands.join("\n")]);
  if (result.exitCode !== 0) {
    await clearDelay(lab, node);
    const why = result.stderr.trim().split("\n").slice(-2).join(" / ");
    throw new EnvironmentError(
      `adding ${ms} ms of delay in ${node} failed: ${why}`,
      /unknown/i.test(why) ? "This kernel has no netem qdisc (NET_SCH_NETEM), so added latency cannot be injected here." : "Check that the container has NET_ADMIN.",
    );
  }
}

export async function clearDelay(lab: DockerLab, node: string): Promise<void> {
  await lab.exec(node, ["sh", "-c", "tc qdisc del dev eth0 root 2>/dev/null || true"]);
}
