import { LabFailure } from "../errors.js";
import type { Lab } from "./lab-runtime.js";

/** How added latency was applied; the report says which. */
export type DelayMechanism = "netem" | "proxy";

const proxyPort = 17400;
/** Firewall mark of the proxy's own upstream connections, which the redirect must skip. */
const proxyMark = "0x52";
const proxyLog = "/tmp/delay-proxy.log";

export interface DelayedLink {
  dialer: string;
  listener: string;
  port: number;
}

/**
 * Adds `ms` of latency each way on one link. Uses the kernel's netem qdisc where it exists
 * (detected, not assumed); otherwise a user-space proxy in the dialer (node/delay-proxy.py)
 * that the dialer's connections to the listener are redirected to with iptables. The link's
 * current connection is closed on both ends (ss -K) so Receptor redials through the proxy.
 */
export async function delayLink(lab: Lab, link: DelayedLink, ms: number): Promise<DelayMechanism> {
  const [dialerAddress, listenerAddress] = [await lab.address(link.dialer), await lab.address(link.listener)];
  if (await netem(lab, link.dialer, listenerAddress, ms)) {
    if (await netem(lab, link.listener, dialerAddress, ms)) return "netem";
    await clearDelay(lab, link.dialer);
  }
  const script = [
    "set -e",
    "pkill -f '^python3 /opt/receptor-lab/delay-proxy' 2>/dev/null || true",
    `setsid python3 /opt/receptor-lab/delay-proxy.py --port ${proxyPort} --delay-ms ${ms} --mark ${proxyMark} > ${proxyLog} 2>&1 < /dev/null &`,
    `for i in $(seq 1 50); do grep -q listening ${proxyLog} 2>/dev/null && break; sleep 0.1; done`,
    `grep -q listening ${proxyLog}`,
    "iptables -t nat -N RLAB_NAT 2>/dev/null || true",
    "iptables -t nat -C OUTPUT -j RLAB_NAT 2>/dev/null || iptables -t nat -I OUTPUT -j RLAB_NAT",
    `iptables -t nat -A RLAB_NAT -p tcp -d ${listenerAddress} --dport ${link.port} -m mark ! --mark ${proxyMark} -j REDIRECT --to-ports ${proxyPort}`,
    // the connection made before the redirect: close it on both ends, so the dialer redials through the proxy
    `ss -K dst ${listenerAddress} dport = :${link.port} 2>/dev/null || true`,
  ].join("\n");
  const result = await lab.exec(link.dialer, ["sh", "-c", script]);
  if (result.exitCode !== 0) {
    await clearDelay(lab, link.dialer);
    throw new LabFailure(`starting the delay proxy in ${link.dialer} failed (exit ${result.exitCode}): ${result.stderr.trim().split("\n").slice(-3).join(" / ")}`);
  }
  // the listener would otherwise hold the old connection until its idle timeout and refuse the new one
  const forms = [dialerAddress, `[::ffff:${dialerAddress}]`];
  await lab.exec(link.listener, ["sh", "-c", forms.map((form) => `ss -K '( sport = :${link.port} )' dst ${form} 2>/dev/null`).join("; ") + "; true"]);
  return "proxy";
}

/** Connections the delay proxy in `node` has carried so far. */
export async function proxiedConnections(lab: Lab, node: string): Promise<number> {
  const result = await lab.exec(node, ["sh", "-c", `grep -c '^open ' ${proxyLog} 2>/dev/null || true`]);
  return Number(result.stdout.trim()) || 0;
}

/** Removes any added latency from `node`: netem qdisc, redirect and proxy. */
export async function clearDelay(lab: Lab, node: string): Promise<void> {
  await lab.exec(node, [
    "sh",
    "-c",
    "tc qdisc del dev eth0 root 2>/dev/null; iptables -t nat -F RLAB_NAT 2>/dev/null; pkill -f '^python3 /opt/receptor-lab/delay-proxy' 2>/dev/null; true",
  ]);
}

async function netem(lab: Lab, node: string, peerAddress: string, ms: number): Promise<boolean> {
  const script = [
    "set -e",
    "tc qdisc del dev eth0 root 2>/dev/null || true",
    "tc qdisc add dev eth0 root handle 1: prio",
    `tc qdisc add dev eth0 parent 1:3 handle 30: netem delay ${ms}ms`,
    `tc filter add dev eth0 protocol ip parent 1:0 prio 3 u32 match ip dst ${peerAddress}/32 flowid 1:3`,
  ].join("\n");
  const result = await lab.exec(node, ["sh", "-c", script]);
  if (result.exitCode === 0) return true;
  await lab.exec(node, ["sh", "-c", "tc qdisc del dev eth0 root 2>/dev/null || true"]);
  return false;
}
