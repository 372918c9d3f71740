import { closeSync, existsSync, openSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import Docker from "dockerode";
import { execa } from "execa";
import { EnvironmentError, UsageError } from "../../errors.js";
import type { Progress } from "../../progress.js";
import { hasCommand } from "../run-command.js";
import { createBridge, createNamespace, removeBridge, removeNamespace } from "./engine-namespace.js";
import { engineBridge, maxExtraEngines, planEngines, swarmAddressPool, type ExtraEngine } from "./engine-plan.js";

/** What `engines up` made, so `engines down` and `prune` can take it apart from any shell. */
export interface EngineSet {
  engines: ExtraEngine[];
  /** The host engine's swarm is ours (we initialised it): leaving it is ours to do too. */
  swarmOwned: boolean;
  createdAt: string;
}

const startupTimeoutMs = 60_000;
const stateFile = (cacheDir: string) => join(cacheDir, "engines", "engines.json");

export async function readEngineSet(cacheDir: string): Promise<EngineSet | undefined> {
  const file = stateFile(cacheDir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, "utf8")) as EngineSet;
}

/**
 * Starts `count` extra Docker engines on this machine, each in its own network namespace with its
 * own data root, joined to the host engine's swarm as workers. Whatever fails part way is taken
 * down again before the error is thrown.
 */
export async function enginesUp(count: number, host: Docker, options: { cacheDir: string; progress: Progress }): Promise<EngineSet> {
  if (!Number.isInteger(count) || count < 1 || count > maxExtraEngines) throw new UsageError(`the number of extra engines must be 1–${maxExtraEngines}, got ${count}`, "e.g. 'receptor-lab engines up 2' for three engines in all.");
  if (await readEngineSet(options.cacheDir)) throw new UsageError("extra engines are already up", "'receptor-lab engines' lists them; 'receptor-lab engines down' removes them first.");
  for (const command of ["ip", "nsenter", "iptables", "dockerd"]) {
    if (!(await hasCommand(command))) throw new EnvironmentError(`'${command}' is not on PATH: extra engines need it`, "Install iproute2, util-linux, iptables and docker.io (Debian), then run the command again.");
  }
  const swarm = (await host.info()) as { Swarm?: { LocalNodeState?: string } };
  if (swarm.Swarm?.LocalNodeState && swarm.Swarm.LocalNodeState !== "inactive") {
    throw new EnvironmentError(`the host engine is already in a swarm (${swarm.Swarm.LocalNodeState})`, "Leave it ('docker swarm leave --force') or use that swarm's engines with --engines, then run the command again.");
  }
  const set: EngineSet = { engines: planEngines(count, options.cacheDir), swarmOwned: false, createdAt: new Date().toISOString() };
  const { progress } = options;
  try {
    await mkdir(dirname(stateFile(options.cacheDir)), { recursive: true });
    await writeFile(stateFile(options.cacheDir), JSON.stringify(set, null, 2));
    progress.step(`Bridge ${engineBridge.name} (${engineBridge.subnet}) for ${count} extra engine${count === 1 ? "" : "s"} …`);
    await createBridge();
    for (const engine of set.engines) {
      progress.detail(`${engine.name}: namespace ${engine.netns}, ${engine.address}, dockerd at unix://${engine.socket}`);
      await createNamespace(engine);
      await startEngine(engine);
    }
    await Promise.all(set.engines.map((engine) => waitForEngine(engine)));
    progress.step(`Swarm: the host engine manages on ${engineBridge.hostAddress}, ${count} worker${count === 1 ? "" : "s"} join …`);
    await host.swarmInit({ ListenAddr: `${engineBridge.hostAddress}:2377`, AdvertiseAddr: engineBridge.hostAddress, DefaultAddrPool: [swarmAddressPool], SubnetSize: 24 });
    set.swarmOwned = true;
    await writeFile(stateFile(options.cacheDir), JSON.stringify(set, null, 2));
    const token = ((await host.swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
    for (const engine of set.engines) {
      await engineClient(engine).swarmJoin({ ListenAddr: `${engine.address}:2377`, AdvertiseAddr: engine.address, RemoteAddrs: [`${engineBridge.hostAddress}:2377`], JoinToken: token });
    }
    return set;
  } catch (error) {
    await enginesDown(host, { ...options, progress: { ...progress, step: () => {} } }).catch(() => undefined);
    throw error;
  }
}

/** Leaves the swarm, stops each extra engine, removes its namespace, the bridge and the state. Nothing up: nothing to do. */
export async function enginesDown(host: Docker, options: { cacheDir: string; progress: Progress }): Promise<EngineSet | undefined> {
  const set = await readEngineSet(options.cacheDir);
  if (!set) return undefined;
  options.progress.step(`Removing ${set.engines.length} extra engine${set.engines.length === 1 ? "" : "s"} and the swarm …`);
  for (const engine of set.engines) {
    if (existsSync(engine.socket)) await engineClient(engine).swarmLeave({ force: true }).catch(() => undefined);
    await stopEngine(engine);
    await removeNamespace(engine);
    await rm(dirname(engine.socket), { recursive: true, force: true });
  }
  if (set.swarmOwned) await host.swarmLeave({ force: true }).catch(() => undefined);
  await removeBridge();
  await rm(stateFile(options.cacheDir), { force: true });
  return set;
}

export function engineClient(engine: ExtraEngine): Docker {
  return new Docker({ socketPath: engine.socket });
}

/** dockerd inside the namespace: nsenter, not `ip netns exec` (that remounts /sys and hides the cgroup v1 mounts). */
async function startEngine(engine: ExtraEngine): Promise<void> {
  await mkdir(engine.execRoot, { recursive: true });
  await mkdir(engine.dataRoot, { recursive: true });
  const log = openSync(engine.log, "a") as 3;
  try {
    const args = [`--net=/run/netns/${engine.netns}`, "dockerd", "--data-root", engine.dataRoot, "--exec-root", engine.execRoot, "-H", `unix://${engine.socket}`, "--pidfile", engine.pidFile];
    const dockerd = execa("nsenter", args, { detached: true, cleanup: false, stdin: "ignore", stdout: log, stderr: log });
    dockerd.unref();
    dockerd.catch(() => undefined);
  } finally {
    closeSync(log);
  }
}

async function waitForEngine(engine: ExtraEngine): Promise<void> {
  const deadline = Date.now() + startupTimeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(engine.socket) && (await engineClient(engine).ping().then(() => true, () => false))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const tail = existsSync(engine.log) ? (await readFile(engine.log, "utf8")).trim().split("\n").slice(-5).join("\n  ") : "(no log)";
  throw new EnvironmentError(`${engine.name}'s dockerd did not answer at unix://${engine.socket} within ${startupTimeoutMs / 1000} s; its log ends:\n  ${tail}`, `Read ${engine.log}, fix what it says, then 'receptor-lab engines down' and up again.`);
}

async function stopEngine(engine: ExtraEngine): Promise<void> {
  if (!existsSync(engine.pidFile)) return;
  const pid = Number((await readFile(engine.pidFile, "utf8")).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (alive(pid)) process.kill(pid, "SIGKILL");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
