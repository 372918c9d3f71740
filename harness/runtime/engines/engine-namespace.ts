import { runCommand } from "../run-command.js";
import { engineBridge, type ExtraEngine } from "./engine-plan.js";

const timeoutMs = 15_000;
const ip = (args: string[], hint: string) => runCommand("ip", args, { timeoutMs, hint });

/** The host bridge every extra engine's namespace hangs off (and the host engine advertises on). */
export async function createBridge(): Promise<void> {
  const hint = `Creating the bridge ${engineBridge.name} needs root and iproute2 ('ip').`;
  if (!(await linkExists(engineBridge.name))) await ip(["link", "add", engineBridge.name, "type", "bridge"], hint);
  await ip(["addr", "replace", `${engineBridge.hostAddress}/${engineBridge.prefix}`, "dev", engineBridge.name], hint);
  await ip(["link", "set", engineBridge.name, "up"], hint);
  // Docker's FORWARD policy is DROP and bridged frames pass it (br_netfilter): let the engines' VXLAN and gossip through
  await runCommand("iptables", ["-C", "FORWARD", "-i", engineBridge.name, "-o", engineBridge.name, "-j", "ACCEPT"], { timeoutMs }).catch(() =>
    runCommand("iptables", ["-I", "FORWARD", "-i", engineBridge.name, "-o", engineBridge.name, "-j", "ACCEPT"], { timeoutMs, hint: "Allowing traffic across the engines' bridge needs iptables and root." }),
  );
}

/** A network namespace for one engine, a veth pair into the bridge, its address and a default route. */
export async function createNamespace(engine: ExtraEngine): Promise<void> {
  const hint = `Setting up the network namespace ${engine.netns} needs root and iproute2.`;
  await removeNamespace(engine);
  await ip(["netns", "add", engine.netns], hint);
  await ip(["link", "add", engine.hostVeth, "type", "veth", "peer", "name", engine.nsVeth], hint);
  await ip(["link", "set", engine.hostVeth, "master", engineBridge.name, "up"], hint);
  await ip(["link", "set", engine.nsVeth, "netns", engine.netns], hint);
  const inside = (args: string[]) => ip(["-n", engine.netns, ...args], hint);
  await inside(["addr", "add", `${engine.address}/${engineBridge.prefix}`, "dev", engine.nsVeth]);
  await inside(["link", "set", engine.nsVeth, "up"]);
  await inside(["link", "set", "lo", "up"]);
  await inside(["route", "add", "default", "via", engineBridge.hostAddress]);
}

/** Removes the namespace (its veth end goes with it, and so the host end). Absent: nothing to do. */
export async function removeNamespace(engine: ExtraEngine): Promise<void> {
  if (await linkExists(engine.hostVeth)) await ip(["link", "del", engine.hostVeth], "Removing a veth needs root.");
  const namespaces = await ip(["netns", "list"], "Listing network namespaces needs iproute2.");
  if (namespaces.stdout.split("\n").some((line) => line.split(" ")[0] === engine.netns)) await ip(["netns", "del", engine.netns], "Removing a network namespace needs root.");
}

export async function removeBridge(): Promise<void> {
  await runCommand("iptables", ["-D", "FORWARD", "-i", engineBridge.name, "-o", engineBridge.name, "-j", "ACCEPT"], { timeoutMs }).catch(() => undefined);
  if (await linkExists(engineBridge.name)) await ip(["link", "del", engineBridge.name], "Removing the bridge needs root.");
}

async function linkExists(name: string): Promise<boolean> {
  return runCommand("ip", ["link", "show", name], { timeoutMs }).then(
    () => true,
    () => false,
  );
}
