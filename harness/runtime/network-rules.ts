import { LabFailure } from "../errors.js";
import type { DropMode } from "../faults/fault-plan.js";
import type { Lab } from "./lab-runtime.js";

/** Our own iptables chain inside each container, jumped to from INPUT and OUTPUT, so heal is one flush. */
const chain = "RLAB";


const setup = [
  `iptables -N ${chain} 2>/dev/null || true`,
  `iptables -C INPUT -j ${chain} 2>/dev/null || iptables -I INPUT -j ${chain}`,
  `iptables -C OUTPUT -j ${chain} 2>/dev/null || iptables -I OUTPUT -j ${chain}`,
];

/**
 * Makes `node` drop (or, with "reset", refuse with a TCP reset) all traffic to and from the
 * given peer addresses. Rules name mesh peers only: the harness reaches the node from the
 * bridge gateway, so its control connection survives the partition.
 */
export async function blockPeers(lab: Lab, node: string, peerAddresses: string[], mode: DropMode): Promise<void> {
  const rules = peerAddresses.flatMap((ip) =>
    mode === "reset"
      ? [
          // the resets REJECT hands our own sockets carry the peer's address: let them in
          `iptables -A ${chain} -s ${ip} -p tcp --tcp-flags RST RST -j RETURN`,
          `iptables -A ${chain} -s ${ip} -p tcp -j REJECT --reject-with tcp-reset`,
          `iptables -A ${chain} -d ${ip} -p tcp -j REJECT --reject-with tcp-reset`,
          `iptables -A ${chain} -s ${ip} -j DROP`,
          `iptables -A ${chain} -d ${ip} -j DROP`,
        ]
      : [`iptables -A ${chain} -s ${ip} -j DROP`, `iptables -A ${chain} -d ${ip} -j DROP`],
  );
  await run(lab, node, [...setup, ...rules]);
}

/** Drops a random share of the packets to and from the given peers (both directions). */
export async function losePackets(lab: Lab, node: string, peerAddresses: string[], percent: number): Promise<void> {
  const probability = (percent / 100).toFixed(4);
  const rules = peerAddresses.flatMap((ip) => [
    `iptables -A ${chain} -s ${ip} -m statistic --mode random --probability ${probability} -j DROP`,
    `iptables -A ${chain} -d ${ip} -m statistic --mode random --probability ${probability} -j DROP`,
  ]);
  await run(lab, node, [...setup, ...rules]);
}

/** Removes every rule we added on `node`. */
export async function healRules(lab: Lab, node: string): Promise<void> {
  await run(lab, node, [`iptables -F ${chain} 2>/dev/null || true`]);
}

/** The rules in our chain on `node` (to check that a fault took hold, or is gone). */
export async function listRules(lab: Lab, node: string): Promise<string[]> {
  const result = await lab.exec(node, ["sh", "-c", `iptables -S ${chain} 2>/dev/null || true`]);
  return result.stdout.split("\n").filter((line) => line.startsWith("-A "));
}

async function run(lab: Lab, node: string, commands: string[]): Promise<void> {
  const script = ["set -e", ...commands].join("\n");
  const result = await lab.exec(node, ["sh", "-c", script]);
  if (result.exitCode !== 0) {
    throw new LabFailure(
      `iptables in ${node} (${lab.containerOf(node)}) failed with exit code ${result.exitCode}: ${result.stderr.trim().split("\n").slice(-3).join(" / ")}`,
      "The container needs NET_ADMIN and the kernel's iptables support; see 'Troubleshooting' in README.md.",
    );
  }
}
